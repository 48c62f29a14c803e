package io.paygate.order.order;

import io.paygate.events.Channel;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Orders in PostgreSQL. State changes are guarded updates: they name the state they leave. */
@Repository
public class OrderRepository {

    private static final String COLUMNS = "id, order_no, client_id, subject, customer_email, amount_fen, payable_fen, "
            + "currency, status, created_at, expires_at, paid_at, paid_channel, platform_trade_no";

    private final DatabaseClient db;

    OrderRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Long> nextId() {
        return db.sql("select nextval('order_seq') as id").map(row -> row.get("id", Long.class)).one();
    }

    Mono<Order> insert(Order order) {
        return db.sql("insert into orders (" + COLUMNS + ") values (:id, :orderNo, :clientId, :subject, :email, :amount, "
                        + ":payable, :currency, :status, :createdAt, :expiresAt, :paidAt, null, null)")
                .bind("id", order.id())
                .bind("orderNo", order.orderNo())
                .bind("clientId", order.clientId())
                .bind("subject", order.subject())
                .bind("email", order.customerEmail())
                .bind("amount", order.amountFen())
                .bind("payable", order.payableFen())
                .bind("currency", order.currency())
                .bind("status", order.status().name())
                .bind("createdAt", order.createdAt())
                .bind("expiresAt", order.expiresAt())
                .bind("paidAt", Parameter.fromOrEmpty(order.paidAt(), Instant.class))
                .fetch()
                .rowsUpdated()
                .thenReturn(order);
    }

    public Mono<Order> find(String orderNo) {
        return db.sql("select " + COLUMNS + " from orders where order_no = :orderNo")
                .bind("orderNo", orderNo)
                .map(OrderRepository::toOrder)
                .one();
    }

    /** Reads the order and locks its row until the transaction ends, so concurrent consumers queue up. */
    public Mono<Order> lock(String orderNo) {
        return db.sql("select " + COLUMNS + " from orders where order_no = :orderNo for update")
                .bind("orderNo", orderNo)
                .map(OrderRepository::toOrder)
                .one();
    }

    /** Admins search across client apps: a customer's orders, newest first, before the given id. */
    public Flux<Order> findByCustomerForAdmin(String email, long beforeId, int limit) {
        return db.sql("select " + COLUMNS + " from orders where customer_email = :email and id < :before order by id desc limit :limit")
                .bind("email", email)
                .bind("before", beforeId)
                .bind("limit", limit)
                .map(OrderRepository::toOrder)
                .all();
    }

    Flux<Order> findByCustomer(long clientId, String email, long afterId, int limit) {
        return db.sql("select " + COLUMNS + " from orders where client_id = :clientId and customer_email = :email "
                        + "and id > :after order by id limit :limit")
                .bind("clientId", clientId)
                .bind("email", email)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(OrderRepository::toOrder)
                .all();
    }

    /**
     * Persists {@code changed}, which must have left {@code from}; fails naming the order if
     * someone else moved it first.
     */
    public Mono<Order> saveTransition(Order changed, OrderStatus from) {
        return db.sql("update orders set status = :status, paid_at = :paidAt, paid_channel = :channel, "
                        + "platform_trade_no = :tradeNo where order_no = :orderNo and status = :from")
                .bind("status", changed.status().name())
                .bind("paidAt", Parameter.fromOrEmpty(changed.paidAt(), Instant.class))
                .bind("channel", Parameter.fromOrEmpty(changed.paidChannel() == null ? null : changed.paidChannel().name(), String.class))
                .bind("tradeNo", Parameter.fromOrEmpty(changed.platformTradeNo(), String.class))
                .bind("orderNo", changed.orderNo())
                .bind("from", from.name())
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.just(changed)
                        : Mono.error(new IllegalTransition(changed.orderNo(), from, "become " + changed.status() + ": it changed concurrently")));
    }

    Flux<Order> withStatus(OrderStatus status, long afterId, int limit) {
        return db.sql("select " + COLUMNS + " from orders where status = :status and id > :after order by id limit :limit")
                .bind("status", status.name())
                .bind("after", afterId)
                .bind("limit", limit)
                .map(OrderRepository::toOrder)
                .all();
    }

    /** A refund of an order, as the order's owner sees it. */
    /** A refund of the order: {@code kind} ORDER gives back part of its own payment, PAYMENT all of the payment it names. */
    public record RefundLine(String refundNo, long amountFen, String status, Instant requestedAt, Instant settledAt, String kind,
                             String channel, String platformTradeNo) {
    }

    public Flux<RefundLine> refundsOf(String orderNo) {
        return db.sql("select refund_no, amount_fen, status, requested_at, settled_at, kind, channel, platform_trade_no from refunds "
                        + "where order_no = :orderNo "
                        + "order by requested_at, refund_no")
                .bind("orderNo", orderNo)
                .map(row -> new RefundLine(row.get("refund_no", String.class), row.get("amount_fen", Long.class),
                        row.get("status", String.class), instant(row.get("requested_at", OffsetDateTime.class)),
                        instant(row.get("settled_at", OffsetDateTime.class)), row.get("kind", String.class),
                        row.get("channel", String.class), row.get("platform_trade_no", String.class)))
                .all();
    }

    /** Order numbers of unpaid orders whose deadline passed, oldest deadline first, after the given one. */
    Flux<String> overdue(Instant now, int limit) {
        return db.sql("select order_no from orders where status = 'PENDING_PAYMENT' and expires_at <= :now "
                        + "order by expires_at, id limit :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> row.get("order_no", String.class))
                .all();
    }

    private static Order toOrder(Readable row) {
        String channel = row.get("paid_channel", String.class);
        return new Order(
                row.get("id", Long.class),
                row.get("order_no", String.class),
                row.get("client_id", Long.class),
                row.get("subject", String.class),
                row.get("customer_email", String.class),
                row.get("amount_fen", Long.class),
                row.get("payable_fen", Long.class),
                row.get("currency", String.class).trim(),
                OrderStatus.valueOf(row.get("status", String.class)),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("expires_at", OffsetDateTime.class)),
                instant(row.get("paid_at", OffsetDateTime.class)),
                channel == null ? null : Channel.valueOf(channel),
                row.get("platform_trade_no", String.class));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
