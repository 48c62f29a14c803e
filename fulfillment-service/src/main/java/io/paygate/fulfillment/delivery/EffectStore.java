package io.paygate.fulfillment.delivery;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code effects} table: one row per thing to send, PENDING until it is DONE or DEAD
 * (dead-lettered). A PENDING row is due when {@code next_attempt_at} has passed; claiming it
 * pushes that time out by the lease, so a crashed worker's claims come due again by themselves.
 */
@Component
class EffectStore {

    private static final String COLUMNS = "e.id, e.fact_key, e.kind, e.order_no, e.payload, e.attempts, e.last_error, "
            + "e.topic, e.record_key, e.event_id, e.event_type, e.event_source, e.event_time, e.event_body";

    private final DatabaseClient db;

    EffectStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(EventOrigin origin, String factKey, String orderNo, PlannedEffect effect, Instant now) {
        return db.sql("insert into effects (fact_key, kind, order_no, payload, status, attempts, next_attempt_at, created_at, "
                        + "topic, record_key, event_id, event_type, event_source, event_time, event_body) values (:factKey, :kind, "
                        + ":orderNo, :payload, 'PENDING', 0, :now, :now, :topic, :recordKey, :eventId, :eventType, :eventSource, "
                        + ":eventTime, :eventBody) on conflict (fact_key, kind) do nothing")
                .bind("factKey", factKey)
                .bind("kind", effect.kind().name())
                .bind("orderNo", orderNo)
                .bind("payload", effect.payload())
                .bind("now", now)
                .bind("topic", origin.topic())
                .bind("recordKey", origin.key())
                .bind("eventId", origin.id())
                .bind("eventType", origin.type())
                .bind("eventSource", origin.source())
                .bind("eventTime", origin.time())
                .bind("eventBody", origin.body())
                .fetch().rowsUpdated().then();
    }

    /** Claims up to {@code limit} due effects, oldest first, counting the attempt now. Instances never claim the same row. */
    Mono<List<Effect>> claimDue(Instant now, Instant leaseUntil, int limit) {
        return db.sql("update effects e set attempts = e.attempts + 1, next_attempt_at = :leaseUntil from ("
                        + "select id from effects where status = 'PENDING' and next_attempt_at <= :now "
                        + "order by next_attempt_at, id limit :limit for update skip locked) due "
                        + "where e.id = due.id returning " + COLUMNS)
                .bind("now", now)
                .bind("leaseUntil", leaseUntil)
                .bind("limit", limit)
                .map(EffectStore::effect)
                .all()
                .collectSortedList(Comparator.comparingLong(Effect::id));
    }

    Mono<Void> done(long id, Instant now) {
        return db.sql("update effects set status = 'DONE', done_at = :now, last_error = null where id = :id and status = 'PENDING'")
                .bind("id", id).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    /** Schedules the next attempt; {@code exhausted} makes it go straight to the dead-letter topic then. */
    Mono<Void> retryAt(long id, Instant at, String error, boolean exhausted, int maxAttempts) {
        var update = db.sql("update effects set next_attempt_at = :at, last_error = :error"
                        + (exhausted ? ", attempts = greatest(attempts, :max)" : "")
                        + " where id = :id and status = 'PENDING'")
                .bind("id", id).bind("at", at).bind("error", error);
        return (exhausted ? update.bind("max", maxAttempts) : update).fetch().rowsUpdated().then();
    }

    Mono<Void> dead(long id, String error, Instant now) {
        return db.sql("update effects set status = 'DEAD', last_error = :error, done_at = :now where id = :id and status = 'PENDING'")
                .bind("id", id).bind("error", error).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    /** Puts an event's dead effects back in the queue, as new; effects already DONE are never touched. */
    Mono<Long> revive(String eventId, Instant now) {
        return db.sql("update effects set status = 'PENDING', attempts = 0, next_attempt_at = :now, last_error = null, "
                        + "done_at = null where event_id = :eventId and status = 'DEAD'")
                .bind("eventId", eventId).bind("now", now)
                .fetch().rowsUpdated();
    }

    /** Counts by status, for the health of the queue and for tests. */
    Flux<StatusCount> countByStatus() {
        return db.sql("select status, count(*) as n from effects group by status")
                .map(row -> new StatusCount(row.get("status", String.class), row.get("n", Long.class)))
                .all();
    }

    record StatusCount(String status, long count) {
    }

    private static Effect effect(Readable row) {
        var origin = new EventOrigin(row.get("topic", String.class), row.get("record_key", String.class),
                row.get("event_id", String.class), row.get("event_type", String.class), row.get("event_source", String.class),
                row.get("event_time", Instant.class), row.get("event_body", String.class));
        return new Effect(row.get("id", Long.class), row.get("fact_key", String.class),
                EffectKind.valueOf(row.get("kind", String.class)), row.get("order_no", String.class),
                row.get("payload", String.class), row.get("attempts", Integer.class), row.get("last_error", String.class), origin);
    }
}
