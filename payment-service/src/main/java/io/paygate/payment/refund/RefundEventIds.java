package io.paygate.payment.refund;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids of refund outcomes. A refund ends once, however it is learned (the call's answer, a
 * query, WeChat's refund notification), so every producer derives the same {@code ce_id} from the
 * refund number and consumers de-duplicate it. notify-ingress must use the same rule for the
 * RefundSucceeded/RefundFailed it publishes; it belongs in common's {@code PaymentEventIds}.
 */
public final class RefundEventIds {

    private RefundEventIds() {
    }

    public static String succeeded(String refundNo) {
        return id(refundNo, "succeeded");
    }

    public static String failed(String refundNo) {
        return id(refundNo, "failed");
    }

    private static String id(String refundNo, String outcome) {
        return UUID.nameUUIDFromBytes(("REFUND:" + refundNo + ":" + outcome).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
