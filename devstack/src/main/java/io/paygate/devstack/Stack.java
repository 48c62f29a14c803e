package io.paygate.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one place that answers "where is Kafka, where is PostgreSQL": containers when a Docker
 * engine is present, the embedded broker and embedded PostgreSQL otherwise. Tests and the
 * local run see the same interfaces either way. {@code PAYGATE_STACK=embedded|containers}
 * forces a choice.
 */
public final class Stack {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final String KAFKA_IMAGE = "apache/kafka-native:4.1.2";
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private Stack() {
    }

    public static boolean useContainers() {
        String forced = System.getenv("PAYGATE_STACK");
        if ("embedded".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("containers".equalsIgnoreCase(forced)) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static KafkaEndpoint kafka(Path dataDir) {
        if (useContainers()) {
            log.info("Kafka: container {}", KAFKA_IMAGE);
            return new ContainerKafka(KAFKA_IMAGE);
        }
        return new EmbeddedKafka(dataDir.resolve("kafka"), Ports.free());
    }

    public static PostgresEndpoint postgres(Path dataDir) {
        if (useContainers()) {
            log.info("PostgreSQL: container {}", POSTGRES_IMAGE);
            return new ContainerPostgres(POSTGRES_IMAGE);
        }
        return new LocalPostgres(dataDir.resolve("postgres"), Ports.free());
    }

    /** A fresh temporary folder for a test run's data, removed at exit. */
    public static Path temporaryDataDir() {
        try {
            Path dir = Files.createTempDirectory("paygate-test-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
