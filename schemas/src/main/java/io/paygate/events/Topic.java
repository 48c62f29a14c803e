package io.paygate.events;

/**
 * One Kafka topic: its name, the event interface that lists what may appear on it, and its
 * key (the order number on the order, payment and notification topics, so one order's events
 * stay in order; channel and day on the reconciliation topic).
 */
public record Topic<E extends Event>(String name, Class<E> events) {

    public String keyOf(E event) {
        return event.key();
    }

    public boolean carries(Class<? extends Event> type) {
        return events.isAssignableFrom(type);
    }
}
