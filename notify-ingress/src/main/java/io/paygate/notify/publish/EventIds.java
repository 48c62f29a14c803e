package io.paygate.notify.publish;

import io.paygate.events.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Event ids ({@code ce_id}) derived from what the platform sent, never random: a platform
 * re-sends the same notification many times, sometimes concurrently, and every copy must
 * carry the same id so consumers apply it once.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The one "this trade was paid" fact of a platform trade, however often and by whatever path it is reported. */
    public static String paid(Channel channel, String platformTradeNo) {
        // the same id payment-service gives a payment it finds by querying: one fact, one id
        return io.paygate.common.kafka.PaymentEventIds.paid(channel, platformTradeNo);
    }

    /** The end of our refund {@code refundNo}: the same id payment-service gives the outcome of its own call or query. */
    public static String refundSucceeded(String refundNo) {
        return io.paygate.common.kafka.PaymentEventIds.refundSucceeded(refundNo);
    }

    /** A refund that ended without the money going back, however it was learned. */
    public static String refundFailed(String refundNo) {
        return io.paygate.common.kafka.PaymentEventIds.refundFailed(refundNo);
    }

    /**
     * One received notification. The platform's notification id stays the same across its
     * retries, while the signature changes whenever any signed field (such as the send time)
     * does; together they name one exact delivery, so byte-identical re-sends share an id.
     */
    public static String notification(Channel channel, String notifyId, String signature) {
        return uuid(channel.name() + ":notification:" + notifyId + ":" + sha256(signature));
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
