package io.paygate.payment.wechat;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's WeChat Pay account, in either of WeChat Pay's verification modes: its public
 * key (with a {@code PUB_KEY_ID_…}), or its platform certificates, which the SDK downloads from
 * {@code /v3/certificates} (decrypted with the API v3 key) and keeps fresh.
 *
 * @param enabled            whether this deployment takes WeChat Pay (off by default)
 * @param mchid              the merchant id
 * @param appid              the app id payments are made to
 * @param merchantSerial     serial number of the merchant's API certificate
 * @param merchantPrivateKey the merchant's API private key (PKCS#8)
 * @param apiV3Key           the API v3 key (32 characters): decrypts notifications
 * @param verification       how WeChat Pay's answers are verified: {@code PUBLIC_KEY} (default) or {@code PLATFORM_CERTIFICATE}
 * @param publicKeyId        id of WeChat Pay's public key, {@code PUB_KEY_ID_…} (public-key mode)
 * @param publicKey          WeChat Pay's public key: verifies its responses (public-key mode)
 * @param baseUrl            where the SDK's calls go instead of WeChat Pay's host (the sandbox), or empty for the real one
 * @param notifyUrl          where WeChat Pay sends payment notifications (notify-ingress)
 * @param refundNotifyUrl    where WeChat Pay sends refund notifications (notify-ingress); empty: the merchant platform's setting
 */
@ConfigurationProperties("paygate.wechat")
public record WechatSettings(
        @DefaultValue("false") boolean enabled,
        String mchid,
        String appid,
        String merchantSerial,
        KeySource merchantPrivateKey,
        String apiV3Key,
        @DefaultValue("PUBLIC_KEY") Verification verification,
        String publicKeyId,
        KeySource publicKey,
        URI baseUrl,
        URI notifyUrl,
        URI refundNotifyUrl) {

    /** The two ways WeChat Pay lets a merchant verify it. */
    public enum Verification {
        PUBLIC_KEY,
        PLATFORM_CERTIFICATE
    }

    public WechatSettings {
        if (enabled) {
            require(mchid != null && !mchid.isBlank(), "paygate.wechat.mchid");
            require(appid != null && !appid.isBlank(), "paygate.wechat.appid");
            require(merchantSerial != null && !merchantSerial.isBlank(), "paygate.wechat.merchant-serial");
            require(apiV3Key != null && apiV3Key.length() == 32, "paygate.wechat.api-v3-key (32 characters)");
            require(notifyUrl != null, "paygate.wechat.notify-url");
            require(merchantPrivateKey != null && merchantPrivateKey.isPresent(), "paygate.wechat.merchant-private-key");
            PemKeys.readPrivate(merchantPrivateKey.read("paygate.wechat.merchant-private-key"));
            if (verification == Verification.PUBLIC_KEY) {
                require(publicKeyId != null && publicKeyId.startsWith("PUB_KEY_ID_"), "paygate.wechat.public-key-id (PUB_KEY_ID_…)");
                require(publicKey != null && publicKey.isPresent(), "paygate.wechat.public-key");
                PemKeys.readPublic(publicKey.read("paygate.wechat.public-key"));
            }
        }
    }

    private static void require(boolean present, String key) {
        if (!present) {
            throw new IllegalArgumentException(key + " is required while paygate.wechat.enabled=true (verification "
                    + "PUBLIC_KEY needs public-key-id and public-key; PLATFORM_CERTIFICATE downloads the certificates)");
        }
    }

    @Override
    public String toString() {
        return "WechatSettings[enabled=" + enabled + ", mchid=" + mchid + ", appid=" + appid + ", verification=" + verification + ", apiV3Key=****]";
    }
}
