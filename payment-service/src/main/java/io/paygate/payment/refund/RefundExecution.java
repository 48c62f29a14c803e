package io.paygate.payment.refund;

import io.paygate.common.kafka.EventPublisher;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundRequested;
import io.paygate.events.RefundSucceeded;
import io.paygate.payment.alipay.AlipayGateway;
import io.paygate.payment.alipay.AlipayGateway.RefundOutcome;
import io.paygate.payment.attempt.FoundPayments;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Carries out a requested refund at the platform and reports what happened. The refund number
 * is the platform's idempotency key, so a redelivered request or a retry after a timeout never
 * gives money back twice; an unknown outcome fails the pass, and the listener's back-off asks
 * again with the same number. Only a platform's definite refusal becomes {@code RefundFailed}.
 */
@Component
public class RefundExecution {

    private static final Logger log = LoggerFactory.getLogger(RefundExecution.class);

    private final Optional<AlipayGateway> alipay;
    private final EventPublisher publisher;
    private final Clock clock;

    RefundExecution(ObjectProvider<AlipayGateway> alipay, EventPublisher publisher, Clock clock) {
        this.alipay = Optional.ofNullable(alipay.getIfAvailable());
        this.publisher = publisher;
        this.clock = clock;
    }

    public Mono<Void> execute(RefundRequested request) {
        if (request.channel() != Channel.ALIPAY || alipay.isEmpty()) {
            return Mono.error(new IllegalStateException("no gateway to refund " + request.channel() + " payments"));
        }
        return alipay.get().refund(request.orderNo(), request.refundNo(), request.amountFen(), request.reason())
                .flatMap(outcome -> switch (outcome) {
                    case RefundOutcome.Refunded done -> publish(request, "succeeded", new RefundSucceeded(request.orderNo(),
                            request.refundNo(), request.amountFen(), request.channel(), request.platformTradeNo(), done.refundedAt()));
                    case RefundOutcome.Refused refused -> publish(request, "failed", new RefundFailed(request.orderNo(),
                            request.refundNo(), request.amountFen(), request.channel(), refused.subCode(), refused.subMsg(),
                            clock.instant()));
                    case RefundOutcome.Unknown unknown -> Mono.error(new IllegalStateException(
                            "refund " + request.refundNo() + " outcome unknown, asking again: " + unknown.reason()));
                })
                .doOnSuccess(done -> log.atInfo().addKeyValue("orderNo", request.orderNo())
                        .log("refund {} of {} fen for order {} settled at {}", request.refundNo(), request.amountFen(),
                                request.orderNo(), request.channel()));
    }

    private Mono<Void> publish(RefundRequested request, String outcome, io.paygate.events.PaymentEvent event) {
        String id = UUID.nameUUIDFromBytes(("REFUND:" + request.refundNo() + ":" + outcome).getBytes(StandardCharsets.UTF_8)).toString();
        return publisher.publish(new Envelope<>(id, FoundPayments.SOURCE, clock.instant(), event)).then();
    }
}
