package io.paygate.common.outbox;

import io.paygate.common.faults.CrashPoints;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.kafka.OutgoingRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Publishes committed outbox rows, each message key's (each order's) in commit order, and marks a
 * row only after the broker acknowledged it. One relay at a time per database (a
 * transaction-scoped advisory lock), so several instances never reorder one order's events. Rows
 * of different keys are in flight together ({@link #waves}); a row is sent only once every earlier
 * row of its key was acknowledged. A crash between the acknowledgement and the mark publishes the
 * row again: consumers de-duplicate on the event id.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Crash point: the row is committed and about to be sent. */
    public static final String BEFORE_PUBLISH = "outbox.before-publish";
    /** Crash point: the broker acknowledged the row, which is not marked published yet. */
    public static final String AFTER_PUBLISH = "outbox.after-publish";
    /** Arbitrary constant naming the relay's advisory lock. */
    private static final long LOCK_KEY = 0x7061_7967_6174_6501L;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final EventPublisher publisher;
    private final Duration pollInterval;
    private final int batchSize;
    private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();
    private final AtomicLong published = new AtomicLong();
    private volatile Disposable running;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, EventPublisher publisher, Duration pollInterval, int batchSize) {
        this.db = db;
        this.tx = tx;
        this.publisher = publisher;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
    }

    void nudge() {
        nudges.tryEmitNext(Boolean.TRUE);
    }

    /** How many rows this relay has published since start. */
    public long publishedCount() {
        return published.get();
    }

    /** Publishes what is waiting now; completes with the number of rows published. */
    public Mono<Integer> relayOnce() {
        Mono<Integer> batch = db.sql("select pg_try_advisory_xact_lock(:key) as locked")
                .bind("key", LOCK_KEY)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> locked ? publishBatch() : Mono.just(0));
        return tx.transactional(batch);
    }

    private Mono<Integer> publishBatch() {
        return db.sql("select id, topic, msg_key, event_id, type, source, occurred_at, payload from outbox "
                        + "where published_at is null order by id limit :limit")
                .bind("limit", batchSize)
                .map(row -> new Pending(
                        row.get("id", Long.class),
                        new OutgoingRecord(
                                row.get("topic", String.class),
                                row.get("msg_key", String.class),
                                row.get("event_id", String.class),
                                row.get("type", String.class),
                                row.get("source", String.class),
                                row.get("occurred_at", OffsetDateTime.class).toInstant(),
                                bytes(row.get("payload", ByteBuffer.class)))))
                .all()
                // read the whole batch before the first update: on one R2DBC connection an update
                // cannot run while a select's rows are still being streamed to a slower consumer
                .collectList()
                .flatMapMany(batch -> Flux.fromIterable(waves(batch)))
                .concatMap(this::publishWave)
                // a wave with a failed send ends the pass: later waves may hold the same orders' next events
                .takeUntil(wave -> wave.failed() != null)
                .reduce(0, (sum, wave) -> {
                    if (wave.failed() != null) {
                        log.warn("outbox relay: {} of a wave of {} not acknowledged, will retry: {}",
                                wave.size() - wave.published(), wave.size(), wave.failed().toString());
                    }
                    return sum + wave.published();
                });
    }

    /**
     * Splits a batch (in id order) into waves: the first row of each message key, then the second, and
     * so on, each wave in id order. A wave never holds two rows of one key, so its rows can be in flight
     * together without any order's events overtaking each other, and a wave starts only after every row
     * of the one before was acknowledged.
     */
    static List<List<Pending>> waves(List<Pending> batch) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<Pending>> waves = new ArrayList<>();
        for (Pending pending : batch) {
            int wave = seen.merge(pending.record().key(), 1, Integer::sum) - 1;
            if (wave == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(wave).add(pending);
        }
        return waves;
    }

    /** Sends a wave's rows together, waits for every acknowledgement, then marks those acknowledged in one statement. */
    private Mono<WaveResult> publishWave(List<Pending> wave) {
        return Flux.fromIterable(wave)
                .flatMap(pending -> Mono.fromRunnable(() -> CrashPoints.reach(BEFORE_PUBLISH, pending.record().type()))
                        .then(publisher.send(pending.record()))
                        .then(Mono.fromRunnable(() -> CrashPoints.reach(AFTER_PUBLISH, pending.record().type())))
                        .thenReturn(new Sent(pending.id(), null))
                        .onErrorResume(e -> Mono.just(new Sent(pending.id(), e))), wave.size())
                .collectList()
                .flatMap(sent -> {
                    Long[] acked = sent.stream().filter(s -> s.error() == null).map(Sent::id).toArray(Long[]::new);
                    Throwable failed = sent.stream().map(Sent::error).filter(e -> e != null).findFirst().orElse(null);
                    return markPublished(acked).thenReturn(new WaveResult(wave.size(), acked.length, failed));
                });
    }

    private Mono<Void> markPublished(Long[] ids) {
        if (ids.length == 0) {
            return Mono.empty();
        }
        return db.sql("update outbox set published_at = :now where id = any(:ids)")
                .bind("now", Instant.now())
                .bind("ids", ids)
                .fetch()
                .rowsUpdated()
                .doOnNext(published::addAndGet)
                .then();
    }

    @Override
    public void start() {
        running = Flux.merge(Flux.interval(pollInterval), nudges.asFlux())
                .onBackpressureDrop()
                // a full batch means more may be waiting: go on at once rather than at the next tick or nudge
                .concatMap(tick -> relayOnce().expand(published -> published >= batchSize ? relayOnce() : Mono.empty())
                        .then()
                        .onErrorResume(e -> {
                            log.warn("outbox relay pass failed, will retry: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    record Pending(long id, OutgoingRecord record) {
    }

    private record Sent(long id, Throwable error) {
    }

    private record WaveResult(int size, int published, Throwable failed) {
    }
}
