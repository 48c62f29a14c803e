package io.paygate.fulfillment;

import io.paygate.common.kafka.EventingConfiguration;
import io.paygate.common.web.ApiErrors;
import io.paygate.common.web.limits.RequestLimits;
import io.paygate.fulfillment.email.Mailer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** What happens after money moves: the customer's receipt email and the admins' live messages. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import({EventingConfiguration.class, ApiErrors.class, RequestLimits.class, PersistenceConfiguration.class})
public class FulfillmentServiceApplication {

    static {
        // before anything touches Jakarta Mail: every receipt would scan the class path otherwise
        Mailer.nameStreamProvider();
    }

    /** The application with its own configuration name, so it can share a JVM with the other services. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(FulfillmentServiceApplication.class)
                .properties("spring.config.name=fulfillment-service");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
