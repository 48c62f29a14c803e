package io.paygate.notify;

import io.paygate.common.kafka.EventPublisher;
import io.paygate.devstack.SharedStack;
import io.paygate.events.EventCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A publisher over a real producer to the shared real broker, configured as the services
 * configure theirs (acks=all, idempotent). Tests that need an acknowledgement to be late or
 * missing stop the broker itself; nothing about Kafka is simulated.
 */
public final class RealProducer implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final EventPublisher publisher;

    private RealProducer(Map<String, Object> overrides, Duration ackTimeout) {
        var config = new HashMap<String, Object>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.get().kafka().bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        config.putAll(overrides);
        this.factory = new DefaultKafkaProducerFactory<>(config);
        this.publisher = new EventPublisher(new KafkaTemplate<>(factory), new EventCodec(), ackTimeout);
    }

    /** A producer that waits up to {@code ackTimeout} for the broker, also for metadata. */
    public static RealProducer withAckTimeout(Duration ackTimeout) {
        return new RealProducer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.max(2000, ackTimeout.toMillis())), ackTimeout);
    }

    /** A producer that refuses, before sending, any record larger than {@code maxRequestBytes}. */
    public static RealProducer refusingRecordsOver(int maxRequestBytes) {
        return new RealProducer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes), Duration.ofSeconds(3));
    }

    public EventPublisher publisher() {
        return publisher;
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
