package io.paygate.payment.orders;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param orderServiceUrl base URL of order-service, which owns the truth about orders
 * @param timeout         how long an order look-up may take
 */
@ConfigurationProperties("paygate.payment")
public record OrderServiceSettings(URI orderServiceUrl, @DefaultValue("5s") Duration timeout) {

    public OrderServiceSettings {
        if (orderServiceUrl == null || orderServiceUrl.getHost() == null) {
            throw new IllegalArgumentException("paygate.payment.order-service-url must be an absolute URL, e.g. http://localhost:8081");
        }
    }
}
