package io.paygate.sandbox.wechat;

/**
 * Faults the sandbox's WeChat Pay injects for one {@code out_trade_no}, set with
 * {@code POST /sandbox/wechat/faults} and cleared with {@code DELETE /sandbox/wechat/faults}
 * (all, or one with {@code ?outTradeNo=}). A later POST for the same order replaces the earlier
 * one. Every field but {@code outTradeNo} is optional; absent means "behave":
 *
 * <pre>{@code
 * {"outTradeNo": "20260101120000000001",
 *  "dropNotifications": true,        // paid (or refunded) but never notified: no delivery at all
 *  "extraDeliveries": 2,             // each notification is delivered 1 + 2 times at once (duplicates)
 *  "notifyDelayMillis": 3000,        // added before a notification's first delivery
 *  "reorder": true,                  // after a newer notification, the previous one is delivered again
 *  "wrongSignature": true,           // notifications are signed with a key that is not the platform's
 *  "signTestProbe": true,            // before the real one, a probe whose Wechatpay-Signature starts WECHATPAY/SIGNTEST/
 *  "notifyAmountFen": 1,             // these three replace the true values inside the encrypted resource,
 *  "notifyMchid": "1900009999",      // which is still correctly encrypted and signed
 *  "notifyAppid": "wx9999999999999999",
 *  "refundNotifyToPaymentUrl": true, // refund notifications go to the order's payment notify_url
 *  "refundOutcome": "ABNORMAL",      // refunds end ABNORMAL or CLOSED instead of SUCCESS
 *  "api": "SYSTEM_ERROR",            // API calls for the order: SYSTEM_ERROR (500), FREQUENCY_LIMITED (429),
 *                                    // NOT_ENOUGH (403, refunds only), BAD_SIGNATURE, STALE_TIMESTAMP,
 *                                    // or HANG (handled at once, answered only after hangMillis)
 *  "hangMillis": 20000}
 * }</pre>
 */
record OrderFaults(
        String outTradeNo,
        Boolean dropNotifications,
        Integer extraDeliveries,
        Long notifyDelayMillis,
        Boolean reorder,
        Boolean wrongSignature,
        Boolean signTestProbe,
        Long notifyAmountFen,
        String notifyMchid,
        String notifyAppid,
        Boolean refundNotifyToPaymentUrl,
        RefundStatus refundOutcome,
        ApiFault api,
        Long hangMillis) {

    static final OrderFaults NONE = new OrderFaults(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    /** Absent fields are switched off; boxed only so that JSON may leave them out. */
    OrderFaults {
        dropNotifications = Boolean.TRUE.equals(dropNotifications);
        extraDeliveries = extraDeliveries == null ? 0 : extraDeliveries;
        notifyDelayMillis = notifyDelayMillis == null ? 0 : notifyDelayMillis;
        reorder = Boolean.TRUE.equals(reorder);
        wrongSignature = Boolean.TRUE.equals(wrongSignature);
        signTestProbe = Boolean.TRUE.equals(signTestProbe);
        refundNotifyToPaymentUrl = Boolean.TRUE.equals(refundNotifyToPaymentUrl);
        hangMillis = hangMillis == null ? 0 : hangMillis;
        if (extraDeliveries < 0 || notifyDelayMillis < 0 || hangMillis < 0) {
            throw new IllegalArgumentException("extraDeliveries, notifyDelayMillis and hangMillis must not be negative");
        }
        if (refundOutcome == RefundStatus.PROCESSING) {
            throw new IllegalArgumentException("refundOutcome is where a refund ends: SUCCESS, ABNORMAL or CLOSED");
        }
        if (api == ApiFault.HANG && hangMillis == 0) {
            throw new IllegalArgumentException("api HANG needs hangMillis");
        }
    }

    /** What the API does instead of answering normally for the order. */
    enum ApiFault {
        /** 500 {@code SYSTEM_ERROR}, nothing done: the merchant must retry with identical parameters. */
        SYSTEM_ERROR,
        /** 429 {@code FREQUENCY_LIMITED}, nothing done. */
        FREQUENCY_LIMITED,
        /** Refund creation answers 403 {@code NOT_ENOUGH} (merchant balance too low). */
        NOT_ENOUGH,
        /** Done, but the answer is signed with a key that is not the platform's. */
        BAD_SIGNATURE,
        /** Done, but the answer's {@code Wechatpay-Timestamp} is 10 minutes old. */
        STALE_TIMESTAMP,
        /** Done at once, answered only after {@code hangMillis}: beyond the merchant's read timeout. */
        HANG
    }
}
