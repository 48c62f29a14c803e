package io.paygate.payment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSettingsTest {

    @Test
    void checksFollowTheDecayingScheduleThenRepeat() {
        var settings = new SweepSettings(true, Duration.ofSeconds(10),
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)),
                Duration.ofHours(1), Duration.ofHours(25), 100);

        assertThat(settings.firstCheckAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(List.of(settings.delayBefore(1), settings.delayBefore(2), settings.delayBefore(3), settings.delayBefore(4),
                settings.delayBefore(5), settings.delayBefore(40)))
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                        Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void anEmptyOrNonPositiveScheduleIsRefusedAtStart() {
        assertThatThrownBy(() -> new SweepSettings(true, Duration.ofSeconds(1), List.of(), Duration.ofHours(1), Duration.ofHours(25), 10))
                .hasMessageContaining("paygate.payment.sweep.schedule");
        assertThatThrownBy(() -> new SweepSettings(true, Duration.ofSeconds(1), List.of(Duration.ZERO), Duration.ofHours(1),
                Duration.ofHours(25), 10)).hasMessageContaining("paygate.payment.sweep.schedule");
    }
}
