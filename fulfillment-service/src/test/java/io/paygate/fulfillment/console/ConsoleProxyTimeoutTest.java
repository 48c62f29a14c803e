package io.paygate.fulfillment.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.devstack.SilentServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

/** The console's calls to order-service and payment-service give up on a service that never answers. */
class ConsoleProxyTimeoutTest {

    @Test
    void aServiceThatAcceptsAndNeverAnswersGets502WithinTheProxysTimeout() {
        try (var silent = new SilentServer()) {
            var console = new ConsoleController(silent.uri(""), silent.uri(""));

            long started = System.nanoTime();
            var answer = console.orderService(MockServerHttpRequest.get("/admin/v1/order-service/orders?customerEmail=a@example.com")
                    .build(), null).block(Duration.ofMinutes(1));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer).isNotNull();
            assertThat(answer.getStatusCode().value()).isEqualTo(502);
            assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).contains("\"code\":\"order_service_unavailable\"");
            assertThat(silent.connections()).isEqualTo(1);
            assertThat(waited).isGreaterThanOrEqualTo(ConsoleController.UPSTREAM_TIMEOUT.minusMillis(500))
                    .isLessThan(ConsoleController.UPSTREAM_TIMEOUT.plusSeconds(10));
        }
    }
}
