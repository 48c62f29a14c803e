package io.paygate.fulfillment.orders;

import io.paygate.common.kafka.EventRecords;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.Envelope;
import io.paygate.events.Topics;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderEvent;
import io.paygate.events.OrderCancelled;
import io.paygate.events.OrderExpired;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code paygate.order.v1}. Each record is handled to completion before the next
 * one of its partition. Failures propagate to the shared error handler: unreadable records go
 * straight to {@code paygate.order.v1.fulfillment-service.dlt}, anything else (SMTP or the
 * database away) is retried with back-off and then dead-lettered.
 */
@Component
class OrderEventsListener {

    private final EventRecords records;
    private final PaidOrderFulfillment paidOrders;
    private final ReviewAlerts reviews;

    OrderEventsListener(EventRecords records, PaidOrderFulfillment paidOrders, ReviewAlerts reviews) {
        this.records = records;
        this.paidOrders = paidOrders;
        this.reviews = reviews;
    }

    @KafkaListener(id = "fulfillment-order-events", topics = "paygate.order.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<OrderEvent> envelope = records.read(record, Topics.ORDER);
        OrderEvent event = envelope.event();
        switch (event) {
            case OrderCreated created -> {
                // nothing to fulfil until the order is paid
            }
            case OrderPaid paid -> paidOrders.fulfil(envelope.id(), paid);
            case OrderPaidAfterTimeout late -> reviews.paidAfterTimeout(envelope.id(), late);
            case OrderExpired expired -> {
                // an unpaid order ran out of time: nobody to tell
            }
            case OrderCancelled cancelled -> {
                // the client cancelled it itself: nobody to tell
            }
            case RefundRequested requested -> {
                // nothing has moved yet; the customer hears when the money is back
            }
            case OrderRefunded refunded -> reviews.refunded(envelope.id(), refunded);
            case DuplicatePaymentReceived duplicate -> reviews.duplicatePayment(envelope.id(), duplicate);
            case PaymentAmountMismatched mismatch -> reviews.amountMismatch(envelope.id(), mismatch);
        }
    }
}
