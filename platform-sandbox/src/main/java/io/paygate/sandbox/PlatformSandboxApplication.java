package io.paygate.sandbox;

import io.paygate.common.web.ApiErrors;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A local, protocol-faithful stand-in for the payment platforms, so that the merchant side runs
 * unchanged official SDKs against it. The sandbox keeps its state in memory and uses no Kafka:
 * {@code common} brings the Kafka starter along, so its auto-configuration is switched off here.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration"})
@ConfigurationPropertiesScan
@Import(ApiErrors.class)
public class PlatformSandboxApplication {

    /** The application with its own configuration name, so it can share a JVM with the services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PlatformSandboxApplication.class)
                .properties("spring.config.name=platform-sandbox");
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
