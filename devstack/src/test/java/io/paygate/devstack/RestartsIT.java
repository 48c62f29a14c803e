package io.paygate.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The crashes fault tests rely on: a broker process killed with SIGKILL and a database restarted, both keeping what they acknowledged. */
class RestartsIT {

    @Test
    void aBrokerProcessKilledWithSigkillComesBackOnItsPortWithEveryAcknowledgedRecord() throws Exception {
        var kafka = new ProcessKafka(Stack.temporaryDataDir().resolve("kafka"), Ports.free());
        try (var producer = producer(kafka.bootstrapServers())) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("crash-test", "k" + i, "before-" + i)).get(30, TimeUnit.SECONDS);
            }

            kafka.kill();
            assertThat(kafka.running()).isFalse();
            kafka.start();

            producer.send(new ProducerRecord<>("crash-test", "k", "after")).get(60, TimeUnit.SECONDS);
        } finally {
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "crash-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("crash-test"));
                var values = new ArrayList<String>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 51 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                }
                assertThat(values).hasSize(51).contains("before-0", "before-49", "after");
            }
            kafka.close();
        }
    }

    @Test
    void postgresStoppedAndStartedAgainKeepsItsPortAndCommittedRows() throws Exception {
        var postgres = new LocalPostgres(Stack.temporaryDataDir().resolve("postgres"), Ports.free());
        try {
            postgres.ensureDatabase("restart_test");
            try (var connection = DriverManager.getConnection(postgres.jdbcUrl("restart_test"), "postgres", "")) {
                connection.createStatement().execute("create table t (v int); insert into t values (42)");
            }

            postgres.stop();
            postgres.start();

            try (var connection = DriverManager.getConnection(postgres.jdbcUrl("restart_test"), "postgres", "");
                 var rows = connection.createStatement().executeQuery("select v from t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        } finally {
            postgres.close();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000), new StringSerializer(), new StringSerializer());
    }
}
