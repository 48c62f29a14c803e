package io.paygate.order.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers a client app from configuration ({@code paygate.order.bootstrap-client.name/api-key}),
 * e.g. the local run's demo app. Nothing happens when no key is configured.
 */
@Component
class DemoClient implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoClient.class);

    private final ClientApps clients;
    private final String name;
    private final String apiKey;

    DemoClient(ClientApps clients,
               @Value("${paygate.order.bootstrap-client.name:demo}") String name,
               @Value("${paygate.order.bootstrap-client.api-key:}") String apiKey) {
        this.clients = clients;
        this.name = name;
        this.apiKey = apiKey;
    }

    /** Runs before the service reports itself ready, so the key works from the first request. */
    @Override
    public void run(ApplicationArguments args) {
        if (apiKey.isBlank()) {
            return;
        }
        if (apiKey.length() < 16) {
            throw new IllegalStateException("paygate.order.bootstrap-client.api-key must be at least 16 characters");
        }
        Long id = clients.register(name, apiKey).block(java.time.Duration.ofSeconds(10));
        log.info("client app '{}' registered (id {})", name, id);
    }
}
