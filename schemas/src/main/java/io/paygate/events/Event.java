package io.paygate.events;

/**
 * Anything paygate publishes. Every event belongs to one order and is keyed by its order
 * number, so all events of one order stay in order on their topic.
 */
public sealed interface Event permits PaymentEvent, OrderEvent, NotificationEvent {

    /** The order this event is about; also the Kafka record key and the CloudEvents subject. */
    String orderNo();
}
