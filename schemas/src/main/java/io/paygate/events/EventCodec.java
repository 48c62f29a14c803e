package io.paygate.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event bodies to and from JSON. Unknown fields are ignored when reading, so consumers keep
 * working while a schema grows compatibly.
 */
public final class EventCodec {

    private final JsonMapper mapper;

    public EventCodec() {
        this.mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // an absent optional field is left out, never written as null: schemas say "string", not "string or null"
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    public byte[] write(Event event) {
        return mapper.writeValueAsBytes(event);
    }

    /**
     * Reads a body whose {@code ce_type} is {@code type}.
     *
     * @throws UnreadableEvent when the type is unknown or the body does not match it: a poison
     *                         message, never worth a retry
     */
    public Event read(String type, byte[] body) {
        Class<? extends Event> target = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEvent("unknown event type '" + type + "'", null));
        try {
            return mapper.readValue(body, target);
        } catch (JacksonException e) {
            throw new UnreadableEvent("body is not a valid " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A record that can never be read, however often it is retried. */
    public static final class UnreadableEvent extends RuntimeException {
        public UnreadableEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
