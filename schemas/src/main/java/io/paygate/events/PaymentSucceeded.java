package io.paygate.events;

import java.time.Instant;

/**
 * A platform says the buyer paid. Emitted by notify-ingress for a verified asynchronous
 * notification (and, later, by payment-service when a query finds a payment). Key: order
 * number, on {@code paygate.payment.v1}. Consumed by order-service, which applies it once.
 * The same platform trade can be reported many times; consumers must treat repeats as one
 * payment.
 *
 * @param orderNo         our order number, the platform's {@code out_trade_no}
 * @param channel         the platform that took the money
 * @param platformTradeNo the platform's own trade number
 * @param amountFen       the amount the platform says was paid, in fen
 * @param currency        ISO 4217 code, {@code CNY}
 * @param paidAt          when the platform says the payment completed
 * @param platformAppId   the platform application (Alipay app_id, WeChat appid) it was paid to
 * @param source          how we learned of it
 */
public record PaymentSucceeded(
        String orderNo,
        Channel channel,
        String platformTradeNo,
        long amountFen,
        String currency,
        Instant paidAt,
        String platformAppId,
        Source source) implements PaymentEvent {

    /** How paygate learned that the payment succeeded. */
    public enum Source {
        NOTIFICATION,
        QUERY
    }
}
