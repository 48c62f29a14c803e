package io.paygate.order.order;

import io.paygate.common.outbox.Outbox;
import io.paygate.events.Envelope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.paygate.order.coupon.Coupons;
import io.paygate.order.stock.Stock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creates an order and its {@code OrderCreated} event in one transaction. */
@Component
class OrderCreation {

    private static final Logger log = LoggerFactory.getLogger(OrderCreation.class);
    static final String SOURCE = "/paygate/order-service";

    private final OrderRepository orders;
    private final Stock stock;
    private final Coupons coupons;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final OrderNumbers numbers;
    private final OrderSettings settings;
    private final Clock clock;

    OrderCreation(OrderRepository orders, Stock stock, Coupons coupons, Outbox outbox, TransactionalOperator tx,
                  OrderSettings settings, Clock clock) {
        this.orders = orders;
        this.coupons = coupons;
        this.stock = stock;
        this.outbox = outbox;
        this.tx = tx;
        this.numbers = new OrderNumbers(settings.zone());
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param amountFen the price, when the order has no line items
     * @param items     line items priced from the product table, their stock held now; or empty
     */
    Mono<Order> create(long clientId, String subject, String customerEmail, Long amountFen, List<Stock.Wanted> items,
                       String couponCode, Duration payWithin) {
        Instant now = clock.instant();
        Duration window = payWithin != null ? payWithin : settings.defaultPayWithin();
        Mono<List<Stock.Held>> held = items.isEmpty() ? Mono.just(List.of()) : stock.hold(items);
        Mono<Order> created = held.flatMap(lines -> orders.nextId()
                        .flatMap(id -> {
                            String orderNo = numbers.next(now, id);
                            long total = lines.isEmpty() ? amountFen
                                    : lines.stream().mapToLong(Stock.Held::lineFen).reduce(0, Math::addExact);
                            Mono<Long> off = couponCode == null ? Mono.just(0L) : coupons.redeem(couponCode, orderNo, now);
                            return off.map(discount -> {
                                long payable = Math.max(0, total - discount);
                                // a coupon that covers everything pays the order now: no platform is ever asked
                                return payable == 0
                                        ? new Order(id, orderNo, clientId, subject, customerEmail, total, 0, Order.CNY,
                                                OrderStatus.PAID, now, now.plus(window), now, null, null)
                                        : new Order(id, orderNo, clientId, subject, customerEmail, total, payable, Order.CNY,
                                                OrderStatus.PENDING_PAYMENT, now, now.plus(window), null, null, null);
                            });
                        })
                        .flatMap(orders::insert)
                        .flatMap(order -> stock.record(order.orderNo(), lines).thenReturn(order)))
                .flatMap(order -> outbox.append(new Envelope<>(UUID.randomUUID().toString(), SOURCE, now, order.created()))
                        .then(order.status() == OrderStatus.PAID
                                ? outbox.append(new Envelope<>(order.eventId(io.paygate.events.OrderPaid.class), SOURCE, now,
                                        order.paidEvent()))
                                : Mono.empty())
                        .thenReturn(order));
        return tx.transactional(created)
                .doOnNext(order -> {
                    outbox.nudge();
                    log.atInfo().addKeyValue("orderNo", order.orderNo()).log("order {} created, {} fen, pay by {}",
                            order.orderNo(), order.payableFen(), order.expiresAt());
                });
    }
}
