package io.paygate.payment.platform;

/**
 * One refund as the platforms need it.
 *
 * @param orderNo   our order number, the platforms' {@code out_trade_no}
 * @param refundNo  our refund number, the idempotency key ({@code out_request_no} / {@code out_refund_no})
 * @param amountFen what to give back, in fen
 * @param paidFen   what the payment was, in fen (WeChat checks it against the order total)
 * @param reason    shown on the buyer's statement; may be null
 */
public record RefundOrder(String orderNo, String refundNo, long amountFen, long paidFen, String reason) {

    public RefundOrder {
        if (amountFen <= 0) {
            throw new IllegalArgumentException("a refund gives back at least 1 fen, not " + amountFen);
        }
    }
}
