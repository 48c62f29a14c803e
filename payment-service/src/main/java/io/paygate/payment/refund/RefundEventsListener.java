package io.paygate.payment.refund;

import io.paygate.common.kafka.EventRecords;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentClosed;
import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentSucceeded;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundSucceeded;
import io.paygate.events.Topics;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code paygate.payment.v1} for refund outcomes learned elsewhere — WeChat's refund
 * notifications, published by notify-ingress — and our own. Each settles the refund here once
 * (a guarded update), so the re-check stops asking; nothing is published again.
 */
@Component
class RefundEventsListener {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final EventRecords records;
    private final Refunds refunds;
    private final Clock clock;

    RefundEventsListener(EventRecords records, Refunds refunds, Clock clock) {
        this.records = records;
        this.refunds = refunds;
        this.clock = clock;
    }

    @KafkaListener(topics = "paygate.payment.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<PaymentEvent> envelope = records.read(record, Topics.PAYMENT);
        switch (envelope.event()) {
            case RefundSucceeded done -> refunds.settle(done.refundNo(), RefundStatus.SUCCEEDED, null, null, done.refundedAt(), clock.instant())
                    .block(TIMEOUT);
            case RefundFailed failed -> refunds.settle(failed.refundNo(), RefundStatus.FAILED, null, failed.code(), clock.instant())
                    .block(TIMEOUT);
            case PaymentSucceeded paid -> {
                // order-service decides what a payment means; its OrderPaid closes the other attempts
            }
            case PaymentClosed closed -> {
                // published by this service after closing the attempt
            }
        }
    }
}
