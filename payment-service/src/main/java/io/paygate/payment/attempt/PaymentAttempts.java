package io.paygate.payment.attempt;

import io.paygate.events.Channel;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Payment attempts in PostgreSQL: one per order, channel and scene. */
@Repository
public class PaymentAttempts {

    private final DatabaseClient db;

    PaymentAttempts(DatabaseClient db) {
        this.db = db;
    }

    /** An attempt as stored. */
    public record Attempt(long id, String orderNo, Channel channel, Scene scene, AttemptStatus status) {
    }

    /** The attempts of an order that the platform has not decided on, or whose outcome we do not know. */
    public Flux<Attempt> open(String orderNo) {
        return db.sql("select id, order_no, channel, scene, status from payment_attempts "
                        + "where order_no = :orderNo and status in ('PENDING', 'UNKNOWN') order by id")
                .bind("orderNo", orderNo)
                .map(row -> new Attempt(row.get("id", Long.class), row.get("order_no", String.class),
                        Channel.valueOf(row.get("channel", String.class)), Scene.valueOf(row.get("scene", String.class)),
                        AttemptStatus.valueOf(row.get("status", String.class))))
                .all();
    }

    /** An undecided attempt due for a check, with how often it was checked before. */
    public record Due(Attempt attempt, Instant expiresAt, Instant createdAt, int checks) {
    }

    /**
     * Claims up to {@code limit} undecided attempts whose check is due: each is pushed to its
     * next check time by {@code nextCheck} in the same statement, under {@code skip locked}, so
     * several instances never check the same attempt at once.
     */
    public Flux<Due> claimDue(Instant now, int limit, java.util.function.IntFunction<java.time.Duration> nextDelay) {
        return db.sql("select id, order_no, channel, scene, status, expires_at, created_at, checks from payment_attempts "
                        + "where status in ('PENDING', 'UNKNOWN') and next_check_at <= :now order by next_check_at "
                        + "limit :limit for update skip locked")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new Due(new Attempt(row.get("id", Long.class), row.get("order_no", String.class),
                        Channel.valueOf(row.get("channel", String.class)), Scene.valueOf(row.get("scene", String.class)),
                        AttemptStatus.valueOf(row.get("status", String.class))),
                        row.get("expires_at", java.time.OffsetDateTime.class).toInstant(),
                        row.get("created_at", java.time.OffsetDateTime.class).toInstant(),
                        row.get("checks", Integer.class)))
                .all()
                // the whole claim first: the update cannot run on this connection while the select still streams
                // (with more due rows than the driver prefetches, the two waited on each other for a minute)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(due -> db.sql("update payment_attempts set checks = checks + 1, next_check_at = :next where id = :id")
                        .bind("next", now.plus(nextDelay.apply(due.checks() + 1)))
                        .bind("id", due.attempt().id())
                        .fetch().rowsUpdated().thenReturn(due));
    }

    /** Records what the platform said of the attempt. */
    public Mono<Void> mark(long id, AttemptStatus status, String platformTradeNo, Instant now) {
        return db.sql("update payment_attempts set status = :status, platform_trade_no = coalesce(:tradeNo, platform_trade_no), "
                        + "updated_at = :now where id = :id")
                .bind("status", status.name())
                .bind("tradeNo", Parameter.fromOrEmpty(platformTradeNo, String.class))
                .bind("now", now)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Records that the attempt was paid, and when the platform says it was (the day reconciliation counts it on). */
    public Mono<Void> markPaid(long id, String platformTradeNo, Instant paidAt, Instant now) {
        return db.sql("update payment_attempts set status = 'SUCCEEDED', platform_trade_no = coalesce(:tradeNo, platform_trade_no), "
                        + "paid_at = coalesce(:paidAt, paid_at, :now), updated_at = :now where id = :id")
                .bind("tradeNo", Parameter.fromOrEmpty(platformTradeNo, String.class))
                .bind("paidAt", Parameter.fromOrEmpty(paidAt, Instant.class))
                .bind("now", now)
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The order's latest attempt on the channel, whatever its status. */
    public Mono<Attempt> latest(String orderNo, Channel channel) {
        return db.sql("select id, order_no, channel, scene, status from payment_attempts "
                        + "where order_no = :orderNo and channel = :channel order by id desc limit 1")
                .bind("orderNo", orderNo)
                .bind("channel", channel.name())
                .map(row -> new Attempt(row.get("id", Long.class), row.get("order_no", String.class),
                        Channel.valueOf(row.get("channel", String.class)), Scene.valueOf(row.get("scene", String.class)),
                        AttemptStatus.valueOf(row.get("status", String.class))))
                .one();
    }

    /**
     * Records a new attempt, or refreshes the open one for the same order, channel and scene;
     * returns its id. {@code codeUrl} (WeChat Native) replaces the one kept before, if given.
     */
    Mono<Long> start(String orderNo, Channel channel, Scene scene, long amountFen, Instant expiresAt, Instant now,
                     Instant firstCheck, String codeUrl) {
        return db.sql("insert into payment_attempts (order_no, channel, scene, amount_fen, status, expires_at, created_at, "
                        + "updated_at, next_check_at, code_url) values (:orderNo, :channel, :scene, :amount, 'PENDING', :expiresAt, "
                        + ":now, :now, :firstCheck, :codeUrl) on conflict (order_no, channel, scene) do update set "
                        + "updated_at = excluded.updated_at, "
                        + "next_check_at = coalesce(payment_attempts.next_check_at, excluded.next_check_at), "
                        + "code_url = coalesce(excluded.code_url, payment_attempts.code_url) "
                        + "returning id")
                .bind("firstCheck", firstCheck)
                .bind("orderNo", orderNo)
                .bind("channel", channel.name())
                .bind("scene", scene.name())
                .bind("amount", amountFen)
                .bind("expiresAt", expiresAt)
                .bind("now", now)
                .bind("codeUrl", Parameter.fromOrEmpty(codeUrl, String.class))
                .map(row -> row.get("id", Long.class))
                .one();
    }

    /** The code_url of the order's WeChat Native attempt while it is undecided, if there is one. */
    Mono<String> openCodeUrl(String orderNo) {
        return db.sql("select code_url from payment_attempts where order_no = :orderNo and channel = 'WECHAT' "
                        + "and scene = 'NATIVE' and status in ('PENDING', 'UNKNOWN') and code_url is not null")
                .bind("orderNo", orderNo)
                .map(row -> row.get("code_url", String.class))
                .one();
    }
}
