package io.paygate.order.refund;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.common.outbox.Outbox;
import io.paygate.common.web.ApiException;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.events.OrderRefunded;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundRequested;
import io.paygate.events.RefundSucceeded;
import io.paygate.order.order.Order;
import io.paygate.order.order.OrderRepository;
import io.paygate.order.order.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refunds of paid orders. Asking reserves the amount with one guarded update
 * ({@code refund_reserved_fen + amount <= payable_fen}), so refunds can never add up to more than
 * was paid, however many are asked for at once; the order is REFUNDING while any is in flight.
 * The platform's answer ({@code RefundSucceeded} / {@code RefundFailed}) settles the refund once:
 * all refunded → REFUNDED, otherwise back to the state the order had.
 */
@Component
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);
    private static final String SOURCE = "/paygate/order-service";
    private static final Set<OrderStatus> REFUNDABLE = Set.of(OrderStatus.PAID, OrderStatus.PAID_AFTER_TIMEOUT, OrderStatus.REFUNDING);

    private final DatabaseClient db;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final ProcessedEvents processed;
    private final TransactionalOperator tx;
    private final Clock clock;

    Refunds(DatabaseClient db, OrderRepository orders, Outbox outbox, ProcessedEvents processed, TransactionalOperator tx, Clock clock) {
        this.db = db;
        this.orders = orders;
        this.outbox = outbox;
        this.processed = processed;
        this.tx = tx;
        this.clock = clock;
    }

    /** A refund as recorded. */
    public record Refund(String refundNo, String orderNo, long amountFen, String reason, String status, String requestedBy,
                         Instant requestedAt, Instant settledAt, String failureCode, String kind) {
    }

    /** Asks the platform to give back {@code amountFen} of this order's payment. */
    public Mono<Refund> request(String orderNo, long amountFen, String reason, String requestedBy) {
        Instant now = clock.instant();
        Mono<Refund> work = orders.lock(orderNo)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.NOT_FOUND, "order_not_found", "no order " + orderNo)))
                .flatMap(order -> {
                    if (!REFUNDABLE.contains(order.status()) || order.platformTradeNo() == null) {
                        return Mono.error(new ApiException(HttpStatus.CONFLICT, "order_not_refundable",
                                "order " + orderNo + " is " + order.status() + " and has no platform payment to refund"));
                    }
                    return reserve(order, amountFen).then(nextRefundNo(orderNo))
                            .flatMap(refundNo -> insert(refundNo, orderNo, amountFen, reason, requestedBy, now)
                                    .then(outbox.append(new Envelope<>(UUID.randomUUID().toString(), SOURCE, now,
                                            new RefundRequested(orderNo, refundNo, amountFen, order.payableFen(), order.paidChannel(),
                                                    order.platformTradeNo(), reason, now))))
                                    .then(find(refundNo)));
                });
        return tx.transactional(work).doOnNext(refund -> {
            outbox.nudge();
            log.atInfo().addKeyValue("orderNo", orderNo).log("refund {} of {} fen requested for order {} by {}",
                    refund.refundNo(), amountFen, orderNo, requestedBy);
        });
    }

    /**
     * Gives back all of a payment that paid no order (a double payment, a wrong amount), once: the
     * payment row names the refund, so a second request for it is refused. Runs in the caller's
     * transaction; the order's own refund figures are not touched.
     */
    public Mono<Refund> refundUnappliedPayment(String orderNo, Channel channel, String platformTradeNo, String reason,
                                               String requestedBy) {
        Instant now = clock.instant();
        return db.sql("select amount_fen from payments where channel = :channel and platform_trade_no = :tradeNo "
                        + "and order_no = :orderNo and outcome in ('AMOUNT_MISMATCH', 'NOT_PAYABLE') and refund_no is null for update")
                .bind("channel", channel.name()).bind("tradeNo", platformTradeNo).bind("orderNo", orderNo)
                .map(row -> row.get("amount_fen", Long.class)).one()
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.CONFLICT, "payment_not_refundable",
                        "no unapplied " + channel + " payment " + platformTradeNo + " of order " + orderNo + " waits for a refund")))
                .flatMap(amount -> nextRefundNo(orderNo).flatMap(refundNo -> db.sql(
                                "insert into refunds (refund_no, order_no, amount_fen, reason, status, requested_by, requested_at, kind, "
                                        + "channel, platform_trade_no) values (:refundNo, :orderNo, :amount, :reason, 'REQUESTED', :by, :now, "
                                        + "'PAYMENT', :channel, :tradeNo)")
                        .bind("refundNo", refundNo).bind("orderNo", orderNo).bind("amount", amount)
                        .bind("reason", Parameter.fromOrEmpty(reason, String.class)).bind("by", requestedBy).bind("now", now)
                        .bind("channel", channel.name()).bind("tradeNo", platformTradeNo)
                        .fetch().rowsUpdated()
                        .then(db.sql("update payments set refund_no = :refundNo where channel = :channel and platform_trade_no = :tradeNo")
                                .bind("refundNo", refundNo).bind("channel", channel.name()).bind("tradeNo", platformTradeNo)
                                .fetch().rowsUpdated())
                        .then(outbox.append(new Envelope<>(UUID.randomUUID().toString(), SOURCE, now,
                                new RefundRequested(orderNo, refundNo, amount, amount, channel, platformTradeNo, reason, now))))
                        .then(find(refundNo))))
                .doOnNext(refund -> log.atWarn().addKeyValue("orderNo", orderNo).log("refund {} gives back all {} fen of {} payment {} "
                        + "that paid no order {} ({})", refund.refundNo(), refund.amountFen(), channel, platformTradeNo, orderNo, reason));
    }

    /** The admin's way to {@link #refundUnappliedPayment}: its own transaction. */
    public Mono<Refund> requestPaymentRefund(String orderNo, Channel channel, String platformTradeNo, String reason, String requestedBy) {
        return tx.transactional(refundUnappliedPayment(orderNo, channel, platformTradeNo, reason, requestedBy))
                .doOnNext(refund -> outbox.nudge());
    }

    private Mono<Void> reserve(Order order, long amountFen) {
        return db.sql("update orders set refund_reserved_fen = refund_reserved_fen + :amount, "
                        + "status_before_refund = case when status = 'REFUNDING' then status_before_refund else status end, "
                        + "status = 'REFUNDING' where order_no = :orderNo and refund_reserved_fen + :amount <= payable_fen")
                .bind("amount", amountFen)
                .bind("orderNo", order.orderNo())
                .fetch()
                .rowsUpdated()
                .flatMap(rows -> rows == 1 ? Mono.<Void>empty()
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "refund_exceeds_paid",
                                "refunds of order " + order.orderNo() + " would exceed the " + order.payableFen() + " fen paid")));
    }

    private Mono<String> nextRefundNo(String orderNo) {
        return db.sql("select count(*) as n from refunds where order_no = :orderNo").bind("orderNo", orderNo)
                .map(row -> orderNo + "R" + (row.get("n", Long.class) + 1)).one();
    }

    private Mono<Void> insert(String refundNo, String orderNo, long amountFen, String reason, String requestedBy, Instant now) {
        return db.sql("insert into refunds (refund_no, order_no, amount_fen, reason, status, requested_by, requested_at) "
                        + "values (:refundNo, :orderNo, :amount, :reason, 'REQUESTED', :by, :now)")
                .bind("refundNo", refundNo)
                .bind("orderNo", orderNo)
                .bind("amount", amountFen)
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("by", requestedBy)
                .bind("now", now)
                .fetch().rowsUpdated().then();
    }

    /** Applies a platform's refund, once. */
    public Mono<Void> succeeded(String eventId, RefundSucceeded done) {
        Mono<Void> work = processed.claim(eventId).flatMap(first -> !first ? Mono.<Void>empty()
                : settle(done.refundNo(), "SUCCEEDED", null, done.refundedAt())
                        .filter(settled -> settled.ofOrder() || logPaymentRefunded(done))
                        .map(Settled::amountFen)
                        .flatMap(amount -> db.sql("update orders set refunded_fen = refunded_fen + :amount where order_no = :orderNo")
                                .bind("amount", amount).bind("orderNo", done.orderNo()).fetch().rowsUpdated()
                                .then(afterSettle(done.orderNo()))
                                .flatMap(order -> outbox.append(new Envelope<>(eventId(done.refundNo()), SOURCE, clock.instant(),
                                        new OrderRefunded(done.orderNo(), done.refundNo(), amount, order.refundedFen(),
                                                order.status() == OrderStatus.REFUNDED, order.customerEmail(), done.refundedAt())))))
                        .then());
        return tx.transactional(work).doOnSuccess(v -> outbox.nudge());
    }

    /** Releases the amount of a refund the platform refused for good, once. */
    public Mono<Void> failed(String eventId, RefundFailed refused) {
        Mono<Void> work = processed.claim(eventId).flatMap(first -> !first ? Mono.<Void>empty()
                : settle(refused.refundNo(), "FAILED", refused.code(), refused.failedAt())
                        .flatMap(settled -> settled.ofOrder() ? Mono.just(settled.amountFen())
                                // the payment waits for an admin again, who may ask once more
                                : db.sql("update payments set refund_no = null where refund_no = :refundNo")
                                        .bind("refundNo", refused.refundNo()).fetch().rowsUpdated()
                                        .doOnNext(rows -> log.atWarn().addKeyValue("orderNo", refused.orderNo()).log(
                                                "refund {} of a payment that paid no order {} refused by {}: {} {}; it waits for an admin",
                                                refused.refundNo(), refused.orderNo(), refused.channel(), refused.code(), refused.message()))
                                        .then(Mono.<Long>empty()))
                        .flatMap(amount -> db.sql("update orders set refund_reserved_fen = refund_reserved_fen - :amount where order_no = :orderNo")
                                .bind("amount", amount).bind("orderNo", refused.orderNo()).fetch().rowsUpdated()
                                .then(afterSettle(refused.orderNo())))
                        .doOnNext(order -> log.atWarn().addKeyValue("orderNo", refused.orderNo())
                                .log("refund {} of order {} refused by {}: {} {}", refused.refundNo(), refused.orderNo(),
                                        refused.channel(), refused.code(), refused.message()))
                        .then());
        return tx.transactional(work);
    }

    private record Settled(long amountFen, boolean ofOrder) {
    }

    private static boolean logPaymentRefunded(RefundSucceeded done) {
        log.atInfo().addKeyValue("orderNo", done.orderNo()).log("refund {} gave back {} fen of {} payment {} that paid no order {}",
                done.refundNo(), done.amountFen(), done.channel(), done.platformTradeNo(), done.orderNo());
        return false;
    }

    /** Marks a REQUESTED refund settled and returns its amount and kind; empty if it was settled before. */
    private Mono<Settled> settle(String refundNo, String status, String code, Instant at) {
        return db.sql("update refunds set status = :status, settled_at = :at, failure_code = :code "
                        + "where refund_no = :refundNo and status = 'REQUESTED' returning amount_fen, kind")
                .bind("status", status)
                .bind("at", at)
                .bind("code", Parameter.fromOrEmpty(code, String.class))
                .bind("refundNo", refundNo)
                .map(row -> new Settled(row.get("amount_fen", Long.class), "ORDER".equals(row.get("kind", String.class))))
                .one();
    }

    /** With nothing left in flight the order leaves REFUNDING: REFUNDED when all was given back, else what it was. */
    private Mono<RefundState> afterSettle(String orderNo) {
        return db.sql("update orders set status = case "
                        + "  when exists (select 1 from refunds r where r.order_no = orders.order_no and r.kind = 'ORDER' and r.status = 'REQUESTED') then status "
                        + "  when refunded_fen = payable_fen then 'REFUNDED' "
                        + "  else coalesce(status_before_refund, status) end "
                        + "where order_no = :orderNo returning status, refunded_fen, customer_email")
                .bind("orderNo", orderNo)
                .map(row -> new RefundState(OrderStatus.valueOf(row.get("status", String.class)), row.get("refunded_fen", Long.class),
                        row.get("customer_email", String.class)))
                .one();
    }

    private record RefundState(OrderStatus status, long refundedFen, String customerEmail) {
    }

    public Mono<Refund> find(String refundNo) {
        return db.sql("select refund_no, order_no, amount_fen, reason, status, requested_by, requested_at, settled_at, failure_code, kind "
                        + "from refunds where refund_no = :refundNo").bind("refundNo", refundNo).map(Refunds::toRefund).one();
    }

    public Flux<Refund> ofOrder(String orderNo) {
        return db.sql("select refund_no, order_no, amount_fen, reason, status, requested_by, requested_at, settled_at, failure_code, kind "
                        + "from refunds where order_no = :orderNo order by requested_at, refund_no")
                .bind("orderNo", orderNo).map(Refunds::toRefund).all();
    }

    private static Refund toRefund(io.r2dbc.spi.Readable row) {
        var settled = row.get("settled_at", java.time.OffsetDateTime.class);
        return new Refund(row.get("refund_no", String.class), row.get("order_no", String.class), row.get("amount_fen", Long.class),
                row.get("reason", String.class), row.get("status", String.class), row.get("requested_by", String.class),
                row.get("requested_at", java.time.OffsetDateTime.class).toInstant(), settled == null ? null : settled.toInstant(),
                row.get("failure_code", String.class), row.get("kind", String.class));
    }

    private static String eventId(String refundNo) {
        return UUID.nameUUIDFromBytes(("OrderRefunded:" + refundNo).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
