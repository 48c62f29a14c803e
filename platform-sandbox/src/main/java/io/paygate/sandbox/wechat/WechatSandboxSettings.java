package io.paygate.sandbox.wechat;

import io.paygate.common.keys.KeySource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's WeChat Pay API v3: the one merchant it knows and its own "WeChat Pay" identity.
 * Off unless {@code enabled}, so a sandbox configured for Alipay alone still starts.
 *
 * @param enabled             whether the WeChat Pay half runs
 * @param mchid               the merchant id requests must carry (in {@code Authorization} and bodies)
 * @param appid               the app id bound to {@code mchid}
 * @param merchantSerial      serial of the merchant API certificate, the {@code serial_no} of requests
 * @param merchantPublicKey   the merchant's API public key, verifying {@code Authorization}
 * @param platformPrivateKey  the sandbox's own RSA private key (PKCS#8): signs responses and notifications
 * @param publicKeyId         id of the "WeChat Pay public key" ({@code PUB_KEY_ID_} and digits)
 * @param apiV3Key            the merchant's API v3 key, 32 characters: encrypts notifications and certificates
 * @param signing             which identity signs when the caller does not name one: the public key or the platform certificate
 * @param notifyRetrySchedule delay before each notification delivery, counted from the previous one; the first
 *                            entry is the delay before the first delivery, then WeChat Pay's 15 retries
 * @param notifyTimeout       how long a delivery waits for the merchant's answer (WeChat Pay: 5 s)
 * @param refundDelay         how long a refund stays PROCESSING before it succeeds (0: at once, after the answer)
 * @param closeMinimumAge     orders younger than this cannot be closed (WeChat Pay's old 5-minute rule); 0 switches it off
 * @param publicBaseUrl       where browsers reach the sandbox: scan pages, {@code h5_url}
 * @param apiBaseUrl          host written into {@code download_url}; the merchant's interceptor rewrites it
 * @param billUrlValidity     how long a bill {@code download_url} works (WeChat Pay: 5 minutes)
 * @param billForToday        also issue a bill for today, from the orders so far (WeChat Pay issues a day's bill
 *                            the next morning, so off by default; the local run turns it on to reconcile today)
 */
@ConfigurationProperties("paygate.sandbox.wechat")
public record WechatSandboxSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("1900000001") String mchid,
        @DefaultValue("wx0000000000000001") String appid,
        @DefaultValue("5157F09EFDC096DE15EBE81A47057A7232F1B8E1") String merchantSerial,
        KeySource merchantPublicKey,
        KeySource platformPrivateKey,
        @DefaultValue("PUB_KEY_ID_0119000000012025010100000000000001") String publicKeyId,
        String apiV3Key,
        @DefaultValue("PUBLIC_KEY") Signing signing,
        @DefaultValue({"0s", "15s", "15s", "30s", "3m", "10m", "20m", "30m", "30m", "30m", "60m", "3h", "3h", "3h", "6h", "6h"})
        List<Duration> notifyRetrySchedule,
        @DefaultValue("5s") Duration notifyTimeout,
        @DefaultValue("2s") Duration refundDelay,
        @DefaultValue("0s") Duration closeMinimumAge,
        @DefaultValue("http://localhost:8090") URI publicBaseUrl,
        @DefaultValue("https://api.mch.weixin.qq.com") URI apiBaseUrl,
        @DefaultValue("5m") Duration billUrlValidity,
        @DefaultValue("false") boolean billForToday) {

    static final String PREFIX = "paygate.sandbox.wechat";

    /** The identity a response or notification is signed with (ref §3.1). */
    public enum Signing {
        /** {@code Wechatpay-Serial} is the public key id. */
        PUBLIC_KEY,
        /** {@code Wechatpay-Serial} is the serial of the platform certificate served at {@code /v3/certificates}. */
        PLATFORM_CERTIFICATE
    }

    public WechatSandboxSettings {
        merchantPublicKey = merchantPublicKey == null ? new KeySource(null, null) : merchantPublicKey;
        platformPrivateKey = platformPrivateKey == null ? new KeySource(null, null) : platformPrivateKey;
        notifyRetrySchedule = notifyRetrySchedule == null ? List.of() : List.copyOf(notifyRetrySchedule);
        if (enabled) {
            require(mchid != null && mchid.matches("\\d{1,32}"), PREFIX + ".mchid must be digits (at most 32)");
            require(appid != null && !appid.isBlank() && appid.length() <= 32, PREFIX + ".appid must not be blank");
            require(merchantSerial != null && merchantSerial.matches("[0-9A-Fa-f]{1,64}"),
                    PREFIX + ".merchant-serial must be the certificate serial in hex");
            require(publicKeyId != null && publicKeyId.matches("PUB_KEY_ID_\\d{1,40}"),
                    PREFIX + ".public-key-id must be PUB_KEY_ID_ followed by digits");
            require(apiV3Key != null && apiV3Key.length() == 32 && apiV3Key.chars().allMatch(c -> c > 32 && c < 127),
                    PREFIX + ".api-v3-key must be 32 printable ASCII characters");
            require(merchantPublicKey.isPresent(), PREFIX + ".merchant-public-key (.value or .file) is required");
            require(platformPrivateKey.isPresent(), PREFIX + ".platform-private-key (.value or .file) is required");
            require(!notifyRetrySchedule.isEmpty(), PREFIX + ".notify-retry-schedule needs at least one entry (the first delivery)");
            require(notifyRetrySchedule.stream().noneMatch(Duration::isNegative),
                    PREFIX + ".notify-retry-schedule must not contain negative delays");
            require(notifyTimeout.isPositive(), PREFIX + ".notify-timeout must be positive");
            require(!refundDelay.isNegative(), PREFIX + ".refund-delay must not be negative");
            require(!closeMinimumAge.isNegative(), PREFIX + ".close-minimum-age must not be negative");
            require(billUrlValidity.isPositive(), PREFIX + ".bill-url-validity must be positive");
            require(publicBaseUrl.isAbsolute(), PREFIX + ".public-base-url must be an absolute URL");
            require(apiBaseUrl.isAbsolute(), PREFIX + ".api-base-url must be an absolute URL");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "WechatSandboxSettings[enabled=" + enabled + ", mchid=" + mchid + ", appid=" + appid
                + ", publicKeyId=" + publicKeyId + ", signing=" + signing + ", billForToday=" + billForToday + ", apiV3Key=****, platformPrivateKey="
                + platformPrivateKey + ", merchantPublicKey=" + merchantPublicKey + "]";
    }
}
