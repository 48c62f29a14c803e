package io.paygate.common.kafka;

import io.paygate.events.CloudEvents;
import io.paygate.events.Envelope;
import io.paygate.events.Event;
import io.paygate.events.EventCodec;
import io.paygate.events.EventCodec.UnreadableEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads consumed records back into envelopes. Anything unreadable is a poison message. */
public final class EventRecords {

    private final EventCodec codec;

    public EventRecords(EventCodec codec) {
        this.codec = codec;
    }

    public Envelope<Event> read(ConsumerRecord<String, byte[]> record) {
        String id = required(record, CloudEvents.ID);
        String type = required(record, CloudEvents.TYPE);
        String source = required(record, CloudEvents.SOURCE);
        Instant time;
        try {
            time = Instant.parse(required(record, CloudEvents.TIME));
        } catch (DateTimeParseException e) {
            throw new UnreadableEvent("header " + CloudEvents.TIME + " is not an RFC 3339 time", e);
        }
        if (record.value() == null) {
            throw new UnreadableEvent("record has no body", null);
        }
        return new Envelope<>(id, source, time, codec.read(type, record.value()));
    }

    /**
     * Reads a record of a topic; an event of a type that does not belong on that topic is as
     * unreadable as a broken body.
     */
    @SuppressWarnings("unchecked")
    public <E extends Event> Envelope<E> read(ConsumerRecord<String, byte[]> record, io.paygate.events.Topic<E> topic) {
        Envelope<Event> envelope = read(record);
        if (!topic.events().isInstance(envelope.event())) {
            throw new UnreadableEvent(envelope.type() + " does not belong on " + topic.name(), null);
        }
        return (Envelope<E>) envelope;
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null || header.value().length == 0) {
            throw new UnreadableEvent("missing header " + name, null);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
