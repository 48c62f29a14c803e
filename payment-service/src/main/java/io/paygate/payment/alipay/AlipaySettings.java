package io.paygate.payment.alipay;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's Alipay application.
 *
 * @param enabled          whether this deployment takes Alipay at all
 * @param appId            APPID of the merchant application
 * @param gatewayUrl       Alipay's gateway, or the sandbox's
 * @param appPrivateKey    the application's RSA private key (PKCS#8), from a file or the environment
 * @param alipayPublicKey  Alipay's public key for this application, from a file or the environment
 * @param notifyUrl        where Alipay sends asynchronous notifications (notify-ingress)
 * @param returnUrl        where the buyer's browser comes back after PC/WAP pay (notify-ingress)
 */
@ConfigurationProperties("paygate.alipay")
public record AlipaySettings(
        @DefaultValue("true") boolean enabled,
        String appId,
        @DefaultValue("https://openapi.alipay.com/gateway.do") URI gatewayUrl,
        KeySource appPrivateKey,
        KeySource alipayPublicKey,
        URI notifyUrl,
        URI returnUrl) {

    public AlipaySettings {
        if (enabled) {
            require(appId != null && !appId.isBlank(), "paygate.alipay.app-id");
            require(notifyUrl != null, "paygate.alipay.notify-url");
            require(returnUrl != null, "paygate.alipay.return-url");
            require(appPrivateKey != null && appPrivateKey.isPresent(), "paygate.alipay.app-private-key");
            require(alipayPublicKey != null && alipayPublicKey.isPresent(), "paygate.alipay.alipay-public-key");
            try {
                PemKeys.readPrivate(appPrivateKey.read("paygate.alipay.app-private-key"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paygate.alipay.app-private-key is not an RSA private key in PKCS#8 PEM", e);
            }
            try {
                PemKeys.readPublic(alipayPublicKey.read("paygate.alipay.alipay-public-key"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paygate.alipay.alipay-public-key is not an RSA public key in X.509 PEM", e);
            }
        }
    }

    private static void require(boolean present, String key) {
        if (!present) {
            throw new IllegalArgumentException(key + " is required while paygate.alipay.enabled=true");
        }
    }
}
