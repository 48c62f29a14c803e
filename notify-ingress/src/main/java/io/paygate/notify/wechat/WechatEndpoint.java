package io.paygate.notify.wechat;

import io.paygate.events.NotificationReceived;
import java.util.Locale;
import java.util.Set;

/**
 * The two notification URLs WeChat Pay is given, and which event types each accepts: a refund
 * event on the payment URL (or the reverse) is refused rather than guessed at.
 */
enum WechatEndpoint {
    PAYMENT(Set.of("TRANSACTION.SUCCESS"), NotificationReceived.Kind.PAYMENT),
    REFUND(Set.of("REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"), NotificationReceived.Kind.REFUND);

    private final Set<String> eventTypes;
    private final NotificationReceived.Kind kind;

    WechatEndpoint(Set<String> eventTypes, NotificationReceived.Kind kind) {
        this.eventTypes = eventTypes;
        this.kind = kind;
    }

    boolean accepts(String eventType) {
        return eventTypes.contains(eventType);
    }

    NotificationReceived.Kind kind() {
        return kind;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
