package io.paygate.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefundSettingsTest {

    @Test
    void checksDecayThenRepeatForeverWithoutAGiveUp() {
        var settings = new RefundSettings(true, Duration.ofSeconds(10),
                List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)), Duration.ofHours(1), 100);

        assertThat(settings.delayBefore(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.delayBefore(3)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.delayBefore(4)).isEqualTo(Duration.ofHours(1));
        assertThat(settings.delayBefore(10_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aScheduleWithoutPositiveDelaysIsRefused() {
        assertThatThrownBy(() -> new RefundSettings(true, Duration.ofSeconds(10), List.of(Duration.ZERO), Duration.ofHours(1), 100))
                .hasMessageContaining("paygate.payment.refund-recheck.schedule");
    }
}
