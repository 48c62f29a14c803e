package io.paygate.payment;

import io.paygate.common.kafka.EventingConfiguration;
import io.paygate.common.web.ApiErrors;
import java.time.Clock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Payment attempts per order and channel, made through the platforms' official SDKs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({EventingConfiguration.class, ApiErrors.class, io.paygate.common.web.limits.RequestLimits.class,
        io.paygate.common.web.StatusProblems.class})
public class PaymentServiceApplication {

    /** The application with its own configuration name, so it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(PaymentServiceApplication.class)
                .properties("spring.config.name=payment-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    @Bean
    org.springframework.transaction.reactive.TransactionalOperator transactionalOperator(
            org.springframework.transaction.ReactiveTransactionManager transactions) {
        return org.springframework.transaction.reactive.TransactionalOperator.create(transactions);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
