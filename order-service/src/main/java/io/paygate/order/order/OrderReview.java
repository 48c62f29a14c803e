package io.paygate.order.order;

import io.paygate.common.outbox.Outbox;
import io.paygate.common.web.ApiException;
import io.paygate.events.Envelope;
import io.paygate.events.OrderPaid;
import io.paygate.order.stock.Stock;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What waits for an admin: orders paid after their deadline, and payments that did not pay
 * their order (wrong amount, or an order already paid: a double payment). Accepting a late
 * payment holds the order's stock again and makes it PAID, with {@code OrderPaid}.
 */
@Component
public class OrderReview {

    private static final Logger log = LoggerFactory.getLogger(OrderReview.class);

    private final OrderRepository orders;
    private final Stock stock;
    private final Outbox outbox;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    OrderReview(OrderRepository orders, Stock stock, Outbox outbox, DatabaseClient db, TransactionalOperator tx, Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.outbox = outbox;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    /** A reported payment that did not pay its order. */
    public record UnappliedPayment(String orderNo, String channel, String platformTradeNo, long amountFen, Instant paidAt,
                                   String outcome, String refundNo) {
    }

    /** A decision as recorded. */
    public record Decision(String orderNo, String decision, String decidedBy, Instant decidedAt) {
    }

    public Flux<Decision> decisions(String orderNo) {
        return db.sql("select order_no, decision, decided_by, decided_at from review_decisions where order_no = :orderNo order by id")
                .bind("orderNo", orderNo)
                .map(row -> new Decision(row.get("order_no", String.class), row.get("decision", String.class),
                        row.get("decided_by", String.class), row.get("decided_at", java.time.OffsetDateTime.class).toInstant()))
                .all();
    }

    private Mono<Void> record(String orderNo, String decision, String decidedBy) {
        return db.sql("insert into review_decisions (order_no, decision, decided_by, decided_at) values (:orderNo, :decision, :by, :at)")
                .bind("orderNo", orderNo)
                .bind("decision", decision)
                .bind("by", decidedBy)
                .bind("at", clock.instant())
                .fetch().rowsUpdated().then();
    }

    public Flux<Order> paidAfterTimeout(long afterId, int limit) {
        return orders.withStatus(OrderStatus.PAID_AFTER_TIMEOUT, afterId, limit);
    }

    public Flux<UnappliedPayment> unappliedPayments(Instant after, int limit) {
        return db.sql("select order_no, channel, platform_trade_no, amount_fen, paid_at, outcome, recorded_at, refund_no from payments "
                        + "where outcome in ('AMOUNT_MISMATCH', 'NOT_PAYABLE') and recorded_at > :after order by recorded_at limit :limit")
                .bind("after", after)
                .bind("limit", limit)
                .map(row -> new UnappliedPayment(row.get("order_no", String.class), row.get("channel", String.class),
                        row.get("platform_trade_no", String.class), row.get("amount_fen", Long.class),
                        row.get("paid_at", java.time.OffsetDateTime.class).toInstant(), row.get("outcome", String.class),
                        row.get("refund_no", String.class)))
                .all();
    }

    /** Keeps the late money: stock held again (409 out_of_stock if it is gone), order PAID, OrderPaid published. */
    public Mono<Order> accept(String orderNo, String decidedBy) {
        Mono<Order> work = orders.lock(orderNo)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.NOT_FOUND, "order_not_found", "no order " + orderNo)))
                .flatMap(order -> {
                    Order accepted;
                    try {
                        accepted = order.accept();
                    } catch (IllegalTransition e) {
                        return Mono.error(new ApiException(HttpStatus.CONFLICT, "order_not_in_review", e.getMessage()));
                    }
                    return stock.holdAgain(orderNo).then(orders.saveTransition(accepted, order.status()));
                })
                .flatMap(paid -> record(orderNo, "ACCEPT", decidedBy).thenReturn(paid))
                .flatMap(paid -> outbox.append(new Envelope<>(paid.eventId(OrderPaid.class), OrderCreation.SOURCE, clock.instant(),
                        paid.paidEvent())).thenReturn(paid));
        return tx.transactional(work).doOnNext(paid -> {
            outbox.nudge();
            log.atInfo().addKeyValue("orderNo", orderNo).log("order {} paid after its deadline was accepted by an admin", orderNo);
        });
    }
}
