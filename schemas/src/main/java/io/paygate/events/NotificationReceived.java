package io.paygate.events;

import java.time.Instant;

/**
 * A platform notification that passed signature verification, exactly as received, for
 * audit and replay. Emitted by notify-ingress before it acknowledges the platform; key:
 * order number, on {@code paygate.notify.raw.v1}. Nothing in paygate changes state from it.
 *
 * @param orderNo     the order number the notification names
 * @param channel     the platform that sent it
 * @param kind        what the notification is about
 * @param receivedAt  when notify-ingress received it
 * @param contentType the HTTP content type as sent
 * @param body        the request body as sent (form or JSON text; WeChat's resource still encrypted)
 */
public record NotificationReceived(
        String orderNo,
        Channel channel,
        Kind kind,
        Instant receivedAt,
        String contentType,
        String body) implements NotificationEvent {

    /** What a platform notification reports. */
    public enum Kind {
        PAYMENT,
        REFUND
    }
}
