package io.paygate.fulfillment.admin;

import io.paygate.common.web.AdminAuthentication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code /admin/**} behind HTTP Basic with the configured admin credentials. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    AdminAuthentication adminAuthentication(AdminSettings settings) {
        return new AdminAuthentication(settings.username(), settings.password());
    }
}
