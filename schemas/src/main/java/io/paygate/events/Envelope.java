package io.paygate.events;

import java.time.Instant;
import java.util.Objects;

/**
 * An event with its CloudEvents attributes. {@code id} identifies this event for
 * de-duplication: consumers record it in the same transaction as the change it causes.
 *
 * @param id     {@code ce_id}; stable across re-publication of the same fact
 * @param source {@code ce_source}, the producing service, e.g. {@code /paygate/notify-ingress}
 * @param time   {@code ce_time}
 * @param event  the body
 */
public record Envelope<E extends Event>(String id, String source, Instant time, E event) {

    public Envelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
    }

    public String type() {
        return EventTypes.typeOf(event.getClass());
    }

    public String subject() {
        return event.key();
    }
}
