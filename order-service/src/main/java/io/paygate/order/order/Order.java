package io.paygate.order.order;

import io.paygate.events.Channel;
import io.paygate.events.OrderCancelled;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderExpired;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import java.time.Instant;

/**
 * An order as stored. Transitions are named methods that check the current state and return
 * the event they cause; persisting them is a guarded update on the state they started from.
 */
public record Order(
        long id,
        String orderNo,
        long clientId,
        String subject,
        String customerEmail,
        long amountFen,
        long payableFen,
        String currency,
        OrderStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant paidAt,
        Channel paidChannel,
        String platformTradeNo) {

    public static final String CNY = "CNY";

    OrderCreated created() {
        return new OrderCreated(orderNo, subject, customerEmail, amountFen, payableFen, currency, createdAt, expiresAt);
    }

    /** Money arrived in full for an order waiting for it. */
    public Order markPaid(Channel channel, String tradeNo, Instant when) {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw new IllegalTransition(orderNo, status, "be paid");
        }
        return new Order(id, orderNo, clientId, subject, customerEmail, amountFen, payableFen, currency,
                OrderStatus.PAID, createdAt, expiresAt, when, channel, tradeNo);
    }

    /** The deadline passed unpaid: the order stops waiting and gives up its stock. */
    public Order expire() {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw new IllegalTransition(orderNo, status, "expire");
        }
        return withStatus(OrderStatus.TIMED_OUT);
    }

    /** The client gives up on an unpaid order. */
    public Order cancel() {
        if (status != OrderStatus.PENDING_PAYMENT) {
            throw new IllegalTransition(orderNo, status, "be cancelled");
        }
        return withStatus(OrderStatus.CANCELLED);
    }

    /**
     * Money arrived after the order stopped waiting for it: it does not become PAID (its stock
     * may be gone), it waits for an admin to refund or accept it.
     */
    public Order notePaidAfterTimeout(Channel channel, String tradeNo, Instant when) {
        if (status != OrderStatus.TIMED_OUT && status != OrderStatus.CANCELLED) {
            throw new IllegalTransition(orderNo, status, "be paid after timeout");
        }
        return new Order(id, orderNo, clientId, subject, customerEmail, amountFen, payableFen, currency,
                OrderStatus.PAID_AFTER_TIMEOUT, createdAt, expiresAt, when, channel, tradeNo);
    }

    /** An admin keeps money that came late: the order becomes PAID after all. */
    public Order accept() {
        if (status != OrderStatus.PAID_AFTER_TIMEOUT) {
            throw new IllegalTransition(orderNo, status, "be accepted");
        }
        return withStatus(OrderStatus.PAID);
    }

    private Order withStatus(OrderStatus next) {
        return new Order(id, orderNo, clientId, subject, customerEmail, amountFen, payableFen, currency,
                next, createdAt, expiresAt, paidAt, paidChannel, platformTradeNo);
    }

    /** One event of each kind per order, whatever retries happen: its id derives from the order number. */
    public String eventId(Class<?> eventType) {
        return java.util.UUID.nameUUIDFromBytes((eventType.getSimpleName() + ":" + orderNo)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public OrderExpired expiredEvent(Instant now) {
        return new OrderExpired(orderNo, expiresAt, now);
    }

    public OrderCancelled cancelledEvent(Instant now) {
        return new OrderCancelled(orderNo, now);
    }

    public OrderPaidAfterTimeout paidAfterTimeoutEvent(long paidFen) {
        return new OrderPaidAfterTimeout(orderNo, subject, customerEmail, paidFen, currency, paidChannel, platformTradeNo,
                paidAt, expiresAt);
    }

    public OrderPaid paidEvent() {
        if (status != OrderStatus.PAID) {
            throw new IllegalTransition(orderNo, status, "announce a payment");
        }
        return new OrderPaid(orderNo, subject, customerEmail, payableFen, currency, paidChannel, platformTradeNo, paidAt);
    }
}
