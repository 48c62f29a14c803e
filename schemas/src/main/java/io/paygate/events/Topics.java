package io.paygate.events;

import java.util.List;

/** The catalogue of paygate's topics. Downstream teams subscribe to these names. */
public final class Topics {

    public static final Topic<PaymentEvent> PAYMENT = new Topic<>("paygate.payment.v1", PaymentEvent.class);
    public static final Topic<OrderEvent> ORDER = new Topic<>("paygate.order.v1", OrderEvent.class);
    public static final Topic<NotificationEvent> NOTIFY_RAW =
            new Topic<>("paygate.notify.raw.v1", NotificationEvent.class);
    public static final Topic<ReconciliationEvent> RECONCILIATION =
            new Topic<>("paygate.reconciliation.v1", ReconciliationEvent.class);

    /** Suffix of the dead-letter topic each consumer's failures go to, e.g. {@code paygate.payment.v1.order-service.dlt}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static List<Topic<?>> all() {
        return List.of(PAYMENT, ORDER, NOTIFY_RAW, RECONCILIATION);
    }

    public static Topic<?> forEvent(Class<? extends Event> type) {
        return all().stream()
                .filter(topic -> topic.carries(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic carries " + type.getSimpleName()));
    }
}
