package io.paygate.sandbox.alipay;

/** Alipay's {@code trade_status} values (ref §5.3). */
enum TradeStatus {
    /** Opened in the cashier, not paid. */
    WAIT_BUYER_PAY,
    /** Paid and still refundable. */
    TRADE_SUCCESS,
    /** Unpaid and closed (by the merchant or by its deadline), or refunded in full. */
    TRADE_CLOSED,
    /** Paid and no longer refundable. */
    TRADE_FINISHED
}
