package io.paygate.payment.alipay;

import java.time.Instant;

/**
 * What Alipay says of a trade, as a closed set of outcomes: a call never ends in an exception
 * that loses the difference between "refused" and "we don't know".
 */
public sealed interface AlipayTrade {

    /** The buyer paid ({@code TRADE_SUCCESS} or {@code TRADE_FINISHED}). */
    record Paid(String tradeNo, long amountFen, Instant paidAt) implements AlipayTrade {
    }

    /** The cashier was opened but nothing paid yet ({@code WAIT_BUYER_PAY}). */
    record Waiting(String tradeNo) implements AlipayTrade {
    }

    /** Closed unpaid, or fully refunded ({@code TRADE_CLOSED}). */
    record Closed(String tradeNo) implements AlipayTrade {
    }

    /** Alipay has no such trade: a PC/WAP cashier that was never opened ({@code ACQ.TRADE_NOT_EXIST}). */
    record NotFound() implements AlipayTrade {
    }

    /** Alipay refused the call for a business reason, with its code. */
    record Refused(String subCode, String subMsg) implements AlipayTrade {
    }

    /** No answer we can trust (timeout, 5xx, system error, bad signature): ask again later. */
    record Unknown(String reason) implements AlipayTrade {
    }
}
