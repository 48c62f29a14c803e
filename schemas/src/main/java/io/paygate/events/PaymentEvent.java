package io.paygate.events;

/** Every event type that can appear on {@code paygate.payment.v1}. */
public sealed interface PaymentEvent extends Event permits PaymentSucceeded, PaymentClosed, RefundSucceeded, RefundFailed {

    /** The order this event is about. */
    String orderNo();

    /** Keyed by the order number. */
    @Override
    default String key() {
        return orderNo();
    }
}
