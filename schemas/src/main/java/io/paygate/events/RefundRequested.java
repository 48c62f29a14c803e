package io.paygate.events;

import java.time.Instant;

/**
 * An admin (or a rule, such as a double payment) asked to give money back. order-service has
 * already reserved the amount, so requested refunds never add up to more than was paid.
 * Emitted through order-service's outbox; key: order number, on {@code paygate.order.v1}.
 * payment-service refunds at the platform and answers with {@code RefundSucceeded} or
 * {@code RefundFailed}.
 *
 * @param orderNo         our order number
 * @param refundNo        this refund's number, the platform's idempotency key ({@code out_request_no} / {@code out_refund_no})
 * @param amountFen       how much to give back, in fen
 * @param paidFen         what the payment was, in fen (WeChat needs it on every refund)
 * @param channel         the platform that took the money
 * @param platformTradeNo the platform's trade number of that payment
 * @param reason          why, for the buyer's statement
 * @param requestedAt     when it was asked for
 */
public record RefundRequested(
        String orderNo,
        String refundNo,
        long amountFen,
        long paidFen,
        Channel channel,
        String platformTradeNo,
        String reason,
        Instant requestedAt) implements OrderEvent {
}
