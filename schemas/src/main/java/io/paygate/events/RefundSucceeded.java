package io.paygate.events;

import java.time.Instant;

/**
 * A platform gave money back. Emitted by payment-service after the platform accepted a refund
 * (from the call's result or a later query); key: order number, on {@code paygate.payment.v1}.
 * Consumed by order-service, which applies it once.
 *
 * @param orderNo          our order number
 * @param refundNo         the refund's number ({@code out_request_no})
 * @param amountFen        what this refund gave back, in fen
 * @param channel          the platform
 * @param platformTradeNo  the platform's trade number of the refunded payment
 * @param refundedAt       when the platform says it happened
 */
public record RefundSucceeded(
        String orderNo,
        String refundNo,
        long amountFen,
        Channel channel,
        String platformTradeNo,
        Instant refundedAt) implements PaymentEvent {
}
