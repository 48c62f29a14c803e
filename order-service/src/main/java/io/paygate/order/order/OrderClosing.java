package io.paygate.order.order;

import io.paygate.common.outbox.Outbox;
import io.paygate.events.Envelope;
import io.paygate.order.coupon.Coupons;
import io.paygate.order.stock.Stock;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Ends an unpaid order, by its deadline or by the client's cancel: the order is marked first
 * (under a row lock, with a guarded update), its held stock and its coupon are given back and its event goes
 * to the outbox, all in one transaction; payment-service then queries and closes the attempts at the platforms.
 */
@Component
class OrderClosing {

    private static final Logger log = LoggerFactory.getLogger(OrderClosing.class);

    private final OrderRepository orders;
    private final Stock stock;
    private final Coupons coupons;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Clock clock;

    OrderClosing(OrderRepository orders, Stock stock, Coupons coupons, Outbox outbox, TransactionalOperator tx, Clock clock) {
        this.orders = orders;
        this.coupons = coupons;
        this.stock = stock;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** Marks the order TIMED_OUT if it is still unpaid past its deadline; empty if it no longer is. */
    Mono<Order> expire(String orderNo) {
        Instant now = clock.instant();
        Mono<Order> work = orders.lock(orderNo)
                .filter(order -> order.status() == OrderStatus.PENDING_PAYMENT && !order.expiresAt().isAfter(now))
                .flatMap(order -> orders.saveTransition(order.expire(), order.status()))
                .flatMap(expired -> stock.release(expired.orderNo()).then(coupons.release(expired.orderNo())).thenReturn(expired))
                .flatMap(expired -> outbox.append(new Envelope<>(expired.eventId(io.paygate.events.OrderExpired.class),
                        OrderCreation.SOURCE, now, expired.expiredEvent(now))).thenReturn(expired));
        return tx.transactional(work).doOnNext(expired -> {
            outbox.nudge();
            log.atInfo().addKeyValue("orderNo", orderNo).log("order {} timed out unpaid (deadline {})", orderNo, expired.expiresAt());
        });
    }

    /** Cancels an unpaid order of this client. */
    Mono<Order> cancel(Order current) {
        Instant now = clock.instant();
        Mono<Order> work = orders.lock(current.orderNo())
                .flatMap(order -> orders.saveTransition(order.cancel(), order.status()))
                .flatMap(cancelled -> stock.release(cancelled.orderNo()).then(coupons.release(cancelled.orderNo())).thenReturn(cancelled))
                .flatMap(cancelled -> outbox.append(new Envelope<>(cancelled.eventId(io.paygate.events.OrderCancelled.class),
                        OrderCreation.SOURCE, now, cancelled.cancelledEvent(now))).thenReturn(cancelled));
        return tx.transactional(work).doOnNext(cancelled -> {
            outbox.nudge();
            log.atInfo().addKeyValue("orderNo", cancelled.orderNo()).log("order {} cancelled by its client", cancelled.orderNo());
        });
    }
}
