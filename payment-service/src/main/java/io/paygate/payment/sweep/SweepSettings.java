package io.paygate.payment.sweep;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lost-notification sweep: an attempt with no outcome is asked about at its platform on a
 * decaying schedule, then every {@code repeatEvery}, until {@code giveUpAfter} (past the
 * platforms' own notification windows, about a day).
 *
 * @param enabled     run the sweep in this instance
 * @param interval    how often the sweep looks for due attempts
 * @param schedule    delays before the 1st, 2nd, … check, counted from the attempt's start and then from each check
 * @param repeatEvery the delay after the schedule is used up
 * @param giveUpAfter age after which an attempt is no longer checked (and recorded as closed if the platform has no trade)
 * @param batch       attempts claimed per pass
 */
@ConfigurationProperties("paygate.payment.sweep")
public record SweepSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration interval,
        @DefaultValue({"1m", "5m", "15m", "1h"}) List<Duration> schedule,
        @DefaultValue("1h") Duration repeatEvery,
        @DefaultValue("25h") Duration giveUpAfter,
        @DefaultValue("100") int batch) {

    public SweepSettings {
        if (schedule.isEmpty() || schedule.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("paygate.payment.sweep.schedule needs at least one positive delay");
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("paygate.payment.sweep.batch must be 1..1000");
        }
        schedule = List.copyOf(schedule);
    }

    public Duration firstCheckAfter() {
        return schedule.getFirst();
    }

    /** The delay before check number {@code n} (1-based). */
    public Duration delayBefore(int n) {
        return n <= schedule.size() ? schedule.get(n - 1) : repeatEvery;
    }
}
