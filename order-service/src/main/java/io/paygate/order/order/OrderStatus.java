package io.paygate.order.order;

/** Where an order stands. See DESIGN.md, "Order states", for the moves between them. */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAID,
    CANCELLED,
    TIMED_OUT,
    PAID_AFTER_TIMEOUT,
    REFUNDING,
    REFUNDED
}
