package io.paygate.sandbox.wechat;

/** {@code status} of a refund (ref §3.2); every refund starts PROCESSING. */
enum RefundStatus {
    PROCESSING, SUCCESS, ABNORMAL, CLOSED;

    /** The event type a refund notification in this status carries. */
    String eventType() {
        return "REFUND." + name();
    }

    String summary() {
        return switch (this) {
            case SUCCESS -> "退款成功";
            case ABNORMAL -> "退款异常";
            case CLOSED -> "退款关闭";
            case PROCESSING -> "退款处理中";
        };
    }
}
