package io.paygate.localrun.check;

/**
 * What a platform (its sandbox) believes about one trade: the ground truth the checker holds our
 * state against.
 *
 * @param channel     {@code ALIPAY} or {@code WECHAT}, as in our payments
 * @param outTradeNo  our order number
 * @param tradeNo     the platform's trade number (null while nobody opened the cashier)
 * @param totalFen    the trade's amount
 * @param paid        paid at some point, whatever happened since (a trade refunded in full was paid)
 * @param refundedFen everything refunded of it
 * @param closed      closed unpaid (or closed by a full refund)
 */
public record PlatformTrade(String channel, String outTradeNo, String tradeNo, long totalFen, boolean paid,
                            long refundedFen, boolean closed) {
}
