package io.paygate.common.web.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body a service's API reads; a larger one is answered
 *                    413 {@code body_too_large}. Our JSON requests are well under 1 KiB; 64 KiB
 *                    leaves room without letting one request hold megabytes in memory.
 */
@ConfigurationProperties("paygate.web")
public record RequestLimitSettings(@DefaultValue("64KB") DataSize maxBodySize) {

    public RequestLimitSettings {
        if (maxBodySize.toBytes() < 1024) {
            throw new IllegalArgumentException("paygate.web.max-body-size must be at least 1KB, was " + maxBodySize);
        }
    }
}
