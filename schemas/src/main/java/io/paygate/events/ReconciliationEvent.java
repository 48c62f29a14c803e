package io.paygate.events;

/**
 * Every event type that can appear on {@code paygate.reconciliation.v1}. Not about one order, so
 * not on the order-keyed topics: keyed by channel and day, so one day's runs stay in order.
 */
public sealed interface ReconciliationEvent extends Event permits ReconciliationCompleted {
}
