package io.paygate.fulfillment.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pending mails and robot messages are retried. Attempt n waits
 * {@code min(initial-backoff × 2^(n-1), max-backoff)} after failing; after {@code max-attempts}
 * the effect goes to the dead-letter topic. The defaults retry for about 37 minutes.
 *
 * @param maxAttempts    attempts before an effect is dead-lettered
 * @param initialBackoff wait after the first failed attempt
 * @param maxBackoff     longest wait between attempts
 * @param pollInterval   how often the worker looks for due effects (new ones are sent at once)
 * @param lease          how long a claimed effect is left to its worker; after a crash another
 *                       worker takes it over once this has passed. Longer than one attempt can take
 * @param batchSize      effects claimed at a time
 */
@ConfigurationProperties("paygate.fulfillment.delivery")
public record DeliverySettings(
        @DefaultValue("12") int maxAttempts,
        @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("20") int batchSize) {

    public DeliverySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("paygate.fulfillment.delivery.max-attempts must be at least 1");
        }
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, pollInterval, lease}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("paygate.fulfillment.delivery durations must be positive");
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("paygate.fulfillment.delivery.max-backoff must not be shorter than initial-backoff");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("paygate.fulfillment.delivery.batch-size must be at least 1");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first). */
    Duration backoff(int attempt) {
        int doublings = Math.max(0, attempt - 1);
        if (doublings >= 31) {
            return maxBackoff;
        }
        long millis = initialBackoff.toMillis() << doublings;
        return millis <= 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
    }
}
