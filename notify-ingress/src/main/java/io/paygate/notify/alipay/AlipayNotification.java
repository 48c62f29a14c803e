package io.paygate.notify.alipay;

/**
 * A verified notification whose fields passed the checks: it is for our application, names
 * an order number of our shape, and carries a well-formed amount and a trade number.
 *
 * @param notifyId    Alipay's notification id, unchanged across its retries (may be null)
 * @param appId       our APPID
 * @param orderNo     {@code out_trade_no}, our order number
 * @param tradeNo     Alipay's trade number
 * @param amountFen   {@code total_amount} in fen
 * @param tradeStatus {@code trade_status} as sent, not yet interpreted
 * @param gmtPayment  {@code gmt_payment} as sent (may be null)
 * @param notifyTime  {@code notify_time} as sent (may be null)
 * @param refund      whether it carries refund fields ({@code refund_fee}, {@code gmt_refund}, {@code out_biz_no})
 * @param sign        the signature, only to tell deliveries apart in the event id; never logged
 */
record AlipayNotification(
        String notifyId,
        String appId,
        String orderNo,
        String tradeNo,
        long amountFen,
        String tradeStatus,
        String gmtPayment,
        String notifyTime,
        boolean refund,
        String sign) {

    @Override
    public String toString() {
        return "AlipayNotification[orderNo=" + orderNo + ", tradeNo=" + tradeNo + ", amountFen=" + amountFen
                + ", tradeStatus=" + tradeStatus + ", refund=" + refund + "]";
    }
}
