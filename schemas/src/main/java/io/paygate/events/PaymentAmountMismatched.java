package io.paygate.events;

import java.time.Instant;

/**
 * A payment arrived for an unpaid order with an amount that is not the order's. The order does
 * not become paid; the money is real, so the payment is recorded and waits in the review queue
 * for an admin to refund it. Emitted once per platform trade by order-service through its
 * outbox; key: order number, on {@code paygate.order.v1}. Consumed by fulfillment-service (admin
 * alert).
 *
 * @param orderNo         our order number
 * @param subject         what was bought
 * @param customerEmail   the customer
 * @param expectedFen     what the order asked for, in fen
 * @param amountFen       what the payment took, in fen
 * @param currency        ISO 4217 code, {@code CNY}
 * @param channel         the platform that took the money
 * @param platformTradeNo the platform's trade number
 * @param paidAt          when the platform says the payment completed
 */
public record PaymentAmountMismatched(
        String orderNo,
        String subject,
        String customerEmail,
        long expectedFen,
        long amountFen,
        String currency,
        Channel channel,
        String platformTradeNo,
        Instant paidAt) implements OrderEvent {
}
