package io.paygate.payment.reconcile;

import io.paygate.events.Channel;
import io.paygate.payment.attempt.AttemptStatus;
import io.paygate.payment.attempt.FoundPayments;
import io.paygate.payment.attempt.PaymentAttempts;
import io.paygate.payment.platform.Gateways;
import io.paygate.payment.platform.PlatformBill;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.reconcile.Matcher.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Reconciles one channel's day: downloads the platform's trade bill through its gateway (a failed
 * download is tried again, a bounded number of times), matches it both ways against our payments
 * and refunds of that day and what the day before carried over, publishes a payment the platform
 * has and we hold as unpaid as {@code PaymentSucceeded} (the id a notification of it carries, so
 * the order rules apply once), and replaces the day's stored result in one transaction. A run
 * that fails records why and changes nothing else.
 *
 * <p>Runs are blocking, on a bounded-elastic thread: the scheduler and the admin API start them,
 * the API without waiting.
 */
@Component
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    private static final Duration STEP = Duration.ofMinutes(5);

    private final ReconcileSettings settings;
    private final Gateways gateways;
    private final OurRecords ours;
    private final Runs runs;
    private final PaymentAttempts attempts;
    private final FoundPayments found;
    private final io.paygate.common.kafka.EventPublisher publisher;
    private final Clock clock;

    Reconciliation(ReconcileSettings settings, Gateways gateways, OurRecords ours, Runs runs, PaymentAttempts attempts,
                   FoundPayments found, io.paygate.common.kafka.EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.settings = settings;
        this.gateways = gateways;
        this.ours = ours;
        this.runs = runs;
        this.attempts = attempts;
        this.found = found;
        this.clock = clock;
    }

    /** The outcome of asking for a run: started (with its number), or another run of that day is still going. */
    public sealed interface Start {
        record Started(int runNo) implements Start {
        }

        record AlreadyRunning() implements Start {
        }
    }

    /** Claims the day and runs it in the background; answers at once. */
    public Mono<Start> start(Channel channel, LocalDate day) {
        return claim(channel, day).map(runNo -> {
            Mono.fromRunnable(() -> execute(channel, day, runNo)).subscribeOn(Schedulers.boundedElastic()).subscribe();
            return (Start) new Start.Started(runNo);
        }).defaultIfEmpty(new Start.AlreadyRunning());
    }

    /** Claims the day and runs it on this thread (never an event loop); empty if another run of the day is going. */
    public java.util.Optional<RunView> runNow(Channel channel, LocalDate day) {
        Integer runNo = claim(channel, day).block(STEP);
        if (runNo == null) {
            return java.util.Optional.empty();
        }
        execute(channel, day, runNo);
        return java.util.Optional.ofNullable(runs.find(channel, day).block(STEP));
    }

    public Mono<RunView> view(Channel channel, LocalDate day) {
        return runs.find(channel, day);
    }

    public reactor.core.publisher.Flux<Discrepancy> discrepancies(Channel channel, LocalDate day) {
        return runs.discrepancies(channel, day);
    }

    private Mono<Integer> claim(Channel channel, LocalDate day) {
        Instant now = clock.instant();
        return runs.claim(channel, day, now, now.minus(settings.staleAfter()));
    }

    private void execute(Channel channel, LocalDate day, int runNo) {
        long started = System.nanoTime();
        log.atInfo().addKeyValue("channel", channel).addKeyValue("day", day)
                .log("reconciliation of {} {} started (run {})", channel, day, runNo);
        try {
            String ended = reconcile(channel, day, runNo);
            log.atInfo().addKeyValue("channel", channel).addKeyValue("day", day)
                    .log("reconciliation of {} {} ended in {} ms: {}", channel, day, (System.nanoTime() - started) / 1_000_000, ended);
        } catch (RuntimeException e) {
            String reason = e instanceof RunFailed ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            log.atError().addKeyValue("channel", channel).addKeyValue("day", day)
                    .log("reconciliation of {} {} failed: {}", channel, day, reason);
            runs.fail(channel, day, runNo, reason, clock.instant()).block(STEP);
        }
        announce(channel, day, runNo);
    }

    /**
     * Publishes how the run ended as {@code ReconciliationCompleted}. Its id is derived from what
     * it says, so a re-run with the same result is the same event to consumers (one alert).
     * A failure to publish is logged; the stored result stands and a re-run publishes again.
     */
    private void announce(Channel channel, LocalDate day, int runNo) {
        try {
            RunView view = runs.find(channel, day).block(STEP);
            if (view == null || view.runNo() != runNo) {
                return;
            }
            var event = Events.completed(view, clock.instant());
            if (event == null) {
                return;
            }
            publisher.publish(new io.paygate.events.Envelope<>(Events.id(event), FoundPayments.SOURCE, clock.instant(), event))
                    .block(STEP);
        } catch (RuntimeException e) {
            log.atError().addKeyValue("channel", channel).addKeyValue("day", day)
                    .log("reconciliation of {} {}: ReconciliationCompleted not published: {}", channel, day, e.toString());
        }
    }

    private String reconcile(Channel channel, LocalDate day, int runNo) {
        PlatformGateway gateway = gateways.of(channel).orElseThrow(() -> new RunFailed(channel + " is not enabled here"));
        Instant from = day.atStartOfDay(settings.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        // ours before the bill: on a day still going (a platform, like the local run's sandbox, may issue today's bill so
        // far) a payment made between the two reads is then on the bill only and is published as found, which applies
        // it once, instead of being reported as paid here only, which says an order was marked paid wrongly
        List<Item> ourItems = ours.of(channel, from, to).block(STEP);
        PlatformBill bill = download(gateway, day);
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());

        String billCode = null;
        List<Item> rows = new ArrayList<>();
        switch (bill) {
            case PlatformBill.Bill found -> found.entries().forEach(entry -> {
                var line = entry.line();
                switch (line.kind()) {
                    case PAYMENT -> rows.add(new Item(Item.Kind.PAYMENT, line.orderNo(), null, line.tradeNo(), line.amountFen(),
                            line.feeMilliFen(), line.at()));
                    case REFUND -> rows.add(new Item(Item.Kind.REFUND, line.orderNo(), line.refundNo(), line.tradeNo(),
                            line.amountFen(), line.feeMilliFen(), line.at()));
                    case OTHER -> {
                        // moves no money of ours (revoked, a refund that did not succeed)
                    }
                }
            });
            case PlatformBill.NoBill none when !day.isBefore(today) -> {
                // the real platforms issue a day's bill the next morning: nothing to compare yet, our side is shown
                Outcome outcome = new Outcome(Matcher.oursOnly(ourItems), List.of(), List.of());
                runs.complete(channel, day, runNo, RunStatus.NO_BILL, none.code(), outcome, ourItems.size(), clock.instant()).block(STEP);
                return "no bill yet (" + none.code() + "); ours " + ourItems.size();
            }
            // a past day without a bill: the platform says it had no business that day (WeChat has no file for such days)
            case PlatformBill.NoBill none -> billCode = none.code();
            case PlatformBill.Unknown unknown -> throw new RunFailed("the bill could not be downloaded: " + unknown.reason());
        }

        List<Carried> carriedIn = runs.carriedOver(channel, day.minusDays(1)).block(STEP);
        long total = (long) ourItems.size() + rows.size();
        runs.progress(channel, day, runNo, 0, total).block(STEP);
        Outcome outcome = Matcher.match(day, settings.zone(), settings.carryOverWindow(), ourItems, rows, carriedIn,
                settings.progressEvery(), processed -> {
                    log.atInfo().addKeyValue("channel", channel).addKeyValue("day", day)
                            .log("reconciliation of {} {}: {} of {} rows processed", channel, day, processed, total);
                    runs.progress(channel, day, runNo, processed, total).block(STEP);
                });
        publishFoundPayments(gateway, day, outcome);
        Boolean stored = runs.complete(channel, day, runNo, RunStatus.COMPLETED, billCode, outcome, total, clock.instant()).block(STEP);
        if (!Boolean.TRUE.equals(stored)) {
            return "not stored: a newer run of the day took over";
        }
        return "ours " + ourItems.size() + ", bill " + rows.size() + ", matched " + outcome.totals().matched()
                + ", discrepancies " + outcome.counts() + ", carried over " + outcome.carriedOut().size();
    }

    private PlatformBill download(PlatformGateway gateway, LocalDate day) {
        try {
            return gateway.tradeBill(day)
                    .flatMap(bill -> bill instanceof PlatformBill.Unknown unknown
                            ? Mono.<PlatformBill>error(new RunFailed("the bill could not be downloaded: " + unknown.reason()))
                            : Mono.just(bill))
                    .retryWhen(Retry.backoff(settings.downloadAttempts() - 1L, settings.retryBackoff().isZero()
                                    ? Duration.ofMillis(1) : settings.retryBackoff()).jitter(0)
                            .filter(RunFailed.class::isInstance)
                            .doBeforeRetry(signal -> log.atWarn().addKeyValue("channel", gateway.channel()).addKeyValue("day", day)
                                    .log("{} bill of {}: try {} failed ({}); trying again", gateway.channel(), day,
                                            signal.totalRetries() + 1, signal.failure().getMessage())))
                    .block(STEP);
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.isRetryExhausted(e) ? e.getCause() : e;
            throw new RunFailed(cause.getMessage() + " (" + settings.downloadAttempts() + " tries)");
        }
    }

    /**
     * A payment the bill has and we hold as unpaid (an attempt not SUCCEEDED) is published as found,
     * so the order rules apply to it; one for an order we never started a payment of is not ours
     * to publish (notify-ingress refuses such notifications too), and is only reported.
     */
    private void publishFoundPayments(PlatformGateway gateway, LocalDate day, Outcome outcome) {
        for (Discrepancy d : outcome.discrepancies()) {
            if (d.type() != DiscrepancyType.PAID_AT_PLATFORM_ONLY) {
                continue;
            }
            var attempt = attempts.latest(d.orderNo(), gateway.channel()).block(STEP);
            if (attempt == null || attempt.status() == AttemptStatus.SUCCEEDED) {
                continue;
            }
            found.publish(attempt, d.platformTradeNo(), d.platformFen(), d.at(), gateway.appId(), "reconciliation of " + day)
                    .block(STEP);
        }
    }

    /** Why a run ended without a result. */
    static final class RunFailed extends RuntimeException {
        RunFailed(String reason) {
            super(reason);
        }
    }
}
