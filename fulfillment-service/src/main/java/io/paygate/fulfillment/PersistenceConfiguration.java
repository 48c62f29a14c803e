package io.paygate.fulfillment;

import io.paygate.common.consume.ProcessedEvents;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Transactions and the consumer's record of processed events. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    /** The consumer name in {@code processed_events}; the same as the Kafka consumer group. */
    static final String CONSUMER = "fulfillment-service";

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactions) {
        return TransactionalOperator.create(transactions);
    }

    @Bean
    ProcessedEvents processedEvents(DatabaseClient db) {
        return new ProcessedEvents(db, CONSUMER);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
