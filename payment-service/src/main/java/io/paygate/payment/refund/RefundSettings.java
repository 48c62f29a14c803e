package io.paygate.payment.refund;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Re-asking the platforms about refunds that have not ended (PROCESSING or UNKNOWN), on a decaying
 * schedule and then every {@code repeatEvery}, for as long as it takes: a refund is never given up
 * on by a timer, only settled by what the platform says.
 *
 * @param enabled     run the re-check in this instance
 * @param interval    how often it looks for due refunds
 * @param schedule    delays before the 1st, 2nd, … check, counted from the request and then from each check
 *                    (Alipay asks for at least 10 s between a refund and its query)
 * @param repeatEvery the delay once the schedule is used up
 * @param batch       refunds claimed per pass
 */
@ConfigurationProperties("paygate.payment.refund-recheck")
public record RefundSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration interval,
        @DefaultValue({"10s", "1m", "5m", "15m", "1h"}) List<Duration> schedule,
        @DefaultValue("1h") Duration repeatEvery,
        @DefaultValue("100") int batch) {

    public RefundSettings {
        if (schedule.isEmpty() || schedule.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("paygate.payment.refund-recheck.schedule needs at least one positive delay");
        }
        if (repeatEvery.isNegative() || repeatEvery.isZero()) {
            throw new IllegalArgumentException("paygate.payment.refund-recheck.repeat-every must be positive");
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("paygate.payment.refund-recheck.batch must be 1..1000");
        }
        schedule = List.copyOf(schedule);
    }

    /** The delay before check number {@code n} (1-based). */
    public Duration delayBefore(int n) {
        return n <= schedule.size() ? schedule.get(n - 1) : repeatEvery;
    }
}
