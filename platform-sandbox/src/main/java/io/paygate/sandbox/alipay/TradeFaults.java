package io.paygate.sandbox.alipay;

/**
 * Faults the sandbox injects for one {@code out_trade_no} (ref §11.19), set with
 * {@code POST /sandbox/alipay/faults} and cleared with {@code DELETE /sandbox/alipay/faults}
 * (all, or one with {@code ?outTradeNo=}). A later POST for the same order replaces the earlier
 * one. Every field but {@code outTradeNo} is optional; absent means "behave":
 *
 * <pre>{@code
 * {"outTradeNo": "202611260001",
 *  "dropNotifications": true,       // notifications are never delivered (no attempt is recorded)
 *  "extraDeliveries": 2,            // each notification is delivered 1 + 2 times, at once
 *  "notifyDelayMillis": 3000,       // added before a notification's first delivery
 *  "reorder": true,                 // after a newer notification, the previous one is delivered again
 *  "wrongSignKey": true,            // notifications are signed with a key that is not the platform's
 *  "notifyTotalAmount": "0.01",     // these three replace the true values in notifications,
 *  "notifyAppId": "2021009999999999",  // which are still correctly signed
 *  "notifySellerId": "2088009999999999",
 *  "gateway": "UNKNOWN_ERROR",      // gateway calls for the order: UNKNOWN_ERROR (20000 isp.unknow-error),
 *                                   // HTTP_500, or HANG (handled at once, answered only after hangMillis)
 *  "hangMillis": 20000,
 *  "alipayCertSn": "0123456789abcdef0123456789abcdef"}  // certificate mode: signed answers for the order
 *                                   // name this alipay_cert_sn; a merchant who does not know it asks
 *                                   // alipay.open.app.alipaycert.download, which does not know it either
 * }</pre>
 *
 * Gateway faults apply to API calls whose {@code biz_content} names the order by
 * {@code out_trade_no} or by its {@code trade_no}.
 */
record TradeFaults(
        String outTradeNo,
        Boolean dropNotifications,
        Integer extraDeliveries,
        Long notifyDelayMillis,
        Boolean reorder,
        Boolean wrongSignKey,
        String notifyTotalAmount,
        String notifyAppId,
        String notifySellerId,
        GatewayFault gateway,
        Long hangMillis,
        String alipayCertSn) {

    static final TradeFaults NONE = new TradeFaults(null, null, null, null, null, null, null, null, null, null, null, null);

    /** Absent fields are switched off; boxed only so that JSON may leave them out. */
    TradeFaults {
        dropNotifications = Boolean.TRUE.equals(dropNotifications);
        extraDeliveries = extraDeliveries == null ? 0 : extraDeliveries;
        notifyDelayMillis = notifyDelayMillis == null ? 0 : notifyDelayMillis;
        reorder = Boolean.TRUE.equals(reorder);
        wrongSignKey = Boolean.TRUE.equals(wrongSignKey);
        hangMillis = hangMillis == null ? 0 : hangMillis;
        if (extraDeliveries < 0 || notifyDelayMillis < 0 || hangMillis < 0) {
            throw new IllegalArgumentException("extraDeliveries, notifyDelayMillis and hangMillis must not be negative");
        }
        if (gateway == GatewayFault.HANG && hangMillis == 0) {
            throw new IllegalArgumentException("gateway HANG needs hangMillis");
        }
    }

    /** What the gateway does instead of answering for the order. */
    enum GatewayFault {
        /** {@code code=20000}, {@code sub_code=isp.unknow-error}: the outcome is unknown to the merchant. */
        UNKNOWN_ERROR,
        /** HTTP 500 without an envelope; the SDK throws. */
        HTTP_500,
        /**
         * The call is handled at once but answered only after {@code hangMillis}, beyond the
         * merchant's read timeout: the merchant cannot tell whether it happened.
         */
        HANG
    }
}
