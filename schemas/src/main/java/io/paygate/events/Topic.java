package io.paygate.events;

/**
 * One Kafka topic: its name, the event interface that lists what may appear on it, and its
 * key (always the order number, so one order's events stay in order).
 */
public record Topic<E extends Event>(String name, Class<E> events) {

    public String keyOf(E event) {
        return event.orderNo();
    }

    public boolean carries(Class<? extends Event> type) {
        return events.isAssignableFrom(type);
    }
}
