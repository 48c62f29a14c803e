package io.paygate.order.coupon;

import io.paygate.common.web.ApiException;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Single-use coupons of a fixed amount. Redeeming is one guarded update ({@code used_by_order
 * is null}), so two orders racing for one coupon get it once. Run inside the order's
 * transaction: a refused order leaves the coupon unused.
 */
@Component
public class Coupons {

    private final DatabaseClient db;

    Coupons(DatabaseClient db) {
        this.db = db;
    }

    public record Coupon(String code, long amountOffFen, String usedByOrder, Instant usedAt) {
    }

    /** Marks the coupon used by this order and returns how much it takes off. */
    public Mono<Long> redeem(String code, String orderNo, Instant now) {
        return db.sql("update coupons set used_by_order = :orderNo, used_at = :now where code = :code and used_by_order is null "
                        + "returning amount_off_fen")
                .bind("orderNo", orderNo)
                .bind("now", now)
                .bind("code", code)
                .map(row -> row.get("amount_off_fen", Long.class))
                .one()
                .switchIfEmpty(Mono.defer(() -> db.sql("select 1 from coupons where code = :code").bind("code", code)
                        .map(row -> true).one()
                        .flatMap(exists -> Mono.<Long>error(new ApiException(HttpStatus.CONFLICT, "coupon_used",
                                "coupon " + code + " was already used")))
                        .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "coupon_unknown",
                                "no coupon " + code)))));
    }

    /** Gives back the coupon of an order that ended unpaid; call in the transaction that ends it. */
    public Mono<Long> release(String orderNo) {
        return db.sql("update coupons set used_by_order = null, used_at = null where used_by_order = :orderNo")
                .bind("orderNo", orderNo)
                .fetch()
                .rowsUpdated();
    }

    public Mono<Coupon> put(String code, long amountOffFen, Instant now) {
        return db.sql("insert into coupons (code, amount_off_fen, created_at) values (:code, :off, :now) "
                        + "on conflict (code) do update set amount_off_fen = excluded.amount_off_fen "
                        + "returning code, amount_off_fen, used_by_order, used_at")
                .bind("code", code)
                .bind("off", amountOffFen)
                .bind("now", now)
                .map(Coupons::toCoupon)
                .one();
    }

    public Flux<Coupon> all() {
        return db.sql("select code, amount_off_fen, used_by_order, used_at from coupons order by created_at, code")
                .map(Coupons::toCoupon).all();
    }

    private static Coupon toCoupon(io.r2dbc.spi.Readable row) {
        var usedAt = row.get("used_at", java.time.OffsetDateTime.class);
        return new Coupon(row.get("code", String.class), row.get("amount_off_fen", Long.class), row.get("used_by_order", String.class),
                usedAt == null ? null : usedAt.toInstant());
    }
}
