package io.paygate.events;

import java.time.Instant;

/**
 * A refund of an order went through. Emitted once per refund by order-service through its
 * outbox; key: order number, on {@code paygate.order.v1}. Consumed by fulfillment-service
 * (tell the customer and the admins) and downstream teams (accounting).
 *
 * @param orderNo          our order number
 * @param refundNo         the refund's number
 * @param amountFen        what this refund gave back, in fen
 * @param refundedTotalFen everything given back for this order so far, in fen
 * @param fullyRefunded    whether the order is now REFUNDED
 * @param customerEmail    the customer
 * @param refundedAt       when the platform says the money went back
 */
public record OrderRefunded(
        String orderNo,
        String refundNo,
        long amountFen,
        long refundedTotalFen,
        boolean fullyRefunded,
        String customerEmail,
        Instant refundedAt) implements OrderEvent {
}
