package io.paygate.events;

/** Every event type that can appear on {@code paygate.order.v1}. */
public sealed interface OrderEvent extends Event permits OrderCreated, OrderPaid, OrderExpired, OrderCancelled, OrderPaidAfterTimeout, RefundRequested, OrderRefunded,
        DuplicatePaymentReceived, PaymentAmountMismatched {

    /** The order this event is about. */
    String orderNo();

    /** Keyed by the order number. */
    @Override
    default String key() {
        return orderNo();
    }
}
