package io.paygate.notify.wechat;

import com.wechat.pay.java.service.payments.model.Transaction.TradeStateEnum;

/**
 * A verified payment resource whose fields passed the checks.
 *
 * @param notificationId WeChat Pay's notification id, unchanged across its retries
 * @param orderNo        {@code out_trade_no}, our order number
 * @param transactionId  WeChat Pay's trade number; null only when the trade is not paid
 * @param amountFen      {@code amount.total}
 * @param currency       {@code CNY}
 * @param appid          our appid
 * @param tradeState     {@code trade_state}, not yet interpreted
 * @param successTime    {@code success_time} as sent (RFC 3339), or null
 */
record WechatPayment(
        String notificationId,
        String orderNo,
        String transactionId,
        long amountFen,
        String currency,
        String appid,
        TradeStateEnum tradeState,
        String successTime) {
}
