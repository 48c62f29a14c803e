package io.paygate.common.outbox;

import io.paygate.common.kafka.OutgoingRecord;
import io.paygate.events.Envelope;
import io.paygate.events.EventCodec;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The transactional outbox: an event is appended in the same database transaction as the
 * state change that causes it, and {@link OutboxRelay} publishes it after commit. Expects the
 * table created by each service's migration:
 * {@code outbox(id bigserial, event_id text unique, topic, msg_key, type, source, occurred_at, payload bytea, published_at)}.
 */
public final class Outbox {

    private final DatabaseClient db;
    private final EventCodec codec;
    private final OutboxRelay relay;

    public Outbox(DatabaseClient db, EventCodec codec, OutboxRelay relay) {
        this.db = db;
        this.codec = codec;
        this.relay = relay;
    }

    /** Appends the event; call inside the transaction that makes the change. */
    public Mono<Void> append(Envelope<?> envelope) {
        OutgoingRecord record = OutgoingRecord.of(envelope, codec);
        return db.sql("insert into outbox (event_id, topic, msg_key, type, source, occurred_at, payload) "
                        + "values (:id, :topic, :key, :type, :source, :time, :payload)")
                .bind("id", record.id())
                .bind("topic", record.topic())
                .bind("key", record.key())
                .bind("type", record.type())
                .bind("source", record.source())
                .bind("time", record.time())
                .bind("payload", record.payload())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Tells the relay there is something new, so it need not wait for its next poll. Call after commit. */
    public void nudge() {
        relay.nudge();
    }
}
