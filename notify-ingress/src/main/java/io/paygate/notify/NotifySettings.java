package io.paygate.notify;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the notification endpoints that do not belong to one platform.
 *
 * @param returnRedirectUrl where a buyer's browser is sent after a platform's browser return;
 *                          paygate appends {@code ?orderNo=...}
 * @param maxBodySize       the largest notification body read; larger ones are refused unread
 *                          (platform notifications are a few KiB)
 * @param paymentServiceUrl where payment-service answers whether a payment of an order was
 *                          started; a notification for any other order is refused. Empty: no check
 * @param orderCheckTimeout how long that question may take before the notification is answered
 *                          "not recorded" (platforms wait 5 s at most)
 */
@ConfigurationProperties("paygate.notify")
public record NotifySettings(
        @DefaultValue("http://localhost:8081/pay/result") URI returnRedirectUrl,
        @DefaultValue("64KB") DataSize maxBodySize,
        URI paymentServiceUrl,
        @DefaultValue("800ms") java.time.Duration orderCheckTimeout) {

    public NotifySettings {
        if (!returnRedirectUrl.isAbsolute()) {
            throw new IllegalArgumentException(
                    "paygate.notify.return-redirect-url must be an absolute URL, was " + returnRedirectUrl);
        }
        if (paymentServiceUrl != null && paymentServiceUrl.toString().isBlank()) {
            paymentServiceUrl = null;
        }
        if (paymentServiceUrl != null && !paymentServiceUrl.isAbsolute()) {
            throw new IllegalArgumentException("paygate.notify.payment-service-url must be an absolute URL, was " + paymentServiceUrl);
        }
        if (!orderCheckTimeout.isPositive()) {
            throw new IllegalArgumentException("paygate.notify.order-check-timeout must be positive");
        }
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("paygate.notify.max-body-size must be between 1KB and 2GB, was " + maxBodySize);
        }
    }

    public int maxBodyBytes() {
        return (int) maxBodySize.toBytes();
    }
}
