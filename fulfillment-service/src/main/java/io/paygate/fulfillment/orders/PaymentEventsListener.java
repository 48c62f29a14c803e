package io.paygate.fulfillment.orders;

import io.paygate.common.kafka.EventRecords;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentClosed;
import io.paygate.events.PaymentEvent;
import io.paygate.events.PaymentSucceeded;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundSucceeded;
import io.paygate.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code paygate.payment.v1} for what the order topic does not carry: a platform
 * refused a refund for good, and an admin has to decide what next; and the end of every refund,
 * so that one that never ends is noticed ({@link StuckRefunds}). Everything else on
 * this topic reaches the customer and the admins through the order events order-service makes
 * of it. Failures go to {@code paygate.payment.v1.fulfillment-service.dlt} as on the order topic.
 */
@Component
class PaymentEventsListener {

    private final EventRecords records;
    private final Announcements announcements;
    private final Reactions reactions;
    private final StuckRefunds stuckRefunds;

    PaymentEventsListener(EventRecords records, Announcements announcements, Reactions reactions, StuckRefunds stuckRefunds) {
        this.stuckRefunds = stuckRefunds;
        this.records = records;
        this.announcements = announcements;
        this.reactions = reactions;
    }

    @KafkaListener(id = "fulfillment-payment-events", topics = "paygate.payment.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<PaymentEvent> envelope = records.read(record, Topics.PAYMENT);
        switch (envelope.event()) {
            case PaymentSucceeded succeeded -> {
                // order-service decides what the payment means and says so on the order topic
            }
            case PaymentClosed closed -> {
                // an unpaid attempt closed at the platform: nobody to tell
            }
            // the customer hears from OrderRefunded, which order-service makes of it; the refund is no longer open
            case RefundSucceeded succeeded -> stuckRefunds.ended(succeeded.refundNo());
            case RefundFailed failed -> {
                stuckRefunds.ended(failed.refundNo());
                reactions.react(Origins.of(record, envelope), announcements.refundFailed(failed));
            }
        }
    }
}
