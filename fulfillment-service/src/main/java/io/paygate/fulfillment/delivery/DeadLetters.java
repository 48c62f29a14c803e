package io.paygate.fulfillment.delivery;

import io.paygate.common.kafka.KafkaSettings;
import io.paygate.events.CloudEvents;
import io.paygate.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes the event behind an effect that failed for good to {@code <topic>.<group>.dlt}, the
 * same dead-letter topic the consumer's own failures go to: key, body and {@code ce_*} headers as
 * consumed, so replaying it to the original topic re-queues the failed effects (and only them).
 * Extra headers say what failed and why.
 */
@Component
class DeadLetters {

    static final String EFFECT_HEADER = "paygate_dlt-effect";
    static final String ATTEMPTS_HEADER = "paygate_dlt-attempts";
    /** The names spring-kafka's own dead-letter records use, so one way of reading them fits both. */
    static final String ORIGINAL_TOPIC_HEADER = "kafka_dlt-original-topic";
    static final String REASON_HEADER = "kafka_dlt-exception-message";

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaSettings settings;
    private final String group;

    DeadLetters(KafkaTemplate<String, byte[]> kafka, KafkaSettings settings,
                @Value("${spring.kafka.consumer.group-id}") String group) {
        this.kafka = kafka;
        this.settings = settings;
        this.group = group;
    }

    /** Returns once the broker acknowledged the record; throws if it did not in time. */
    void publish(Effect effect, String reason) {
        EventOrigin origin = effect.origin();
        var record = new ProducerRecord<String, byte[]>(origin.topic() + "." + group + Topics.DEAD_LETTER_SUFFIX,
                origin.key(), origin.body().getBytes(StandardCharsets.UTF_8));
        header(record, CloudEvents.ID, origin.id());
        header(record, CloudEvents.TYPE, origin.type());
        header(record, CloudEvents.SOURCE, origin.source());
        header(record, CloudEvents.TIME, DateTimeFormatter.ISO_INSTANT.format(origin.time()));
        header(record, CloudEvents.SUBJECT, origin.key());
        header(record, CloudEvents.SPEC_VERSION, CloudEvents.SPEC_VERSION_VALUE);
        header(record, CloudEvents.CONTENT_TYPE, CloudEvents.JSON);
        header(record, ORIGINAL_TOPIC_HEADER, origin.topic());
        header(record, REASON_HEADER, reason);
        header(record, EFFECT_HEADER, effect.kind().name());
        header(record, ATTEMPTS_HEADER, Integer.toString(effect.attempt()));
        try {
            kafka.send(record).get(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the dead-letter topic did not acknowledge", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
