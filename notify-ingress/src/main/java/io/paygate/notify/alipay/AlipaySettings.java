package io.paygate.notify.alipay;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The merchant's Alipay application, as far as checking notifications needs it. Checked when
 * the service starts: a missing or malformed value stops it with a message naming the key.
 *
 * @param appId           APPID of the merchant application; every notification must name it
 * @param sellerId        the merchant's PID ({@code 2088…}); when set, a notification that
 *                        carries a {@code seller_id} must carry this one
 * @param alipayPublicKey Alipay's public key for this application (X.509 PEM or bare Base64),
 *                        from a file or inline
 */
@ConfigurationProperties("paygate.alipay")
record AlipaySettings(String appId, String sellerId, KeySource alipayPublicKey) {

    static final String APP_ID = "paygate.alipay.app-id";
    static final String PUBLIC_KEY = "paygate.alipay.alipay-public-key";

    AlipaySettings {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException(APP_ID + " is required (PAYGATE_ALIPAY_APP_ID): notifications are checked against it");
        }
        appId = appId.strip();
        sellerId = sellerId == null || sellerId.isBlank() ? null : sellerId.strip();
        if (alipayPublicKey == null || !alipayPublicKey.isPresent()) {
            throw new IllegalArgumentException(PUBLIC_KEY + " is required: set " + PUBLIC_KEY + ".file (PAYGATE_ALIPAY_PUBLIC_KEY_FILE) or "
                    + PUBLIC_KEY + ".value (PAYGATE_ALIPAY_PUBLIC_KEY)");
        }
        String text;
        try {
            text = alipayPublicKey.read(PUBLIC_KEY);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            PemKeys.readPublic(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PUBLIC_KEY + " is not an RSA public key in X.509 PEM or Base64 form", e);
        }
    }

    /** The key as alipay-sdk-java takes it: the Base64 body without PEM armour. */
    String alipayPublicKeyBase64() {
        return PemKeys.base64Body(alipayPublicKey.read(PUBLIC_KEY));
    }
}
