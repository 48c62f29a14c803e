package io.paygate.payment.attempt;

import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.kafka.PaymentEventIds;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentSucceeded;
import io.paygate.payment.attempt.PaymentAttempts.Attempt;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A payment paygate found by asking the platform rather than by being told: published as
 * {@code PaymentSucceeded} with the same event id a notification of that trade carries, so
 * whichever arrives second changes nothing. The attempt is marked only after the broker
 * acknowledged the event.
 */
@Component
public class FoundPayments {

    private static final Logger log = LoggerFactory.getLogger(FoundPayments.class);
    public static final String SOURCE = "/paygate/payment-service";

    private final EventPublisher publisher;
    private final PaymentAttempts attempts;
    private final Clock clock;

    FoundPayments(EventPublisher publisher, PaymentAttempts attempts, Clock clock) {
        this.publisher = publisher;
        this.attempts = attempts;
        this.clock = clock;
    }

    public Mono<Void> publish(Attempt attempt, String tradeNo, long amountFen, Instant paidAt, String appId, String why) {
        var event = new PaymentSucceeded(attempt.orderNo(), attempt.channel(), tradeNo, amountFen, "CNY", paidAt, appId,
                PaymentSucceeded.Source.QUERY);
        return publisher.publish(new Envelope<>(PaymentEventIds.paid(attempt.channel(), tradeNo), SOURCE, clock.instant(), event))
                .then(attempts.markPaid(attempt.id(), tradeNo, paidAt, clock.instant()))
                .doOnSuccess(done -> log.atWarn().addKeyValue("orderNo", attempt.orderNo())
                        .log("{}: {} says trade {} of order {} was paid; published it", why, attempt.channel(), tradeNo,
                                attempt.orderNo()));
    }
}
