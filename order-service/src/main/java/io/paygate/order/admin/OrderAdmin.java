package io.paygate.order.admin;

import io.paygate.common.web.ApiException;
import io.paygate.order.order.Order;
import io.paygate.order.order.OrderRepository;
import io.paygate.order.order.OrderReview;
import io.paygate.order.order.OrderStatus;
import io.paygate.order.stock.Stock;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the admin console shows of orders, across every client app: search by number or by
 * customer, and one order's whole story — its items, every payment reported for it (also those
 * that paid nothing), its refunds, the admins' decisions and the events it published.
 */
@RestController
@RequestMapping("/admin/v1/orders")
class OrderAdmin {

    private final OrderRepository orders;
    private final Stock stock;
    private final OrderReview review;
    private final DatabaseClient db;

    OrderAdmin(OrderRepository orders, Stock stock, OrderReview review, DatabaseClient db) {
        this.orders = orders;
        this.stock = stock;
        this.review = review;
        this.db = db;
    }

    record OrderSummary(long id, String orderNo, OrderStatus status, String subject, String customerEmail, long payableFen,
                        Instant createdAt, Instant expiresAt, Instant paidAt, String channel, String platformTradeNo) {
        static OrderSummary of(Order order) {
            return new OrderSummary(order.id(), order.orderNo(), order.status(), order.subject(), order.customerEmail(),
                    order.payableFen(), order.createdAt(), order.expiresAt(), order.paidAt(),
                    order.paidChannel() == null ? null : order.paidChannel().name(), order.platformTradeNo());
        }
    }

    /** Every payment a platform reported for the order, and what became of it. */
    record PaymentLine(String channel, String platformTradeNo, long amountFen, Instant paidAt, String outcome, String refundNo) {
    }

    /** An event the order published, from the outbox: its type, when, and when the broker had it. */
    record EventLine(String eventId, String type, Instant occurredAt, Instant publishedAt) {
    }

    record OrderDetail(OrderSummary order, List<Stock.Held> items, List<PaymentLine> payments,
                       List<OrderRepository.RefundLine> refunds, List<OrderReview.Decision> decisions, List<EventLine> events) {
    }

    @Operation(summary = "Admin: one order of any client app, with its payments, refunds, decisions and events")
    @GetMapping("/{orderNo}")
    Mono<OrderDetail> get(@PathVariable String orderNo) {
        return orders.find(orderNo)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "order_not_found", "no order " + orderNo)))
                .flatMap(order -> Mono.zip(stock.itemsOf(orderNo).collectList(), payments(orderNo).collectList(),
                                orders.refundsOf(orderNo).collectList(), review.decisions(orderNo).collectList(),
                                events(orderNo).collectList())
                        .map(all -> new OrderDetail(OrderSummary.of(order), all.getT1(), all.getT2(), all.getT3(), all.getT4(),
                                all.getT5())));
    }

    @Operation(summary = "Admin: a customer's orders across client apps, newest first, in pages before an order id")
    @GetMapping
    Flux<OrderSummary> search(@RequestParam String customerEmail, @RequestParam(defaultValue = "" + Long.MAX_VALUE) long beforeId,
                              @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 200) {
            return Flux.error(new ApiException(HttpStatus.BAD_REQUEST, "limit_out_of_range", "limit must be 1..200"));
        }
        return orders.findByCustomerForAdmin(customerEmail.strip(), beforeId, limit).map(OrderSummary::of);
    }

    private Flux<PaymentLine> payments(String orderNo) {
        return db.sql("select channel, platform_trade_no, amount_fen, paid_at, outcome, refund_no from payments "
                        + "where order_no = :orderNo order by recorded_at")
                .bind("orderNo", orderNo)
                .map(row -> new PaymentLine(row.get("channel", String.class), row.get("platform_trade_no", String.class),
                        row.get("amount_fen", Long.class), instant(row.get("paid_at", OffsetDateTime.class)),
                        row.get("outcome", String.class), row.get("refund_no", String.class)))
                .all();
    }

    private Flux<EventLine> events(String orderNo) {
        return db.sql("select event_id, type, occurred_at, published_at from outbox where msg_key = :orderNo order by id")
                .bind("orderNo", orderNo)
                .map(row -> new EventLine(row.get("event_id", String.class), row.get("type", String.class),
                        instant(row.get("occurred_at", OffsetDateTime.class)), instant(row.get("published_at", OffsetDateTime.class))))
                .all();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
