package io.paygate.payment.closing;

import io.paygate.common.kafka.EventRecords;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.Envelope;
import io.paygate.events.Topics;
import io.paygate.events.OrderCancelled;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderEvent;
import io.paygate.events.OrderExpired;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundRequested;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listens to {@code paygate.order.v1} for orders that stopped waiting for money. */
@Component
class OrderEventsListener {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final EventRecords records;
    private final AttemptClosing closing;
    private final io.paygate.payment.refund.RefundExecution refunds;

    OrderEventsListener(EventRecords records, AttemptClosing closing, io.paygate.payment.refund.RefundExecution refunds) {
        this.records = records;
        this.closing = closing;
        this.refunds = refunds;
    }

    @KafkaListener(topics = "paygate.order.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<OrderEvent> envelope = records.read(record, Topics.ORDER);
        OrderEvent event = envelope.event();
        switch (event) {
            case OrderExpired expired -> closing.closeOpenAttempts(expired.orderNo()).block(TIMEOUT);
            case OrderCancelled cancelled -> closing.closeOpenAttempts(cancelled.orderNo()).block(TIMEOUT);
            case OrderCreated created -> {
                // payments start when the client asks, not when the order is made
            }
            case OrderPaid paid -> closing.afterPaid(paid.orderNo(), paid.channel(), paid.platformTradeNo(), paid.paidAt()).block(TIMEOUT);
            case OrderPaidAfterTimeout late -> {
                // an admin decides; a refund comes as its own RefundRequested
            }
            case RefundRequested refund -> refunds.execute(refund).block(TIMEOUT);
            case OrderRefunded refunded -> {
                // the refund that caused it was ours: nothing left to do at the platform
            }
            case DuplicatePaymentReceived duplicate -> {
                // its automatic refund comes as its own RefundRequested
            }
            case PaymentAmountMismatched mismatch -> {
                // an admin decides; a refund comes as its own RefundRequested
            }
        }
    }
}
