package io.paygate.events;

import java.time.Instant;

/**
 * The client cancelled an unpaid order. Emitted once by order-service through its outbox; key:
 * order number, on {@code paygate.order.v1}. payment-service closes the order's open attempts
 * at their platforms, as for {@link OrderExpired}.
 *
 * @param orderNo     our order number
 * @param cancelledAt when it was cancelled
 */
public record OrderCancelled(String orderNo, Instant cancelledAt) implements OrderEvent {
}
