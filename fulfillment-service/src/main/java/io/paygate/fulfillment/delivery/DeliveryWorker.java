package io.paygate.fulfillment.delivery;

import io.paygate.common.faults.CrashPoints;
import io.paygate.fulfillment.admin.AdminLinks;
import io.paygate.fulfillment.admin.AdminMessage;
import io.paygate.fulfillment.admin.AdminMessages;
import io.paygate.fulfillment.email.Mail;
import io.paygate.fulfillment.email.Mailer;
import io.paygate.fulfillment.email.Wording;
import io.paygate.fulfillment.robot.Robot;
import io.paygate.fulfillment.robot.RobotFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Sends pending effects on one thread of its own: claims a batch of due ones, sends its robot
 * messages and then its mails, one after the other over one SMTP connection, and marks each
 * effect done as soon as it was accepted, reschedules it with back-off, or dead-letters it. Each
 * effect has its own schedule, so one order whose mail keeps failing never delays another order's.
 *
 * <p>An effect is marked done only after the SMTP server or the robot accepted it, before the
 * next is sent. If the process dies in between, the claim's lease runs out and the effect is
 * sent again: at most one extra mail or message per crash, never none.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Crash point: an effect was accepted by the SMTP server or the robot, and is not marked done. */
    static final String AFTER_SEND = "delivery.after-send";
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    /** How long an SMTP connection is kept open with nothing to send. */
    static final Duration SMTP_KEEP_OPEN = Duration.ofSeconds(30);
    /*
     * Stops after the Kafka listener containers (Integer.MAX_VALUE - 100), which may still wake
     * it, and before the admin streams close (Integer.MAX_VALUE - 200).
     */
    private static final int PHASE = Integer.MAX_VALUE - 150;

    private final EffectStore store;
    private final DeliverySettings settings;
    private final Mailer mailer;
    private final Robot robot;
    private final DeadLetters deadLetters;
    private final AdminMessages admin;
    private final AdminLinks links;
    private final Wording wording;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    /** Kept open between batches (the worker is woken per event, so batches are often of one mail); worker thread only. */
    private Mailer.Connection smtp;

    DeliveryWorker(EffectStore store, DeliverySettings settings, Mailer mailer, Robot robot, DeadLetters deadLetters,
                   AdminMessages admin, AdminLinks links, Wording wording, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.mailer = mailer;
        this.robot = robot;
        this.deadLetters = deadLetters;
        this.admin = admin;
        this.links = links;
        this.wording = wording;
        this.clock = clock;
    }

    void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            try {
                running.execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                // stopping: what was queued is sent after the next start
            }
        }
    }

    /** Sends everything due now. Runs only on the worker's own thread. */
    private void drain() {
        wakeQueued.set(false);
        try {
            List<Effect> due;
            do {
                Instant now = clock.instant();
                due = store.claimDue(now, now.plus(settings.lease()), settings.batchSize()).block(DB_TIMEOUT);
                if (!deliver(due)) {
                    return; // the rest come due again when their lease ends
                }
            } while (!due.isEmpty());
            closeSmtpIfIdle();
        } catch (RuntimeException e) {
            // the database is away: the next poll tries again; nothing claimed is lost
            log.atWarn().log("delivery worker could not reach its queue: {}", reason(e));
        }
    }

    /** Delivers one claimed batch. False when the worker is stopping before it is through. */
    private boolean deliver(List<Effect> due) {
        List<Effect> mails = new ArrayList<>(due.size());
        for (Effect effect : due) {
            if (stopping()) {
                return false;
            }
            if (effect.attempt() > settings.maxAttempts()) {
                // failed for good earlier, but the dead-letter topic was away then
                deadLetter(effect, effect.lastError() == null ? "failed earlier" : effect.lastError());
                continue;
            }
            switch (effect.kind()) {
                case CUSTOMER_MAIL, ADMIN_MAIL -> mails.add(effect);
                case ROBOT_MESSAGE -> deliverMessage(effect);
            }
        }
        if (stopping()) {
            return false;
        }
        deliverMails(mails);
        return true;
    }

    private boolean stopping() {
        ScheduledExecutorService running = executor;
        return running == null || running.isShutdown();
    }

    private void deliverMessage(Effect effect) {
        try {
            robot.post(effect.origin().id(), effect.payload());
        } catch (RuntimeException failure) {
            failed(effect, failure);
            return;
        }
        markDone(effect);
    }

    /**
     * One SMTP connection for many mails instead of one per mail (what made receipts go out at
     * 6–20/s), kept open across batches until it has been idle for {@link #SMTP_KEEP_OPEN}. Each
     * mail still succeeds or fails on its own and is marked done as soon as the server accepted
     * it, before the next is sent.
     */
    private void deliverMails(List<Effect> effects) {
        if (effects.isEmpty()) {
            return;
        }
        if (smtp == null) {
            smtp = mailer.connect();
        }
        for (Effect effect : effects) {
            if (stopping()) {
                return; // the rest come due again when their lease ends
            }
            try {
                // one Message-ID per effect: a copy sent again after a crash is recognisably the same mail
                smtp.send(PlannedEffect.JSON.readValue(effect.payload(), Mail.class),
                        mailer.messageId(effect.origin().id() + "." + effect.id()));
            } catch (RuntimeException failure) {
                failed(effect, failure);
                continue;
            }
            markDone(effect);
        }
    }

    /** Servers drop idle clients after a few minutes anyway; saying goodbye first is politer. */
    private void closeSmtpIfIdle() {
        if (smtp != null && smtp.idle().compareTo(SMTP_KEEP_OPEN) > 0) {
            closeSmtp();
        }
    }

    private void closeSmtp() {
        Mailer.Connection open = smtp;
        smtp = null;
        if (open != null) {
            open.close();
        }
    }

    /** After the SMTP server or the robot accepted it. */
    private void markDone(Effect effect) {
        // the SMTP server (or the robot) accepted it, and it is not marked done yet
        CrashPoints.reach(AFTER_SEND, effect.kind().name());
        try {
            store.done(effect.id(), clock.instant()).block(DB_TIMEOUT);
            log.atInfo().addKeyValue("orderNo", effect.orderNo()).addKeyValue("effect", effect.kind())
                    .addKeyValue("attempt", effect.attempt())
                    .log("order {}: {} delivered on attempt {}", effect.orderNo(), effect.kind(), effect.attempt());
        } catch (RuntimeException e) {
            // sent but not recorded: the lease runs out and it is sent once more
            log.atError().addKeyValue("orderNo", effect.orderNo()).addKeyValue("effect", effect.kind())
                    .log("order {}: {} was delivered but could not be marked done; it will be sent again: {}",
                            effect.orderNo(), effect.kind(), reason(e));
        }
    }

    private void failed(Effect effect, RuntimeException failure) {
        String reason = reason(failure);
        boolean permanent = permanent(failure);
        if (permanent || effect.attempt() >= settings.maxAttempts()) {
            log.atWarn().addKeyValue("orderNo", effect.orderNo()).addKeyValue("effect", effect.kind())
                    .addKeyValue("attempt", effect.attempt())
                    .log("order {}: {} failed {} on attempt {}: {}", effect.orderNo(), effect.kind(),
                            permanent ? "for good" : "for the last time", effect.attempt(), reason);
            deadLetter(effect, reason);
            return;
        }
        Duration wait = settings.backoff(effect.attempt());
        log.atWarn().addKeyValue("orderNo", effect.orderNo()).addKeyValue("effect", effect.kind())
                .addKeyValue("attempt", effect.attempt())
                .log("order {}: {} failed on attempt {} of {}, next try in {}: {}", effect.orderNo(), effect.kind(),
                        effect.attempt(), settings.maxAttempts(), wait, reason);
        reschedule(effect, clock.instant().plus(wait), reason, false);
    }

    private void deadLetter(Effect effect, String reason) {
        try {
            deadLetters.publish(effect, reason);
        } catch (RuntimeException kafkaAway) {
            log.atError().addKeyValue("orderNo", effect.orderNo()).addKeyValue("effect", effect.kind())
                    .log("order {}: {} could not be dead-lettered and stays queued: {}", effect.orderNo(), effect.kind(),
                            reason(kafkaAway));
            reschedule(effect, clock.instant().plus(settings.maxBackoff()), reason, true);
            return;
        }
        try {
            store.dead(effect.id(), reason, clock.instant()).block(DB_TIMEOUT);
        } catch (RuntimeException e) {
            // dead-lettered but still PENDING: it is dead-lettered once more when its lease ends
            log.atError().addKeyValue("orderNo", effect.orderNo())
                    .log("order {}: {} was dead-lettered but could not be marked so: {}", effect.orderNo(), effect.kind(), reason(e));
            return;
        }
        log.atError().addKeyValue("orderNo", effect.orderNo()).addKeyValue("effect", effect.kind())
                .addKeyValue("eventId", effect.origin().id())
                .log("order {}: {} dead-lettered after {} attempt(s): {}", effect.orderNo(), effect.kind(), effect.attempt(), reason);
        admin.publish(AdminMessage.Kind.DELIVERY_FAILED, effect.orderNo(),
                wording.deliveryFailedLine(effect.orderNo(), effect.kind().name(), reason), 0, links.order(effect.orderNo()));
    }

    private void reschedule(Effect effect, Instant at, String reason, boolean exhausted) {
        try {
            store.retryAt(effect.id(), at, reason, exhausted, settings.maxAttempts()).block(DB_TIMEOUT);
        } catch (RuntimeException e) {
            // the lease still runs out: the effect comes due again, just later than planned
            log.atWarn().addKeyValue("orderNo", effect.orderNo())
                    .log("order {}: could not reschedule {}: {}", effect.orderNo(), effect.kind(), reason(e));
        }
    }

    /** Sending the same thing again cannot help: it cannot be built or its receiver refused it. */
    static boolean permanent(RuntimeException failure) {
        return switch (failure) {
            case RobotFailure robotFailure -> robotFailure.permanent();
            case MailException mailFailure -> Mailer.permanent(mailFailure);
            case JacksonException unreadable -> true;
            default -> false;
        };
    }

    /** The innermost cause names the real problem. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("fulfillment-delivery").daemon().factory());
        executor = started;
        started.scheduleWithFixedDelay(this::drain, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            // an attempt in flight finishes (SMTP and robot calls have their own timeouts)
            if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (running.isTerminated()) {
            closeSmtp(); // the worker thread is gone: nobody else uses the connection
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
