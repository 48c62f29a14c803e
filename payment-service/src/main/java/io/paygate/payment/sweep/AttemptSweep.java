package io.paygate.payment.sweep;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.payment.platform.Gateways;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.payment.attempt.AttemptStatus;
import io.paygate.payment.attempt.FoundPayments;
import io.paygate.payment.attempt.PaymentAttempts;
import io.paygate.payment.attempt.PaymentAttempts.Due;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Catches payments whose notification never came: attempts with no outcome are queried at
 * their platform on a decaying schedule. Paid there → {@code PaymentSucceeded}; closed →
 * recorded; still open → asked again later. Not an optimisation: platforms stop notifying
 * after about a day, and a dropped notification is otherwise a lost payment.
 */
@Component
class AttemptSweep {

    private static final Logger log = LoggerFactory.getLogger(AttemptSweep.class);

    private final SweepSettings settings;
    private final PaymentAttempts attempts;
    private final Gateways gateways;
    private final FoundPayments found;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final MeterRegistry meters;

    AttemptSweep(SweepSettings settings, PaymentAttempts attempts, Gateways gateways, FoundPayments found,
                 TransactionalOperator tx, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.attempts = attempts;
        this.gateways = gateways;
        this.found = found;
        this.tx = tx;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${paygate.payment.sweep.interval:10s}")
    void sweep() {
        if (!settings.enabled()) {
            return;
        }
        Instant now = clock.instant();
        // claim in one short transaction; ask the platforms outside it, so no row lock waits on a network call
        var due = tx.transactional(attempts.claimDue(now, settings.batch(), settings::delayBefore).collectList())
                .block(Duration.ofMinutes(1));
        if (due == null || due.isEmpty()) {
            return;
        }
        for (Due attempt : due) {
            String outcome;
            try {
                outcome = check(attempt, now).block(Duration.ofMinutes(1));
            } catch (RuntimeException e) {
                outcome = "error";
                log.atWarn().addKeyValue("orderNo", attempt.attempt().orderNo())
                        .log("sweep could not check order {}: {}", attempt.attempt().orderNo(), e.toString());
            }
            meters.counter("paygate.payment.sweep.checked", "channel", attempt.attempt().channel().name(), "outcome", outcome)
                    .increment();
        }
    }

    private Mono<String> check(Due due, Instant now) {
        var attempt = due.attempt();
        var found = gateways.of(attempt.channel());
        if (found.isEmpty()) {
            return Mono.just("no_gateway");
        }
        PlatformGateway gateway = found.get();
        boolean tooOld = due.createdAt().plus(settings.giveUpAfter()).isBefore(now);
        return gateway.query(attempt.orderNo()).flatMap(trade -> switch (trade) {
            case PlatformTrade.Paid paid -> this.found.publish(attempt, paid.tradeNo(), paid.amountFen(), paid.paidAt(), gateway.appId(),
                    "lost-notification sweep").thenReturn("paid");
            case PlatformTrade.Closed closed -> attempts.mark(attempt.id(), AttemptStatus.CLOSED, closed.tradeNo(), now).thenReturn("closed");
            // time_expire makes a trade past the order's deadline unpayable; past the give-up age nothing will change
            case PlatformTrade.NotFound none -> due.expiresAt().isBefore(now) && tooOld
                    ? attempts.mark(attempt.id(), AttemptStatus.CLOSED, null, now).thenReturn("never_opened")
                    : Mono.just("not_yet");
            case PlatformTrade.Waiting waiting -> tooOld
                    ? attempts.mark(attempt.id(), AttemptStatus.UNKNOWN, waiting.tradeNo(), now).thenReturn("still_open")
                    : Mono.just("waiting");
            case PlatformTrade.Refused refused -> attempts.mark(attempt.id(), AttemptStatus.UNKNOWN, null, now).thenReturn("refused");
            case PlatformTrade.Unknown unknown -> attempts.mark(attempt.id(), AttemptStatus.UNKNOWN, null, now).thenReturn("unknown");
        });
    }
}
