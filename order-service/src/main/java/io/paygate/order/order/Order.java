package io.paygate.order.order;

import io.paygate.events.Channel;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderPaid;
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

    public OrderPaid paidEvent() {
        if (status != OrderStatus.PAID) {
            throw new IllegalTransition(orderNo, status, "announce a payment");
        }
        return new OrderPaid(orderNo, subject, customerEmail, payableFen, currency, paidChannel, platformTradeNo, paidAt);
    }
}
