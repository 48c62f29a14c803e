package io.paygate.payment.attempt;

/** Where and how the buyer pays. Alipay: PC, WAP, APP. WeChat Pay: NATIVE, APP, JSAPI, H5. */
public enum Scene {
    PC,
    WAP,
    APP,
    NATIVE,
    JSAPI,
    H5
}
