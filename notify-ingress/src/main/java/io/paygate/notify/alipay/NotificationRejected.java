package io.paygate.notify.alipay;

import java.util.Locale;

/**
 * A request the pipeline refuses, with the step's typed reason. The detail never contains the
 * signature or a key. Thrown for control flow inside the pipeline, so it carries no stack trace.
 */
final class NotificationRejected extends RuntimeException {

    /** Why a notification or browser return was refused; the metric tag is the lower-case name. */
    enum Reason {
        BODY_TOO_LARGE,
        BODY_EMPTY,
        CONTENT_TYPE_UNSUPPORTED,
        FORM_MALFORMED,
        FIELD_DUPLICATED,
        CHARSET_UNSUPPORTED,
        SIGN_MISSING,
        SIGN_TYPE_UNSUPPORTED,
        SIGNATURE_INVALID,
        APP_ID_MISMATCH,
        SELLER_ID_MISMATCH,
        ORDER_NO_INVALID,
        AMOUNT_INVALID,
        TRADE_NO_INVALID,
        TRADE_STATUS_UNKNOWN,
        ORDER_UNKNOWN;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    NotificationRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
