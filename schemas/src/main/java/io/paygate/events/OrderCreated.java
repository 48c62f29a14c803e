package io.paygate.events;

import java.time.Instant;

/**
 * An order was created and waits for payment until {@code expiresAt}. Emitted by
 * order-service through its outbox; key: order number, on {@code paygate.order.v1}.
 * Consumed by downstream teams (analytics, stock).
 *
 * @param orderNo       {@code yyyyMMddHHmmss} in the business zone + database sequence, digits only
 * @param subject       what is being bought, as shown on the platform's cashier
 * @param customerEmail where receipts go
 * @param amountFen     the order's total before discounts, in fen
 * @param payableFen    what the customer must pay, in fen
 * @param currency      ISO 4217 code, {@code CNY}
 * @param createdAt     when the order was created
 * @param expiresAt     the pay deadline
 */
public record OrderCreated(
        String orderNo,
        String subject,
        String customerEmail,
        long amountFen,
        long payableFen,
        String currency,
        Instant createdAt,
        Instant expiresAt) implements OrderEvent {
}
