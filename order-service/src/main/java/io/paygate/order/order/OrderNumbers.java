package io.paygate.order.order;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Order numbers: {@code yyyyMMddHHmmss} in the business zone, then the database sequence
 * zero-padded to ten digits. Digits only, 24 characters until the sequence passes ten
 * billion, never more than 32 (WeChat's limit) for any {@code long} sequence below 10^18.
 */
public final class OrderNumbers {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ZoneId zone;

    public OrderNumbers(ZoneId zone) {
        this.zone = zone;
    }

    public String next(Instant now, long sequence) {
        if (sequence < 1 || sequence >= 1_000_000_000_000_000_000L) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        return STAMP.format(now.atZone(zone)) + String.format("%010d", sequence);
    }
}
