package io.paygate.order.payment;

import io.paygate.common.consume.ProcessedEvents;
import io.paygate.common.outbox.Outbox;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.PaymentSucceeded;
import io.paygate.order.order.Order;
import io.paygate.order.order.OrderRepository;
import io.paygate.order.order.OrderStatus;
import io.paygate.order.refund.Refunds;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.time.Clock;
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
        /** The order had timed out or been cancelled: it is PAID_AFTER_TIMEOUT, waiting for an admin. */
        PAID_AFTER_TIMEOUT,
        /** The order was already paid (or paid late) by another payment: a double payment, refunded automatically. */
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
    private final Refunds refunds;

    PaymentApplication(ProcessedEvents processed, OrderRepository orders, Outbox outbox, DatabaseClient db,
                       TransactionalOperator tx, Clock clock, Refunds refunds) {
        this.refunds = refunds;
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
                    if (outcome == Outcome.APPLIED || outcome == Outcome.PAID_AFTER_TIMEOUT || outcome == Outcome.NOT_PAYABLE
                            || outcome == Outcome.AMOUNT_MISMATCH) {
                        outbox.nudge();
                    }
                    var entry = outcome == Outcome.APPLIED || outcome == Outcome.REPEAT || outcome == Outcome.DUPLICATE_EVENT
                            ? log.atInfo() : log.atWarn();
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
                        : decide(order, payment).flatMap(outcome -> record(payment, outcome)
                                .then(afterRecord(order, payment, outcome)).thenReturn(outcome))));
    }

    private Mono<Outcome> decide(Order order, PaymentSucceeded payment) {
        return switch (order.status()) {
            case PENDING_PAYMENT -> payment.amountFen() != order.payableFen()
                    ? Mono.just(Outcome.AMOUNT_MISMATCH)
                    : transition(order, order.markPaid(payment.channel(), payment.platformTradeNo(), payment.paidAt()),
                            paid -> paid.paidEvent(), Outcome.APPLIED);
            // the order stopped waiting (and gave up its stock) before the money came: never PAID directly
            case TIMED_OUT, CANCELLED -> transition(order,
                    order.notePaidAfterTimeout(payment.channel(), payment.platformTradeNo(), payment.paidAt()),
                    late -> late.paidAfterTimeoutEvent(payment.amountFen()), Outcome.PAID_AFTER_TIMEOUT);
            case PAID, PAID_AFTER_TIMEOUT, REFUNDING, REFUNDED -> Mono.just(Outcome.NOT_PAYABLE);
        };
    }

    /** Money that paid nothing is never kept silently: a double payment goes back at once, a wrong amount to the admins. */
    private Mono<Void> afterRecord(Order order, PaymentSucceeded payment, Outcome outcome) {
        return switch (outcome) {
            case NOT_PAYABLE -> refunds.refundUnappliedPayment(order.orderNo(), payment.channel(), payment.platformTradeNo(),
                            "重复付款自动退款 duplicate payment", "paygate")
                    .flatMap(refund -> outbox.append(new Envelope<>(eventId("DuplicatePaymentReceived", payment), SOURCE, clock.instant(),
                            new DuplicatePaymentReceived(order.orderNo(), order.subject(), order.customerEmail(), payment.amountFen(),
                                    payment.currency(), payment.channel(), payment.platformTradeNo(), payment.paidAt(), refund.refundNo()))))
                    .then();
            case AMOUNT_MISMATCH -> outbox.append(new Envelope<>(eventId("PaymentAmountMismatched", payment), SOURCE, clock.instant(),
                    new PaymentAmountMismatched(order.orderNo(), order.subject(), order.customerEmail(), order.payableFen(),
                            payment.amountFen(), payment.currency(), payment.channel(), payment.platformTradeNo(), payment.paidAt())))
                    .then();
            case APPLIED, PAID_AFTER_TIMEOUT, REPEAT, DUPLICATE_EVENT -> Mono.empty();
        };
    }

    private static String eventId(String type, PaymentSucceeded payment) {
        return UUID.nameUUIDFromBytes((type + ":" + payment.channel() + ":" + payment.platformTradeNo())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Mono<Outcome> transition(Order from, Order to, java.util.function.Function<Order, io.paygate.events.OrderEvent> event,
                                     Outcome outcome) {
        return orders.saveTransition(to, from.status())
                .flatMap(saved -> {
                    var happened = event.apply(saved);
                    return outbox.append(new Envelope<>(saved.eventId(happened.getClass()), SOURCE, clock.instant(), happened));
                })
                .thenReturn(outcome);
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

    /** A payment for an order this service does not know: retried, then dead-lettered for a person to look at. */
    static final class UnknownOrder extends RuntimeException {
        UnknownOrder(String orderNo) {
            super("no order " + orderNo);
        }
    }
}
