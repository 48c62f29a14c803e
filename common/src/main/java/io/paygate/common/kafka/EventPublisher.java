package io.paygate.common.kafka;

import io.paygate.events.CloudEvents;
import io.paygate.events.Envelope;
import io.paygate.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes events to their topic with CloudEvents headers and completes only when the
 * broker has acknowledged the record (the producer runs with acks=all and idempotence).
 */
public final class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final Duration ackTimeout;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, Duration ackTimeout) {
        this.kafka = kafka;
        this.codec = codec;
        this.ackTimeout = ackTimeout;
    }

    /**
     * Completes with the record's position once the broker acknowledged it, or fails with a
     * {@link TimeoutException} after the configured acknowledgement timeout. The send itself
     * runs off the caller's thread: a producer with no metadata blocks for up to
     * {@code max.block.ms}, which must never happen on an event-loop thread.
     */
    public Mono<RecordMetadata> publish(Envelope<?> envelope) {
        return Mono.defer(() -> send(OutgoingRecord.of(envelope, codec)));
    }

    /** Publishes an already serialised event, e.g. one the outbox stored. Same guarantees as {@link #publish}. */
    public Mono<RecordMetadata> send(OutgoingRecord outgoing) {
        return Mono.defer(() -> Mono.fromFuture(kafka.send(toRecord(outgoing))))
                .subscribeOn(Schedulers.boundedElastic())
                .map(result -> result.getRecordMetadata())
                .timeout(ackTimeout);
    }

    static ProducerRecord<String, byte[]> toRecord(OutgoingRecord outgoing) {
        var record = new ProducerRecord<String, byte[]>(outgoing.topic(), outgoing.key(), outgoing.payload());
        header(record, CloudEvents.ID, outgoing.id());
        header(record, CloudEvents.TYPE, outgoing.type());
        header(record, CloudEvents.SOURCE, outgoing.source());
        header(record, CloudEvents.TIME, DateTimeFormatter.ISO_INSTANT.format(outgoing.time()));
        header(record, CloudEvents.SUBJECT, outgoing.key());
        header(record, CloudEvents.SPEC_VERSION, CloudEvents.SPEC_VERSION_VALUE);
        header(record, CloudEvents.CONTENT_TYPE, CloudEvents.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
