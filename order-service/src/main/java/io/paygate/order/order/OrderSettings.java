package io.paygate.order.order;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone             the business time zone of order numbers
 * @param defaultPayWithin pay window when a request names none
 * @param minPayWithin     the shortest window a request may ask for (Alipay refuses under a minute)
 * @param maxPayWithin     the longest
 * @param idempotencyRetention how long an Idempotency-Key and its answer are kept (at least a day)
 */
@ConfigurationProperties("paygate.order")
public record OrderSettings(
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("15m") Duration defaultPayWithin,
        @DefaultValue("1m") Duration minPayWithin,
        @DefaultValue("24h") Duration maxPayWithin,
        @DefaultValue("48h") Duration idempotencyRetention) {

    public OrderSettings {
        if (minPayWithin.compareTo(maxPayWithin) > 0 || defaultPayWithin.compareTo(minPayWithin) < 0
                || defaultPayWithin.compareTo(maxPayWithin) > 0) {
            throw new IllegalArgumentException(
                    "paygate.order: need min-pay-within <= default-pay-within <= max-pay-within");
        }
        if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException("paygate.order.idempotency-retention must be at least 24h");
        }
    }
}
