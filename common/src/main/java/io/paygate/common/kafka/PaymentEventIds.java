package io.paygate.common.kafka;

import io.paygate.events.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids of payment facts. A platform trade is paid once, and a refund ends once, however
 * often and by whatever path (notification, the call's answer, a query, reconciliation) it is
 * learned, so every producer derives the same {@code ce_id} from the trade or the refund number
 * and consumers de-duplicate it.
 */
public final class PaymentEventIds {

    private PaymentEventIds() {
    }

    public static String paid(Channel channel, String platformTradeNo) {
        return UUID.nameUUIDFromBytes((channel.name() + ":" + platformTradeNo + ":paid").getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** {@code RefundSucceeded} of our refund {@code refundNo}, from payment-service's call or query or from a refund notification. */
    public static String refundSucceeded(String refundNo) {
        return refund(refundNo, "succeeded");
    }

    /** {@code RefundFailed} of our refund {@code refundNo}, however it was learned. */
    public static String refundFailed(String refundNo) {
        return refund(refundNo, "failed");
    }

    private static String refund(String refundNo, String outcome) {
        return UUID.nameUUIDFromBytes(("REFUND:" + refundNo + ":" + outcome).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
