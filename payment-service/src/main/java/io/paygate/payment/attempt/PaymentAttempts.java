package io.paygate.payment.attempt;

import io.paygate.events.Channel;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Payment attempts in PostgreSQL: one per order, channel and scene. */
@Repository
class PaymentAttempts {

    private final DatabaseClient db;

    PaymentAttempts(DatabaseClient db) {
        this.db = db;
    }

    /** Records a new attempt, or refreshes the open one for the same order, channel and scene; returns its id. */
    Mono<Long> open(String orderNo, Channel channel, Scene scene, long amountFen, Instant expiresAt, Instant now) {
        return db.sql("insert into payment_attempts (order_no, channel, scene, amount_fen, status, expires_at, created_at, updated_at) "
                        + "values (:orderNo, :channel, :scene, :amount, 'PENDING', :expiresAt, :now, :now) "
                        + "on conflict (order_no, channel, scene) do update set updated_at = excluded.updated_at "
                        + "returning id")
                .bind("orderNo", orderNo)
                .bind("channel", channel.name())
                .bind("scene", scene.name())
                .bind("amount", amountFen)
                .bind("expiresAt", expiresAt)
                .bind("now", now)
                .map(row -> row.get("id", Long.class))
                .one();
    }
}
