package io.paygate.sandbox.wechat;

/** {@code trade_state} of an order (ref §3.2) as far as the sandbox plays it, with its {@code trade_state_desc}. */
enum TradeState {
    NOTPAY("未支付"),
    SUCCESS("支付成功"),
    /** Paid, and a refund has been asked for: still paid. */
    REFUND("转入退款"),
    CLOSED("已关闭");

    private final String description;

    TradeState(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    boolean paid() {
        return this == SUCCESS || this == REFUND;
    }
}
