package io.paygate.payment.platform;

import java.time.Instant;

/**
 * What a platform says of one refund (by our refund number), as a closed set of outcomes. The
 * refund number is the platform's idempotency key, so asking again — to create or to query —
 * never gives money back twice.
 */
public sealed interface PlatformRefund {

    /** The money went back (Alipay: the refund call or query succeeded; WeChat {@code SUCCESS}). */
    record Succeeded(String refundId, Instant refundedAt) implements PlatformRefund {
    }

    /** Accepted, not finished: WeChat {@code PROCESSING}. Asked about again until it ends. */
    record Processing(String refundId) implements PlatformRefund {
    }

    /**
     * A definite no, with the platform's code: the call was refused for a business reason
     * ({@code ACQ.REFUND_AMT_NOT_EQUAL_TOTAL}, {@code NOT_ENOUGH} …), or WeChat ended the refund
     * {@code CLOSED} or {@code ABNORMAL}.
     */
    record Refused(String code, String message) implements PlatformRefund {
    }

    /**
     * A query found no refund under this number (WeChat {@code RESOURCE_NOT_EXISTS}, Alipay
     * {@code code=10000} without {@code refund_status}): the request never arrived or did not
     * take, and sending it again with the same number is safe.
     */
    record NotFound() implements PlatformRefund {
    }

    /** No answer we can trust (timeout, 5xx, rate limit, bad signature): ask again later. */
    record Unknown(String reason) implements PlatformRefund {
    }
}
