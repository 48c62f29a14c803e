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
 */
@ConfigurationProperties("paygate.notify")
public record NotifySettings(
        @DefaultValue("http://localhost:8081/pay/result") URI returnRedirectUrl,
        @DefaultValue("64KB") DataSize maxBodySize) {

    public NotifySettings {
        if (!returnRedirectUrl.isAbsolute()) {
            throw new IllegalArgumentException(
                    "paygate.notify.return-redirect-url must be an absolute URL, was " + returnRedirectUrl);
        }
        if (maxBodySize.toBytes() < 1024 || maxBodySize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("paygate.notify.max-body-size must be between 1KB and 2GB, was " + maxBodySize);
        }
    }

    public int maxBodyBytes() {
        return (int) maxBodySize.toBytes();
    }
}
