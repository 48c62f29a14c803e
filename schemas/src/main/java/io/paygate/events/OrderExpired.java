package io.paygate.events;

import java.time.Instant;

/**
 * An order's pay deadline passed without payment: it is TIMED_OUT and no longer holds stock.
 * Emitted once by order-service's expiry job through its outbox; key: order number, on
 * {@code paygate.order.v1}. payment-service then queries every open attempt at its platform
 * and closes it; a payment found there becomes {@code PaymentSucceeded} and, arriving for a
 * timed-out order, {@code OrderPaidAfterTimeout}.
 *
 * @param orderNo   our order number
 * @param expiresAt the deadline that passed
 * @param expiredAt when the order was marked TIMED_OUT
 */
public record OrderExpired(String orderNo, Instant expiresAt, Instant expiredAt) implements OrderEvent {
}
