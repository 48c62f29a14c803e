package io.paygate.fulfillment.orders;

import io.paygate.common.kafka.EventRecords;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.Envelope;
import io.paygate.events.OrderCancelled;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderEvent;
import io.paygate.events.OrderExpired;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundRequested;
import io.paygate.events.Topics;
import io.paygate.fulfillment.delivery.EventOrigin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code paygate.order.v1}. Each record is handled to completion before the next
 * one of its partition; handling only queues mails and messages in the database, so SMTP or
 * the robot being away never holds the partition up. Failures propagate to the shared error
 * handler: unreadable records go straight to {@code paygate.order.v1.fulfillment-service.dlt},
 * anything else (the database away) is retried with back-off and then dead-lettered.
 */
@Component
class OrderEventsListener {

    private final EventRecords records;
    private final Announcements announcements;
    private final Reactions reactions;
    private final StuckRefunds stuckRefunds;

    OrderEventsListener(EventRecords records, Announcements announcements, Reactions reactions, StuckRefunds stuckRefunds) {
        this.stuckRefunds = stuckRefunds;
        this.records = records;
        this.announcements = announcements;
        this.reactions = reactions;
    }

    @KafkaListener(id = "fulfillment-order-events", topics = "paygate.order.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<OrderEvent> envelope = records.read(record, Topics.ORDER);
        EventOrigin origin = Origins.of(record, envelope);
        switch (envelope.event()) {
            case OrderCreated created -> {
                // nothing to fulfil until the order is paid
            }
            case OrderPaid paid -> reactions.react(origin, announcements.paid(paid));
            case OrderPaidAfterTimeout late -> reactions.react(origin, announcements.paidAfterTimeout(late));
            case OrderExpired expired -> {
                // an unpaid order ran out of time: nobody to tell
            }
            case OrderCancelled cancelled -> {
                // the client cancelled it itself: nobody to tell
            }
            // nothing to tell yet (the customer hears when the money is back), but it must end some day
            case RefundRequested requested -> stuckRefunds.opened(origin, requested);
            case OrderRefunded refunded -> {
                stuckRefunds.ended(refunded.refundNo());
                reactions.react(origin, announcements.refunded(refunded));
            }
            case DuplicatePaymentReceived duplicate -> reactions.react(origin, announcements.duplicatePayment(duplicate));
            case PaymentAmountMismatched mismatch -> reactions.react(origin, announcements.amountMismatch(mismatch));
        }
    }
}
