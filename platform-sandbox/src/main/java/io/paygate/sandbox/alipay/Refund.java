package io.paygate.sandbox.alipay;

import java.time.Instant;

/**
 * One successful refund of a trade.
 *
 * @param outRequestNo the merchant's refund request number, the idempotency key (the
 *                     {@code out_trade_no} when the merchant sent none)
 * @param amountFen    what this refund gave back
 * @param at           when the money moved
 */
record Refund(String outRequestNo, long amountFen, Instant at) {
}
