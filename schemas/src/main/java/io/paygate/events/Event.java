package io.paygate.events;

/**
 * Anything paygate publishes. Order, payment and notification events belong to one order and are
 * keyed by its order number, so all events of one order stay in order on their topic; a
 * reconciliation event belongs to one channel's day and is keyed by that.
 */
public sealed interface Event permits PaymentEvent, OrderEvent, NotificationEvent, ReconciliationEvent {

    /** The Kafka record key and the CloudEvents subject: the order number, or what else the event belongs to. */
    String key();
}
