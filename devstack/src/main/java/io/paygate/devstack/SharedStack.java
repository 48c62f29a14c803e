package io.paygate.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kafka and one PostgreSQL per test JVM, started on first use and stopped at exit, so
 * every integration test class shares them instead of paying the start-up again.
 */
public final class SharedStack {

    private static SharedStack instance;

    private final KafkaEndpoint kafka;
    private final PostgresEndpoint postgres;

    private SharedStack(Path dataDir) {
        kafka = Stack.kafka(dataDir);
        postgres = Stack.postgres(dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }, "shared-stack-shutdown"));
    }

    public static synchronized SharedStack get() {
        if (instance == null) {
            instance = new SharedStack(Stack.temporaryDataDir());
        }
        return instance;
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    public PostgresEndpoint postgres() {
        return postgres;
    }

    /**
     * The Spring properties that point a service at this stack, with its own database
     * (created if missing) for R2DBC and Flyway.
     */
    public Map<String, String> serviceProperties(String database) {
        var props = new LinkedHashMap<String, String>();
        props.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        if (database != null) {
            props.putAll(postgres.springProperties(database));
        }
        return props;
    }
}
