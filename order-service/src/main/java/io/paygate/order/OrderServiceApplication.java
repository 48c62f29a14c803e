package io.paygate.order;

import io.paygate.common.kafka.EventingConfiguration;
import io.paygate.common.web.ApiErrors;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Orders, order numbers and the rules that decide whether money makes an order paid. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({EventingConfiguration.class, ApiErrors.class, io.paygate.common.web.limits.RequestLimits.class,
        io.paygate.common.web.StatusProblems.class, PersistenceConfiguration.class})
public class OrderServiceApplication {

    /** The application with its own configuration name, so it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(OrderServiceApplication.class)
                .properties("spring.config.name=order-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
