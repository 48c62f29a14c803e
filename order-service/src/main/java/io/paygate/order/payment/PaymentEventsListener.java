package io.paygate.order.payment;

import io.paygate.common.faults.CrashPoints;
import io.paygate.common.kafka.EventRecords;
import io.paygate.events.Envelope;
import io.paygate.events.Topics;
import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentClosed;
import io.paygate.events.PaymentSucceeded;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundSucceeded;
import io.paygate.order.refund.Refunds;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code paygate.payment.v1}. Each record is applied to completion before the next
 * one of its partition, so one order's events are applied in order.
 */
@Component
class PaymentEventsListener {

    /** Crash point: a payment event's change is committed, its offset is not. */
    static final String AFTER_APPLY = "consumer.after-apply";
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    private final EventRecords records;
    private final PaymentApplication payments;
    private final Refunds refunds;

    PaymentEventsListener(EventRecords records, PaymentApplication payments, Refunds refunds) {
        this.records = records;
        this.payments = payments;
        this.refunds = refunds;
    }

    @KafkaListener(topics = "paygate.payment.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<PaymentEvent> envelope = records.read(record, Topics.PAYMENT);
        PaymentEvent event = envelope.event();
        switch (event) {
            case PaymentSucceeded succeeded -> {
                payments.apply(envelope.id(), succeeded).block(APPLY_TIMEOUT);
                // committed, and the record's offset not yet: a crash here redelivers it
                CrashPoints.reach(AFTER_APPLY, envelope.type());
            }
            case PaymentClosed closed -> {
                // an unpaid trade ended at the platform; the order expires or is cancelled on its own terms
            }
            case RefundSucceeded refunded -> refunds.succeeded(envelope.id(), refunded).block(APPLY_TIMEOUT);
            case RefundFailed refused -> refunds.failed(envelope.id(), refused).block(APPLY_TIMEOUT);
        }
    }
}
