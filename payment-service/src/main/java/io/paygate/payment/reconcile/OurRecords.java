package io.paygate.payment.reconcile;

import io.paygate.events.Channel;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Our side of a day: the payments this service holds as paid (attempts SUCCEEDED) and the refunds
 * it holds as succeeded, on the day the platform said they happened ({@code paid_at},
 * {@code refunded_at}; rows from before those columns count on the day they were recorded).
 * An order paid through two scenes of one channel is one trade at the platform, so one payment.
 */
@Repository
class OurRecords {

    private final DatabaseClient db;

    OurRecords(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<Item>> of(Channel channel, Instant from, Instant to) {
        Mono<List<Item>> payments = db.sql("select distinct on (order_no) order_no, platform_trade_no, amount_fen, "
                        + "coalesce(paid_at, updated_at) as at from payment_attempts where channel = :channel and status = 'SUCCEEDED' "
                        + "and coalesce(paid_at, updated_at) >= :from and coalesce(paid_at, updated_at) < :to "
                        + "order by order_no, platform_trade_no nulls last, id")
                .bind("channel", channel.name())
                .bind("from", from)
                .bind("to", to)
                .map(row -> Item.payment(row.get("order_no", String.class), row.get("platform_trade_no", String.class),
                        row.get("amount_fen", Long.class), row.get("at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        Mono<List<Item>> refunds = db.sql("select refund_no, order_no, platform_trade_no, amount_fen, coalesce(refunded_at, updated_at) as at "
                        + "from refunds where channel = :channel and status = 'SUCCEEDED' "
                        + "and coalesce(refunded_at, updated_at) >= :from and coalesce(refunded_at, updated_at) < :to order by refund_no")
                .bind("channel", channel.name())
                .bind("from", from)
                .bind("to", to)
                .map(row -> Item.refund(row.get("order_no", String.class), row.get("refund_no", String.class),
                        row.get("platform_trade_no", String.class), row.get("amount_fen", Long.class),
                        row.get("at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        return payments.zipWith(refunds, (p, r) -> {
            var all = new java.util.ArrayList<Item>(p.size() + r.size());
            all.addAll(p);
            all.addAll(r);
            return List.copyOf(all);
        });
    }
}
