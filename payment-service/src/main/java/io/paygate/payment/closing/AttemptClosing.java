package io.paygate.payment.closing;

import io.paygate.events.Channel;
import io.paygate.payment.platform.Gateways;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.payment.attempt.AttemptStatus;
import io.paygate.payment.attempt.FoundPayments;
import io.paygate.payment.attempt.PaymentAttempts;
import io.paygate.payment.attempt.PaymentAttempts.Attempt;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * When an order stops waiting (expired or cancelled), each of its open attempts is first
 * queried at its platform — a payment found there is published as {@code PaymentSucceeded}, and
 * order-service applies its paid-after-timeout rule — and otherwise closed, so nobody can pay
 * it any more. An outcome we cannot know fails the whole pass, which the listener's error
 * handler retries with back-off.
 */
@Component
class AttemptClosing {

    private static final Logger log = LoggerFactory.getLogger(AttemptClosing.class);

    private final PaymentAttempts attempts;
    private final Gateways gateways;
    private final FoundPayments found;
    private final Clock clock;

    AttemptClosing(PaymentAttempts attempts, Gateways gateways, FoundPayments found, Clock clock) {
        this.attempts = attempts;
        this.gateways = gateways;
        this.found = found;
        this.clock = clock;
    }

    Mono<Void> closeOpenAttempts(String orderNo) {
        return attempts.open(orderNo).concatMap(this::settle).then();
    }

    /**
     * The order is paid: the attempt that paid it succeeded, and every other open attempt (the
     * other channel, another scene) is closed so the buyer cannot pay twice.
     */
    Mono<Void> afterPaid(String orderNo, Channel channel, String platformTradeNo, java.time.Instant paidAt) {
        return attempts.open(orderNo)
                .concatMap(attempt -> attempt.channel() == channel
                        ? attempts.markPaid(attempt.id(), platformTradeNo, paidAt, clock.instant())
                                .doOnSuccess(done -> log.atInfo().addKeyValue("orderNo", orderNo)
                                        .log("attempt {} of order {} is {}", attempt.id(), orderNo, AttemptStatus.SUCCEEDED))
                        : settle(attempt))
                .then();
    }

    private Mono<Void> settle(Attempt attempt) {
        PlatformGateway gateway = gateways.of(attempt.channel())
                .orElseThrow(() -> new IllegalStateException(attempt.channel() + " is not enabled here"));
        return gateway.query(attempt.orderNo()).flatMap(found -> switch (found) {
            case PlatformTrade.Paid paid -> paidAtPlatform(gateway, attempt, paid);
            case PlatformTrade.Waiting waiting -> gateway.close(attempt.orderNo())
                    .flatMap(closed -> afterClose(gateway, attempt, closed));
            case PlatformTrade.Closed closed -> mark(attempt, AttemptStatus.CLOSED, closed.tradeNo());
            // a cashier never opened: nothing exists to close, and time_expire keeps it from being paid later
            case PlatformTrade.NotFound notFound -> mark(attempt, AttemptStatus.CLOSED, null);
            case PlatformTrade.Refused refused -> unknown(attempt, "query refused: " + refused.subCode());
            case PlatformTrade.Unknown unknown -> unknown(attempt, unknown.reason());
        });
    }

    private Mono<Void> afterClose(PlatformGateway gateway, Attempt attempt, PlatformTrade closed) {
        return switch (closed) {
            case PlatformTrade.Closed done -> mark(attempt, AttemptStatus.CLOSED, done.tradeNo());
            case PlatformTrade.NotFound gone -> mark(attempt, AttemptStatus.CLOSED, null);
            // paid between our query and our close: ask again, the payment wins
            case PlatformTrade.Refused refused when "ACQ.TRADE_STATUS_ERROR".equals(refused.subCode()) -> gateway.query(attempt.orderNo())
                    .flatMap(again -> again instanceof PlatformTrade.Paid paid ? paidAtPlatform(gateway, attempt, paid)
                            : unknown(attempt, "close refused and query says " + again));
            case PlatformTrade.Refused refused -> unknown(attempt, "close refused: " + refused.subCode());
            case PlatformTrade.Unknown unknown -> unknown(attempt, unknown.reason());
            case PlatformTrade.Paid paid -> paidAtPlatform(gateway, attempt, paid);
            case PlatformTrade.Waiting waiting -> unknown(attempt, "still open after close");
        };
    }

    private Mono<Void> paidAtPlatform(PlatformGateway gateway, Attempt attempt, PlatformTrade.Paid paid) {
        return found.publish(attempt, paid.tradeNo(), paid.amountFen(), paid.paidAt(), gateway.appId(),
                "order " + attempt.orderNo() + " stopped waiting");
    }

    private Mono<Void> mark(Attempt attempt, AttemptStatus status, String tradeNo) {
        return attempts.mark(attempt.id(), status, tradeNo, clock.instant())
                .doOnSuccess(done -> log.atInfo().addKeyValue("orderNo", attempt.orderNo())
                        .log("attempt {} of order {} is {}", attempt.id(), attempt.orderNo(), status));
    }

    private Mono<Void> unknown(Attempt attempt, String reason) {
        return attempts.mark(attempt.id(), AttemptStatus.UNKNOWN, null, clock.instant())
                .then(Mono.error(new OutcomeUnknown(attempt.orderNo(), reason)));
    }

    /** The platform's answer could not be trusted or had; retried by the listener's back-off. */
    static final class OutcomeUnknown extends RuntimeException {
        OutcomeUnknown(String orderNo, String reason) {
            super("cannot settle an attempt of order " + orderNo + ": " + reason);
        }
    }
}
