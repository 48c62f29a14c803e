package io.paygate.payment.platform;

import java.time.Instant;

/**
 * What a platform says of a trade, as a closed set of outcomes: a call never ends in an
 * exception that loses the difference between "refused" and "we don't know".
 */
public sealed interface PlatformTrade {

    /** The buyer paid (Alipay {@code TRADE_SUCCESS}/{@code TRADE_FINISHED}, WeChat {@code SUCCESS}). */
    record Paid(String tradeNo, long amountFen, Instant paidAt) implements PlatformTrade {
    }

    /** Open and not paid yet (Alipay {@code WAIT_BUYER_PAY}, WeChat {@code NOTPAY}/{@code USERPAYING}). */
    record Waiting(String tradeNo) implements PlatformTrade {
    }

    /** Closed unpaid, or fully refunded. */
    record Closed(String tradeNo) implements PlatformTrade {
    }

    /** The platform has no such trade (Alipay: a PC/WAP cashier never opened). */
    record NotFound() implements PlatformTrade {
    }

    /** The platform refused the call for a business reason, with its code. */
    record Refused(String subCode, String subMsg) implements PlatformTrade {
    }

    /** No answer we can trust (timeout, 5xx, system error, bad signature): ask again later. */
    record Unknown(String reason) implements PlatformTrade {
    }
}
