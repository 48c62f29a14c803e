package io.paygate.payment.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.web.ApiException;
import io.paygate.devstack.SilentServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** order-service accepting the connection and never answering: the look-up gives up within its timeout with 503. */
class OrderDirectoryTimeoutTest {

    @Test
    void anOrderServiceThatNeverAnswersIsGivenUpOnWithinTheTimeoutAsUnavailable() {
        try (var silent = new SilentServer()) {
            var settings = new OrderServiceSettings(silent.uri(""), Duration.ofSeconds(5));
            var directory = new OrderDirectory(settings);
            long start = System.nanoTime();

            assertThatThrownBy(() -> directory.find("202611261800000000000042", "Bearer key").block(Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.code()).isEqualTo("order_service_unavailable");
                    });

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(silent.connections()).isPositive();
            assertThat(took).isGreaterThan(settings.timeout().minusSeconds(1)).isLessThan(settings.timeout().plusSeconds(10));
        }
    }
}
