package io.paygate.events;

import java.util.Map;
import java.util.Optional;

/**
 * The wire identity of every event type: the CloudEvents {@code ce_type} string, mapped
 * explicitly to its record. A type string never names a Java class, and a new version of an
 * event is a new type string.
 */
public final class EventTypes {

    private static final Map<Class<? extends Event>, String> NAMES = Map.ofEntries(
            Map.entry(PaymentSucceeded.class, "io.paygate.PaymentSucceeded.v1"),
            Map.entry(PaymentClosed.class, "io.paygate.PaymentClosed.v1"),
            Map.entry(OrderCreated.class, "io.paygate.OrderCreated.v1"),
            Map.entry(OrderPaid.class, "io.paygate.OrderPaid.v1"),
            Map.entry(OrderExpired.class, "io.paygate.OrderExpired.v1"),
            Map.entry(OrderCancelled.class, "io.paygate.OrderCancelled.v1"),
            Map.entry(OrderPaidAfterTimeout.class, "io.paygate.OrderPaidAfterTimeout.v1"),
            Map.entry(RefundRequested.class, "io.paygate.RefundRequested.v1"),
            Map.entry(OrderRefunded.class, "io.paygate.OrderRefunded.v1"),
            Map.entry(DuplicatePaymentReceived.class, "io.paygate.DuplicatePaymentReceived.v1"),
            Map.entry(PaymentAmountMismatched.class, "io.paygate.PaymentAmountMismatched.v1"),
            Map.entry(RefundSucceeded.class, "io.paygate.RefundSucceeded.v1"),
            Map.entry(RefundFailed.class, "io.paygate.RefundFailed.v1"),
            Map.entry(NotificationReceived.class, "io.paygate.NotificationReceived.v1"),
            Map.entry(ReconciliationCompleted.class, "io.paygate.ReconciliationCompleted.v1"));

    private static final Map<String, Class<? extends Event>> CLASSES = invert(NAMES);

    private EventTypes() {
    }

    public static String typeOf(Class<? extends Event> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no wire type registered for " + type.getSimpleName());
        }
        return name;
    }

    public static Optional<Class<? extends Event>> classOf(String type) {
        return Optional.ofNullable(CLASSES.get(type));
    }

    public static Map<Class<? extends Event>, String> all() {
        return NAMES;
    }

    private static Map<String, Class<? extends Event>> invert(Map<Class<? extends Event>, String> names) {
        var inverted = new java.util.HashMap<String, Class<? extends Event>>();
        names.forEach((k, v) -> inverted.put(v, k));
        return Map.copyOf(inverted);
    }
}
