package io.paygate.common.web.limits;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The request size limit of a service's own HTTP API, imported by each service that reads
 * request bodies through Spring's codecs. notify-ingress does not import it: it reads raw bodies
 * with its own limit and answers in each platform's protocol.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitSettings.class)
public class RequestLimits {

    @Bean
    BodySizeLimit bodySizeLimit(RequestLimitSettings settings) {
        return new BodySizeLimit(settings.maxBodySize().toBytes());
    }
}
