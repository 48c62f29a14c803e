package io.paygate.order;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.outbox.Outbox;
import io.paygate.common.outbox.OutboxRelay;
import io.paygate.events.EventCodec;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The outbox, its relay and the consumer's record of processed events. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactions) {
        return TransactionalOperator.create(transactions);
    }

    @Bean
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator tx, EventPublisher publisher,
                            @Value("${paygate.outbox.poll-interval:200ms}") Duration pollInterval) {
        return new OutboxRelay(db, tx, publisher, pollInterval, 200);
    }

    @Bean
    Outbox outbox(DatabaseClient db, EventCodec codec, OutboxRelay relay) {
        return new Outbox(db, codec, relay);
    }

    @Bean
    ProcessedEvents processedEvents(DatabaseClient db) {
        return new ProcessedEvents(db, "order-service");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
