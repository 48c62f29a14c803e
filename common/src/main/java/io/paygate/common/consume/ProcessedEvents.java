package io.paygate.common.consume;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The record of events a consumer has already applied. Claiming an event id inside the same
 * transaction as the change it causes makes redelivery a no-op. Expects the table
 * {@code processed_events(consumer text, event_id text, processed_at timestamptz, primary key (consumer, event_id))}.
 */
public final class ProcessedEvents {

    private final DatabaseClient db;
    private final String consumer;

    public ProcessedEvents(DatabaseClient db, String consumer) {
        this.db = db;
        this.consumer = consumer;
    }

    /** True the first time this consumer sees the event id, false for every repeat. Run it inside the change's transaction. */
    public Mono<Boolean> claim(String eventId) {
        return db.sql("insert into processed_events (consumer, event_id, processed_at) values (:consumer, :eventId, now()) "
                        + "on conflict do nothing")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }
}
