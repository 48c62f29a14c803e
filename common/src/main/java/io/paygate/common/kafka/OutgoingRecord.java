package io.paygate.common.kafka;

import io.paygate.events.Envelope;
import io.paygate.events.EventCodec;
import io.paygate.events.Topics;
import java.time.Instant;

/**
 * An event ready for the wire: topic, key (the order number), CloudEvents attributes and the
 * JSON body. This is also what an outbox row stores.
 */
public record OutgoingRecord(String topic, String key, String id, String type, String source, Instant time, byte[] payload) {

    public static OutgoingRecord of(Envelope<?> envelope, EventCodec codec) {
        return new OutgoingRecord(
                Topics.forEvent(envelope.event().getClass()).name(),
                envelope.subject(),
                envelope.id(),
                envelope.type(),
                envelope.source(),
                envelope.time(),
                codec.write(envelope.event()));
    }
}
