package io.paygate.notify.wechat;

/**
 * A decrypted {@code REFUND.*} resource, as the SDK's JSON mapping (snake_case names) reads it.
 * The SDK's own {@code RefundNotification} has no {@code mchid}, which must be checked, hence
 * this record.
 *
 * @param mchid         the merchant the refund belongs to
 * @param outTradeNo    our order number
 * @param transactionId WeChat Pay's trade number of the refunded payment
 * @param refundId      WeChat Pay's refund number
 * @param outRefundNo   our refund number
 * @param refundStatus  {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
 * @param successTime   when the money went back ({@code SUCCESS} only), RFC 3339
 * @param amount        the amounts, in fen
 */
record WechatRefund(
        String mchid,
        String outTradeNo,
        String transactionId,
        String refundId,
        String outRefundNo,
        String refundStatus,
        String successTime,
        Amount amount) {

    /**
     * @param total  the paid amount of the order
     * @param refund the amount of this refund
     */
    record Amount(Long total, Long refund) {
    }
}
