package io.paygate.order.order;

import io.paygate.common.web.ApiException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Idempotency keys on order creation, the way Stripe does them: the first request with a key
 * does the work and its answer is kept; the same key with the same body gets that answer
 * again; the same key with another body is refused. The key row is inserted in the same
 * transaction as the order, so two concurrent requests with one key create one order: the
 * second waits on the first's row and then reads its answer.
 */
@Component
class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    static final int MAX_KEY_LENGTH = 255;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Duration retention;

    IdempotencyKeys(DatabaseClient db, TransactionalOperator tx, Clock clock, OrderSettings settings) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        this.retention = settings.idempotencyRetention();
    }

    /**
     * Runs {@code work} once per (client, key) and returns its answer, or the kept answer of
     * the first request with this key.
     *
     * @param requestFingerprint the request body in a canonical form
     * @param work               produces the answer; it joins this method's transaction
     */
    Mono<byte[]> once(long clientId, String key, byte[] requestFingerprint, Supplier<Mono<byte[]>> work) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Mono.error(new ApiException(HttpStatus.BAD_REQUEST, "idempotency_key_invalid",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        String hash = sha256(requestFingerprint);
        Mono<byte[]> attempt = db.sql("insert into idempotency_keys (client_id, idem_key, request_hash, created_at) "
                        + "values (:client, :key, :hash, :now) on conflict do nothing")
                .bind("client", clientId)
                .bind("key", key)
                .bind("hash", hash)
                .bind("now", clock.instant())
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> inserted == 1
                        ? work.get().flatMap(answer -> keep(clientId, key, answer))
                        : replay(clientId, key, hash));
        return tx.transactional(attempt);
    }

    private Mono<byte[]> keep(long clientId, String key, byte[] answer) {
        return db.sql("update idempotency_keys set response_body = :body where client_id = :client and idem_key = :key")
                .bind("body", answer)
                .bind("client", clientId)
                .bind("key", key)
                .fetch()
                .rowsUpdated()
                .thenReturn(answer);
    }

    private Mono<byte[]> replay(long clientId, String key, String hash) {
        return db.sql("select request_hash, response_body from idempotency_keys where client_id = :client and idem_key = :key")
                .bind("client", clientId)
                .bind("key", key)
                .map(row -> new Kept(row.get("request_hash", String.class), row.get("response_body", ByteBuffer.class)))
                .one()
                .flatMap(kept -> {
                    if (!kept.requestHash().equals(hash)) {
                        return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                                "this Idempotency-Key was used with a different request body"));
                    }
                    if (kept.response() == null) {
                        return Mono.error(new ApiException(HttpStatus.CONFLICT, "idempotency_key_in_use",
                                "a request with this Idempotency-Key is still being processed"));
                    }
                    byte[] body = new byte[kept.response().remaining()];
                    kept.response().get(body);
                    return Mono.just(body);
                });
    }

    /** Keys are kept for the configured retention (at least a day), then forgotten. */
    @Scheduled(fixedDelayString = "${paygate.order.idempotency-purge-interval:1h}")
    void purge() {
        Long removed = db.sql("delete from idempotency_keys where created_at < :cutoff")
                .bind("cutoff", clock.instant().minus(retention))
                .fetch()
                .rowsUpdated()
                .block(Duration.ofMinutes(1));
        if (removed != null && removed > 0) {
            log.info("forgot {} idempotency keys older than {}", removed, retention);
        }
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Kept(String requestHash, ByteBuffer response) {
    }
}
