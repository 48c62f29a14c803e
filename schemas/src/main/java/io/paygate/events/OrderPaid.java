package io.paygate.events;

import java.time.Instant;

/**
 * An order is paid in full, in time (or an admin accepted money that came late). Emitted once
 * per order by order-service through its outbox; key: order number, on {@code paygate.order.v1}.
 * Consumed by fulfillment-service (receipt email, admin message) and downstream teams
 * (shipping). An order a coupon paid in full has {@code amountFen} 0 and no channel or
 * platform trade number: no platform was asked.
 *
 * @param orderNo         our order number
 * @param subject         what was bought
 * @param customerEmail   where the receipt goes
 * @param amountFen       what was paid, in fen
 * @param currency        ISO 4217 code, {@code CNY}
 * @param channel         the platform that took the money, or null for an order a coupon paid
 * @param platformTradeNo the platform's trade number, or null for an order a coupon paid
 * @param paidAt          when the platform says the payment completed
 */
public record OrderPaid(
        String orderNo,
        String subject,
        String customerEmail,
        long amountFen,
        String currency,
        Channel channel,
        String platformTradeNo,
        Instant paidAt) implements OrderEvent {

    /** A coupon covered everything: no platform took money. */
    public boolean free() {
        return channel == null;
    }
}
