package io.paygate.fulfillment.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    private final DeliverySettings settings = new DeliverySettings(12, Duration.ofSeconds(2), Duration.ofMinutes(10),
            Duration.ofSeconds(1), Duration.ofMinutes(2), 20);

    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToTheLongest() {
        assertThat(settings.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.backoff(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(settings.backoff(10)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.backoff(5000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theDefaultsRetryForAboutHalfAnHourBeforeDeadLettering() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < settings.maxAttempts(); attempt++) {
            total = total.plus(settings.backoff(attempt));
        }
        assertThat(total).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(45));
    }

    @Test
    void aBoundIsRequired() {
        assertThatThrownBy(() -> new DeliverySettings(0, Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofMinutes(2), 20)).hasMessageContaining("max-attempts");
    }
}
