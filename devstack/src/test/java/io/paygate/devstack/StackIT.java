package io.paygate.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The stack the whole suite stands on: a broker that really stores, stops and comes back, and a real database. */
class StackIT {

    private final SharedStack stack = SharedStack.get();

    @Test
    void brokerAcknowledgesRefusesWhileStoppedAndKeepsDataAcrossRestart() throws Exception {
        var kafka = stack.kafka();
        try (var producer = producer(kafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>("stack-test", "k", "before")).get(30, TimeUnit.SECONDS);

            kafka.stop();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("stack-test", "k", "during")).get(3, TimeUnit.SECONDS))
                    .isInstanceOfAny(java.util.concurrent.TimeoutException.class, ExecutionException.class);
            kafka.start();

            producer.send(new ProducerRecord<>("stack-test", "k", "after")).get(30, TimeUnit.SECONDS);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "stack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("stack-test"));
            var values = new java.util.ArrayList<String>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!values.contains("after") && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
            assertThat(values).startsWith("before").contains("after");
        }
    }

    @Test
    void postgresCreatesDatabasesOnDemand() throws Exception {
        var postgres = stack.postgres();
        postgres.ensureDatabase("stack_test");
        postgres.ensureDatabase("stack_test");
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("stack_test"), postgres.username(), postgres.password());
             var rows = connection.createStatement().executeQuery("select current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("stack_test");
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000), new StringSerializer(), new StringSerializer());
    }
}
