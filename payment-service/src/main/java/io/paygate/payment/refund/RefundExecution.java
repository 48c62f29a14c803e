package io.paygate.payment.refund;

import io.paygate.common.faults.CrashPoints;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.kafka.PaymentEventIds;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentEvent;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundRequested;
import io.paygate.events.RefundSucceeded;
import io.paygate.payment.attempt.FoundPayments;
import io.paygate.payment.platform.Gateways;
import io.paygate.payment.platform.PlatformGateway;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.refund.Refunds.Refund;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Carries out a requested refund at the platform and reports how it ended. The refund is recorded
 * first (UNKNOWN), then asked for; the refund number is the platform's idempotency key, so a
 * redelivered request, a retry after a timeout or a re-send by the re-check never gives money back
 * twice. A definite answer is published at once — {@code RefundSucceeded}, or {@code RefundFailed}
 * for a refusal — and settles the refund; PROCESSING (WeChat) and UNKNOWN are left to
 * {@link RefundRecheck}, which asks again until the platform says how it ended.
 */
@Component
public class RefundExecution {

    private static final Logger log = LoggerFactory.getLogger(RefundExecution.class);
    /** Crash point: the platform answered a refund, and the answer is not recorded. */
    static final String AFTER_PLATFORM_CALL = "refund.after-platform-call";

    private final Gateways gateways;
    private final Refunds refunds;
    private final RefundSettings settings;
    private final EventPublisher publisher;
    private final Clock clock;

    RefundExecution(Gateways gateways, Refunds refunds, RefundSettings settings, EventPublisher publisher, Clock clock) {
        this.gateways = gateways;
        this.refunds = refunds;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Mono<Void> execute(RefundRequested request) {
        PlatformGateway gateway = gateways.of(request.channel()).orElse(null);
        if (gateway == null) {
            return Mono.error(new IllegalStateException("no gateway to refund " + request.channel() + " payments"));
        }
        Instant now = clock.instant();
        return refunds.record(request, now, now.plus(settings.delayBefore(1)))
                .flatMap(refund -> {
                    if (refund.status().settled()) {
                        log.atInfo().addKeyValue("orderNo", refund.orderNo())
                                .log("refund {} was {} before; nothing to do", refund.refundNo(), refund.status());
                        return Mono.empty();
                    }
                    return gateway.refund(refund.order())
                            // the platform has answered and nothing of its answer is recorded yet
                            .doOnNext(outcome -> CrashPoints.reach(AFTER_PLATFORM_CALL))
                            .flatMap(outcome -> apply(refund, outcome));
                })
                .then();
    }

    /**
     * Records what the platform said of a refund and publishes it once it is known. Answers a
     * short word for logs and metrics. {@link PlatformRefund.NotFound} only comes from a query;
     * the caller re-sends the refund instead of applying it.
     */
    Mono<String> apply(Refund refund, PlatformRefund outcome) {
        Instant now = clock.instant();
        return switch (outcome) {
            case PlatformRefund.Succeeded done -> publish(PaymentEventIds.refundSucceeded(refund.refundNo()), new RefundSucceeded(
                    refund.orderNo(), refund.refundNo(), refund.amountFen(), refund.channel(), refund.platformTradeNo(), done.refundedAt()))
                    .then(refunds.settle(refund.refundNo(), RefundStatus.SUCCEEDED, done.refundId(), null, done.refundedAt(), now))
                    .doOnNext(moved -> log.atInfo().addKeyValue("orderNo", refund.orderNo()).log("refund {} of {} fen for order {} succeeded at {}",
                            refund.refundNo(), refund.amountFen(), refund.orderNo(), refund.channel()))
                    .thenReturn("succeeded");
            case PlatformRefund.Refused refused -> publish(PaymentEventIds.refundFailed(refund.refundNo()), new RefundFailed(
                    refund.orderNo(), refund.refundNo(), refund.amountFen(), refund.channel(), refused.code(), refused.message(), now))
                    .then(refunds.settle(refund.refundNo(), RefundStatus.FAILED, null, refused.code(), now))
                    .doOnNext(moved -> log.atWarn().addKeyValue("orderNo", refund.orderNo()).log("refund {} of order {} refused by {}: {}",
                            refund.refundNo(), refund.orderNo(), refund.channel(), refused.code()))
                    .thenReturn("failed");
            case PlatformRefund.Processing processing -> refunds.note(refund.refundNo(), RefundStatus.PROCESSING, processing.refundId(), now)
                    .thenReturn("processing");
            case PlatformRefund.Unknown unknown -> refunds.note(refund.refundNo(), RefundStatus.UNKNOWN, null, now)
                    .doOnSuccess(done -> log.atWarn().addKeyValue("orderNo", refund.orderNo())
                            .log("refund {} of order {}: outcome not known yet ({}); asking again later", refund.refundNo(),
                                    refund.orderNo(), unknown.reason()))
                    .thenReturn("unknown");
            case PlatformRefund.NotFound none -> refunds.note(refund.refundNo(), RefundStatus.UNKNOWN, null, now)
                    .thenReturn("not_found");
        };
    }

    private Mono<Void> publish(String id, PaymentEvent event) {
        return publisher.publish(new Envelope<>(id, FoundPayments.SOURCE, clock.instant(), event)).then();
    }
}
