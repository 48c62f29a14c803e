package io.paygate.payment.reconcile;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Daily reconciliation against the platforms' trade bills.
 *
 * @param enabled          run the daily schedule in this instance (runs on demand work either way)
 * @param cron             when the daily run of yesterday starts, in {@code zone} (bills are ready in the morning)
 * @param zone             the business time zone: what "a day" is, for us and for both platforms' bills
 * @param carryOverWindow  what one side has within this long before midnight and the other does not waits for the next day
 * @param downloadAttempts how often a bill download that failed is tried, in all, before the run is FAILED
 * @param retryBackoff     the wait before the 2nd try, doubled before each further one
 * @param progressEvery    rows between two progress notes (log and the run's rows_processed)
 * @param staleAfter       a run still RUNNING after this long is taken to have died with its instance and may be started again
 */
@ConfigurationProperties("paygate.payment.reconciliation")
public record ReconcileSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0 30 10 * * *") String cron,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("30m") Duration carryOverWindow,
        @DefaultValue("3") int downloadAttempts,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("10000") int progressEvery,
        @DefaultValue("1h") Duration staleAfter) {

    public ReconcileSettings {
        if (carryOverWindow.isNegative() || carryOverWindow.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("paygate.payment.reconciliation.carry-over-window must be within [0, 12h]");
        }
        if (downloadAttempts < 1 || downloadAttempts > 10) {
            throw new IllegalArgumentException("paygate.payment.reconciliation.download-attempts must be 1..10");
        }
        if (retryBackoff.isNegative()) {
            throw new IllegalArgumentException("paygate.payment.reconciliation.retry-backoff must not be negative");
        }
        if (progressEvery < 1) {
            throw new IllegalArgumentException("paygate.payment.reconciliation.progress-every must be at least 1");
        }
        if (!staleAfter.isPositive()) {
            throw new IllegalArgumentException("paygate.payment.reconciliation.stale-after must be positive");
        }
    }
}
