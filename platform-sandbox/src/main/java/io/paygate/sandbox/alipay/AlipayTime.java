package io.paygate.sandbox.alipay;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Alipay's wall-clock times: {@code yyyy-MM-dd HH:mm:ss}, Beijing time whatever the JVM's zone. */
final class AlipayTime {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private AlipayTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant.atZone(ZONE));
    }

    static String day(Instant instant) {
        return DAY.format(instant.atZone(ZONE));
    }

    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(LocalDateTime.parse(text, FORMAT).atZone(ZONE).toInstant());
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** RFC 3339 with the Beijing offset, for the sandbox's own JSON. */
    static String rfc3339(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(ZONE).toOffsetDateTime());
    }
}
