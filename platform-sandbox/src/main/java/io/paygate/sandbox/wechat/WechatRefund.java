package io.paygate.sandbox.wechat;

import java.time.Duration;
import java.time.Instant;

/**
 * One refund at the sandbox's WeChat Pay. Immutable.
 *
 * @param refundId    WeChat Pay's refund number
 * @param outRefundNo the merchant's refund number: the same number is the same refund
 * @param refundFen   the amount given back
 * @param notifyUrl   where {@code REFUND.*} notifications go, or null
 * @param successAt   when it succeeded, or null
 */
record WechatRefund(String refundId, String outRefundNo, String outTradeNo, String transactionId, long refundFen,
                    String reason, String notifyUrl, RefundStatus status, Instant createdAt, Instant successAt) {

    WechatRefund finish(RefundStatus outcome, Instant now) {
        if (status != RefundStatus.PROCESSING) {
            throw new IllegalStateException("refund " + outRefundNo + " is " + status + ", not PROCESSING: cannot become " + outcome);
        }
        return new WechatRefund(refundId, outRefundNo, outTradeNo, transactionId, refundFen, reason, notifyUrl, outcome,
                createdAt, outcome == RefundStatus.SUCCESS ? now : null);
    }

    /** Closed refunds gave nothing back; every other one holds its amount. */
    boolean holdsAmount() {
        return status != RefundStatus.CLOSED;
    }

    WechatRefund backdate(Duration by) {
        return new WechatRefund(refundId, outRefundNo, outTradeNo, transactionId, refundFen, reason, notifyUrl, status,
                createdAt.minus(by), successAt == null ? null : successAt.minus(by));
    }
}
