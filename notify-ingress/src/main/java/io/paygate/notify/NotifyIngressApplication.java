package io.paygate.notify;

import io.paygate.common.kafka.EventingConfiguration;
import io.paygate.common.web.ApiErrors;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The public endpoints the payment platforms call. Stateless: it verifies what arrives,
 * publishes it to Kafka and answers the platform only after the broker acknowledged.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({EventingConfiguration.class, ApiErrors.class})
public class NotifyIngressApplication {

    /** The application with its own configuration name, so it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(NotifyIngressApplication.class)
                .properties("spring.config.name=notify-ingress");
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
