package io.paygate.order.payment;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.common.outbox.Outbox;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentSucceeded;
import io.paygate.order.order.Order;
import io.paygate.order.order.OrderRepository;
import io.paygate.order.order.OrderStatus;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies a reported payment to its order, once. In one transaction: the event id is claimed,
 * the payment is recorded (one row per platform trade, however often it is reported), the
 * order row is locked and moved with a guarded update, and {@code OrderPaid} goes to the
 * outbox.
 */
@Component
class PaymentApplication {

    private static final Logger log = LoggerFactory.getLogger(PaymentApplication.class);
    private static final String SOURCE = "/paygate/order-service";

    /** What became of a reported payment. */
    enum Outcome {
        /** It paid the order. */
        APPLIED,
        /** Its amount is not what the order asked for: the order stays unpaid, for review. */
        AMOUNT_MISMATCH,
        /** The order was no longer waiting for money (already paid, cancelled, timed out): for review. */
        NOT_PAYABLE,
        /** The same platform trade was reported before. */
        REPEAT,
        /** The event id was processed before. */
        DUPLICATE_EVENT
    }

    private final ProcessedEvents processed;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;

    PaymentApplication(ProcessedEvents processed, OrderRepository orders, Outbox outbox, DatabaseClient db,
                       TransactionalOperator tx, Clock clock) {
        this.processed = processed;
        this.orders = orders;
        this.outbox = outbox;
        this.db = db;
        this.tx = tx;
        this.clock = clock;
    }

    Mono<Outcome> apply(String eventId, PaymentSucceeded payment) {
        Mono<Outcome> work = processed.claim(eventId)
                .flatMap(first -> first ? applyFirstTime(payment) : Mono.just(Outcome.DUPLICATE_EVENT));
        return tx.transactional(work)
                .doOnNext(outcome -> {
                    if (outcome == Outcome.APPLIED) {
                        outbox.nudge();
                    }
                    var entry = outcome == Outcome.AMOUNT_MISMATCH || outcome == Outcome.NOT_PAYABLE ? log.atWarn() : log.atInfo();
                    entry.addKeyValue("orderNo", payment.orderNo())
                            .log("payment {} {} of {} fen for order {}: {}", payment.channel(), payment.platformTradeNo(),
                                    payment.amountFen(), payment.orderNo(), outcome);
                });
    }

    private Mono<Outcome> applyFirstTime(PaymentSucceeded payment) {
        return orders.lock(payment.orderNo())
                .switchIfEmpty(Mono.error(() -> new UnknownOrder(payment.orderNo())))
                .flatMap(order -> knownTrade(payment).flatMap(known -> known
                        ? Mono.just(Outcome.REPEAT)
                        : decide(order, payment).flatMap(outcome -> record(payment, outcome).thenReturn(outcome))));
    }

    private Mono<Outcome> decide(Order order, PaymentSucceeded payment) {
        if (order.status() != OrderStatus.PENDING_PAYMENT) {
            return Mono.just(Outcome.NOT_PAYABLE);
        }
        if (payment.amountFen() != order.payableFen()) {
            return Mono.just(Outcome.AMOUNT_MISMATCH);
        }
        Order paid = order.markPaid(payment.channel(), payment.platformTradeNo(), payment.paidAt());
        return orders.savePaid(paid, order.status())
                .flatMap(saved -> outbox.append(new Envelope<>(paidEventId(saved), SOURCE, clock.instant(), saved.paidEvent())))
                .thenReturn(Outcome.APPLIED);
    }

    private Mono<Boolean> knownTrade(PaymentSucceeded payment) {
        return db.sql("select 1 from payments where channel = :channel and platform_trade_no = :tradeNo")
                .bind("channel", payment.channel().name())
                .bind("tradeNo", payment.platformTradeNo())
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    private Mono<Void> record(PaymentSucceeded payment, Outcome outcome) {
        return db.sql("insert into payments (channel, platform_trade_no, order_no, amount_fen, paid_at, outcome) "
                        + "values (:channel, :tradeNo, :orderNo, :amount, :paidAt, :outcome)")
                .bind("channel", payment.channel().name())
                .bind("tradeNo", payment.platformTradeNo())
                .bind("orderNo", payment.orderNo())
                .bind("amount", payment.amountFen())
                .bind("paidAt", payment.paidAt())
                .bind("outcome", outcome.name())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** One OrderPaid per order, whatever retries happen: the id is derived from the order number. */
    private static String paidEventId(Order order) {
        return UUID.nameUUIDFromBytes(("OrderPaid:" + order.orderNo()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** A payment for an order this service does not know: retried, then dead-lettered for a person to look at. */
    static final class UnknownOrder extends RuntimeException {
        UnknownOrder(String orderNo) {
            super("no order " + orderNo);
        }
    }
}
