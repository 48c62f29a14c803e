package io.paygate.events;

import java.time.Instant;

/**
 * A platform closed an unpaid trade (its deadline passed, or paygate closed it): nobody can pay
 * it any more. Emitted by notify-ingress for a verified notification; key: order number, on
 * {@code paygate.payment.v1}. Nothing about the order changes: it expires or is cancelled on
 * its own terms. Consumers use it to know an attempt is over.
 *
 * @param orderNo         our order number
 * @param channel         the platform
 * @param platformTradeNo the platform's trade number
 * @param closedAt        when the platform closed it, or when we learned it
 */
public record PaymentClosed(String orderNo, Channel channel, String platformTradeNo, Instant closedAt) implements PaymentEvent {
}
