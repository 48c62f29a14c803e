package io.paygate.events;

/** The payment platforms paygate speaks to. A new platform is a new value here. */
public enum Channel {
    ALIPAY,
    WECHAT
}
