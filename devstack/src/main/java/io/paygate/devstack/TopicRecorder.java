package io.paygate.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything published on some topics from the beginning, in a consumer group of its
 * own, so a test can count what was really published.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;

    public TopicRecorder(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        poller = Thread.ofPlatform().daemon().name("topic-recorder").start(this::poll);
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            } catch (WakeupException | InterruptException e) {
                return;
            } catch (RuntimeException e) {
                // the broker may be away on purpose in an outage test; keep polling
            }
        }
    }

    public List<ConsumerRecord<String, byte[]>> all() {
        return List.copyOf(records);
    }

    /** Records with this key (order number) and CloudEvents type. */
    public List<ConsumerRecord<String, byte[]>> of(String key, String ceType) {
        return records.stream()
                .filter(r -> key.equals(r.key()))
                .filter(r -> ceType.equals(header(r, "ce_type")))
                .toList();
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.wakeup();
        poller.interrupt();
        try {
            poller.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
    }
}
