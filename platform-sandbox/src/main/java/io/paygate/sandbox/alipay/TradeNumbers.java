package io.paygate.sandbox.alipay;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alipay-shaped trade numbers: 28 digits, the Beijing date first ({@code 2026112622001400000000000001}).
 * The sandbox forgets its trades on restart but the merchant's database does not, so the
 * sequence starts from the start time instead of from one: numbers stay unique across restarts.
 */
final class TradeNumbers {

    private static final long SEQUENCE_LIMIT = 100_000_000_000_000L;

    private final Clock clock;
    private final AtomicLong sequence;

    TradeNumbers(Clock clock) {
        this.clock = clock;
        this.sequence = new AtomicLong(clock.millis() % 100_000_000_000L * 1000);
    }

    String next() {
        long value = sequence.incrementAndGet() % SEQUENCE_LIMIT;
        return AlipayTime.day(clock.instant()) + "220014" + String.format("%014d", value);
    }
}
