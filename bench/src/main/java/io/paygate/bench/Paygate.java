package io.paygate.bench;

import io.paygate.common.keys.KeyFiles;
import io.paygate.devstack.Stack;
import io.paygate.localrun.LocalRun;
import io.paygate.localrun.LocalRunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The system under test: the whole local run in this JVM (embedded Kafka, PostgreSQL as a child
 * process, the SMTP sink, the sandbox and the four services), on free loopback ports. What the
 * load generator needs to know about it is read from the running services' own configuration,
 * so nothing here repeats a setting.
 */
final class Paygate implements AutoCloseable {

    private final LocalRun run;

    private Paygate(LocalRun run) {
        this.run = run;
    }

    /**
     * @param overrides settings given to every service on top of the local run's (the bench's --set), to measure a
     *                  configuration change before proposing it
     */
    static Paygate start(Map<String, String> overrides) {
        // the local run's own settings, except that the sandbox's retries come within seconds (none are expected)
        // and the console shows warnings only: per-notification INFO lines still go to the log file, as in the local run
        var extra = new java.util.LinkedHashMap<String, String>();
        extra.put("logging.threshold.console", "WARN");
        extra.putAll(overrides);
        var settings = LocalRunSettings.forTests(Stack.temporaryDataDir(),
                List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(10)), extra);
        return new Paygate(LocalRun.start(settings));
    }

    String url(String service, String path) {
        var ports = run.settings().ports();
        int port = switch (service) {
            case "order-service" -> ports.order();
            case "payment-service" -> ports.payment();
            case "notify-ingress" -> ports.notifyIngress();
            case "fulfillment-service" -> ports.fulfillment();
            case "platform-sandbox" -> ports.sandbox();
            default -> throw new IllegalArgumentException(service);
        };
        return "http://127.0.0.1:" + port + path;
    }

    LocalRun run() {
        return run;
    }

    String kafkaBootstrap() {
        return run.kafka().bootstrapServers();
    }

    String clientAuthorization() {
        return "Bearer " + run.settings().demoApiKey();
    }

    String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + run.settings().adminPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A setting as the named service sees it. */
    String property(String service, String name) {
        String value = run.service(service).getEnvironment().getProperty(name);
        if (value == null) {
            throw new IllegalStateException(service + " has no " + name);
        }
        return value;
    }

    /** The Kafka producer settings the named service runs with (acks=all, idempotent, its linger and timeouts). */
    Map<String, Object> producerSettings(String service) {
        @SuppressWarnings("unchecked")
        var template = (org.springframework.kafka.core.KafkaTemplate<String, byte[]>) run.service(service)
                .getBean(org.springframework.kafka.core.KafkaTemplate.class);
        return template.getProducerFactory().getConfigurationProperties();
    }

    /**
     * Pauses (or resumes) every Kafka consumer of order-, payment- and fulfillment-service: with them paused,
     * notify-ingress, payment-service's "was it started?" answer and the broker are all that run per notification.
     */
    void consumersPaused(boolean paused) {
        for (String service : List.of("order-service", "payment-service", "fulfillment-service")) {
            var registry = run.service(service).getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
            for (var container : registry.getListenerContainers()) {
                if (paused) {
                    container.pause();
                } else {
                    container.resume();
                }
            }
        }
    }

    /** Records on the broker not yet committed by the consumer group that reads them, summed over every group. */
    long consumerLag() {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", kafkaBootstrap()))) {
            long lag = 0;
            for (var group : admin.listConsumerGroups().all().get()) {
                var committed = admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                var latest = admin.listOffsets(committed.keySet().stream().collect(java.util.stream.Collectors.toMap(
                        tp -> tp, tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        lag += Math.max(0, latest.get(entry.getKey()).offset() - entry.getValue().offset());
                    }
                }
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the consumer groups' lag", e.getCause());
        }
    }

    String wechatApiV3Key() {
        return run.settings().wechatApiV3Key();
    }

    /** A PEM file of the local key set: what the sandbox signs with as "Alipay" and as "WeChat Pay". */
    String keyPem(String keyFileName) {
        try {
            return Files.readString(keysDir().resolve(keyFileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String alipayPlatformPrivatePem() {
        return keyPem(KeyFiles.ALIPAY_PLATFORM_PRIVATE);
    }

    String alipayPlatformPublicPem() {
        return keyPem(KeyFiles.ALIPAY_PLATFORM_PUBLIC);
    }

    String wechatPlatformPrivatePem() {
        return keyPem(KeyFiles.WECHAT_PLATFORM_PRIVATE);
    }

    String wechatPlatformPublicPem() {
        return keyPem(KeyFiles.WECHAT_PLATFORM_PUBLIC);
    }

    private Path keysDir() {
        return run.settings().dataDir().resolve("keys");
    }

    /** A JDBC connection to a service's own database, with the credentials Flyway got. */
    Connection database(String service) throws SQLException {
        return DriverManager.getConnection(property(service, "spring.flyway.url"), property(service, "spring.flyway.user"),
                run.service(service).getEnvironment().getProperty("spring.flyway.password", ""));
    }

    Path dataDir() {
        return run.settings().dataDir();
    }

    /** Stops everything and removes the run's data folder (the database alone grows to hundreds of MB). */
    @Override
    public void close() {
        run.close();
        try (var paths = Files.walk(dataDir())) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dataDir() + ": " + e);
        }
    }
}
