package io.paygate.events;

import java.time.Instant;

/**
 * A second payment arrived for an order another payment had already paid (the same order paid
 * on both channels, or a second platform trade). The order keeps its first payment; this one is
 * recorded and refunded in full automatically, under {@code refundNo}, and the admins are told.
 * Emitted once per duplicate platform trade by order-service through its outbox; key: order
 * number, on {@code paygate.order.v1}. Consumed by fulfillment-service (admin alert).
 *
 * @param orderNo         our order number
 * @param subject         what was bought
 * @param customerEmail   the customer
 * @param amountFen       what the duplicate payment took, in fen
 * @param currency        ISO 4217 code, {@code CNY}
 * @param channel         the platform that took the duplicate payment
 * @param platformTradeNo the duplicate payment's platform trade number
 * @param paidAt          when the platform says the duplicate payment completed
 * @param refundNo        our number of the automatic refund that gives it back
 */
public record DuplicatePaymentReceived(
        String orderNo,
        String subject,
        String customerEmail,
        long amountFen,
        String currency,
        Channel channel,
        String platformTradeNo,
        Instant paidAt,
        String refundNo) implements OrderEvent {
}
