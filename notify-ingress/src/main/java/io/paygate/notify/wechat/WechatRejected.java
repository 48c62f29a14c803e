package io.paygate.notify.wechat;

import java.util.Locale;

/**
 * A WeChat notification the pipeline refuses, with the step's typed reason. The detail never
 * contains the signature, a key or decrypted content. Thrown for control flow inside the
 * pipeline, so it carries no stack trace.
 */
final class WechatRejected extends RuntimeException {

    /** Why a notification was refused; the metric tag is the lower-case name. */
    enum Reason {
        BODY_TOO_LARGE(false),
        BODY_EMPTY(false),
        CONTENT_TYPE_UNSUPPORTED(false),
        BODY_NOT_JSON(false),
        HEADERS_MISSING(false),
        TIMESTAMP_INVALID(false),
        TIMESTAMP_STALE(true),
        SIGNATURE_PROBE(true),
        SERIAL_UNKNOWN(true),
        SIGNATURE_INVALID(true),
        RESOURCE_UNDECRYPTABLE(true),
        BODY_MALFORMED(false),
        EVENT_TYPE_UNEXPECTED(false),
        MCHID_MISMATCH(false),
        APPID_MISMATCH(false),
        ORDER_NO_INVALID(false),
        TRADE_NO_INVALID(false),
        AMOUNT_INVALID(false),
        TRADE_STATE_UNKNOWN(false),
        REFUND_STATUS_UNKNOWN(false),
        ORDER_UNKNOWN(false),
        REFUND_NO_INVALID(false);

        private final boolean authenticity;

        Reason(boolean authenticity) {
            this.authenticity = authenticity;
        }

        /** Whether the refusal is about who sent it (answered 401) rather than what it says (400). */
        boolean authenticity() {
            return authenticity;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    WechatRejected(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
