package io.paygate.sandbox.alipay;

import io.paygate.common.keys.KeySource;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's Alipay: the one merchant application it knows and its own "Alipay" identity.
 *
 * @param appId               APPID of the merchant application the sandbox accepts requests from
 * @param sellerId            the merchant's PID, sent as {@code seller_id} in notifications and returns
 * @param platformPrivateKey  the sandbox's own RSA private key (PKCS#8), signing responses and notifications
 * @param appPublicKey        the merchant application's RSA public key, verifying its requests
 * @param notifyRetrySchedule delay before each notification delivery, counted from the previous one;
 *                            the first entry is the delay before the first delivery
 * @param notifyTimeout       how long a delivery waits for the merchant's answer before it counts as failed
 * @param publicBaseUrl       where browsers reach the sandbox, for links to the cashier and bill downloads
 * @param billUrlValidity     how long a {@code bill_download_url} works after it was issued (Alipay: 30 s)
 * @param billForToday        also issue a bill for today, from the trades so far (Alipay issues a day's bill the
 *                            next morning, so off by default; the local run turns it on to reconcile today)
 * @param mode                how the application signs up with Alipay: plain public keys, or public-key
 *                            certificates (公钥证书模式), where requests name the app and root certificate SNs
 *                            and answers carry {@code alipay_cert_sn}
 * @param rootCert            certificate mode: the root CA certificate(s) merchants hold as {@code alipayRootCert.crt}
 * @param alipayPublicCert    certificate mode: the certificate over the sandbox's platform key, issued by the root
 * @param appCert             certificate mode: the merchant application's certificate, issued by the root; its key
 *                            verifies requests, so {@code appPublicKey} may be left out (if set, it must match)
 */
@ConfigurationProperties("paygate.sandbox.alipay")
public record AlipaySandboxSettings(
        @DefaultValue("2021000000000001") String appId,
        @DefaultValue("2088000000000001") String sellerId,
        KeySource platformPrivateKey,
        KeySource appPublicKey,
        @DefaultValue({"0s", "4m", "10m", "10m", "1h", "2h", "6h", "15h"}) List<Duration> notifyRetrySchedule,
        @DefaultValue("15s") Duration notifyTimeout,
        @DefaultValue("http://localhost:8090") URI publicBaseUrl,
        @DefaultValue("30s") Duration billUrlValidity,
        @DefaultValue("false") boolean billForToday,
        @DefaultValue("PUBLIC_KEY") Mode mode,
        KeySource rootCert,
        KeySource alipayPublicCert,
        KeySource appCert) {

    static final String PREFIX = "paygate.sandbox.alipay";

    public AlipaySandboxSettings {
        require(appId != null && !appId.isBlank(), PREFIX + ".app-id must not be blank");
        require(sellerId != null && sellerId.matches("2088\\d{12}"), PREFIX + ".seller-id must be a PID: 2088 and 12 digits");
        require(notifyRetrySchedule != null && !notifyRetrySchedule.isEmpty(),
                PREFIX + ".notify-retry-schedule needs at least one entry (the first delivery)");
        require(notifyRetrySchedule.stream().noneMatch(Duration::isNegative),
                PREFIX + ".notify-retry-schedule must not contain negative delays");
        require(notifyTimeout.isPositive(), PREFIX + ".notify-timeout must be positive");
        require(billUrlValidity.isPositive(), PREFIX + ".bill-url-validity must be positive");
        require(publicBaseUrl.isAbsolute(), PREFIX + ".public-base-url must be an absolute URL");
        platformPrivateKey = platformPrivateKey == null ? new KeySource(null, null) : platformPrivateKey;
        appPublicKey = appPublicKey == null ? new KeySource(null, null) : appPublicKey;
        rootCert = rootCert == null ? new KeySource(null, null) : rootCert;
        alipayPublicCert = alipayPublicCert == null ? new KeySource(null, null) : alipayPublicCert;
        appCert = appCert == null ? new KeySource(null, null) : appCert;
        if (mode == Mode.CERTIFICATE) {
            require(rootCert.isPresent(), PREFIX + ".root-cert is required in CERTIFICATE mode (file or value)");
            require(alipayPublicCert.isPresent(), PREFIX + ".alipay-public-cert is required in CERTIFICATE mode (file or value)");
            require(appCert.isPresent(), PREFIX + ".app-cert is required in CERTIFICATE mode (file or value)");
        }
        notifyRetrySchedule = List.copyOf(notifyRetrySchedule);
    }

    /** How the merchant application and the sandbox identify their keys to each other. */
    public enum Mode {
        /** Plain public keys exchanged once; nothing in the messages names them. */
        PUBLIC_KEY,
        /** Public-key certificates issued by a root: requests carry {@code app_cert_sn} and {@code alipay_root_cert_sn}. */
        CERTIFICATE
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
