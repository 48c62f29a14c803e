package io.paygate.bench.jmh;

import java.security.KeyPair;

/** What the microbenchmarks feed the functions: a notification of a 24-digit order, keys made for the run. */
public final class Sample {

    public static final String ORDER_NO = "202611261731020000000042";
    public static final long AMOUNT_FEN = 8888;
    public static final String ALIPAY_APP_ID = "2021000000000001";
    public static final String ALIPAY_SELLER_ID = "2088000000000001";
    public static final String WECHAT_MCHID = "1900000001";
    public static final String WECHAT_APPID = "wx0000000000000001";
    public static final String WECHAT_KEY_ID = "PUB_KEY_ID_0119000000012025010100000000000001";
    public static final String API_V3_KEY = "0123456789abcdef0123456789abcdef";

    private Sample() {
    }

    public static KeyPair platformKeys() {
        return io.paygate.common.keys.PemKeys.generateRsa();
    }
}
