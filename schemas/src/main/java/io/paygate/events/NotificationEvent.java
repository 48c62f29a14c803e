package io.paygate.events;

/** Every event type that can appear on {@code paygate.notify.raw.v1}. */
public sealed interface NotificationEvent extends Event permits NotificationReceived {

    /** The order this event is about. */
    String orderNo();

    /** Keyed by the order number. */
    @Override
    default String key() {
        return orderNo();
    }
}
