package io.paygate.payment.wechat;

/**
 * WeChat Pay refused a prepay for a business reason, with its code ({@code OUT_TRADE_NO_USED} when
 * the order was already offered in another scene, {@code ORDER_CLOSED}, {@code NO_AUTH} …).
 */
public final class PrepayRefused extends RuntimeException {

    private final String code;

    PrepayRefused(String code, String message) {
        super("WeChat Pay refused the prepay: " + code + " " + message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
