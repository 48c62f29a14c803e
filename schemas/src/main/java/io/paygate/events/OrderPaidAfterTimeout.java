package io.paygate.events;

import java.time.Instant;

/**
 * Money arrived for an order that had already timed out or been cancelled (its stock was
 * released). The order does not become PAID: it is PAID_AFTER_TIMEOUT and waits for an admin
 * to refund or accept it. Emitted once per order by order-service through its outbox; key:
 * order number, on {@code paygate.order.v1}. Consumed by fulfillment-service (admin alert).
 *
 * @param orderNo         our order number
 * @param subject         what was bought
 * @param customerEmail   the customer
 * @param amountFen       what was paid, in fen
 * @param currency        ISO 4217 code, {@code CNY}
 * @param channel         the platform that took the money
 * @param platformTradeNo the platform's trade number
 * @param paidAt          when the platform says the payment completed
 * @param expiresAt       the pay deadline the payment missed
 */
public record OrderPaidAfterTimeout(
        String orderNo,
        String subject,
        String customerEmail,
        long amountFen,
        String currency,
        Channel channel,
        String platformTradeNo,
        Instant paidAt,
        Instant expiresAt) implements OrderEvent {
}
