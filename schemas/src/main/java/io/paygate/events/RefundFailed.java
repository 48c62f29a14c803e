package io.paygate.events;

import java.time.Instant;

/**
 * A platform refused a refund for good (its reason code says why). Emitted by payment-service;
 * key: order number, on {@code paygate.payment.v1}. order-service releases the reserved amount
 * and an admin decides what next. A refund whose outcome is merely unknown is never reported
 * as failed: it is asked about again.
 *
 * @param orderNo   our order number
 * @param refundNo  the refund's number
 * @param amountFen the amount that was not given back, in fen
 * @param channel   the platform
 * @param code      the platform's refusal code, e.g. {@code ACQ.SELLER_BALANCE_NOT_ENOUGH}
 * @param message   the platform's words
 * @param failedAt  when we learned it
 */
public record RefundFailed(
        String orderNo,
        String refundNo,
        long amountFen,
        Channel channel,
        String code,
        String message,
        Instant failedAt) implements PaymentEvent {
}
