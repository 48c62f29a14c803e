package io.paygate.common.kafka;

import io.paygate.events.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids of payment facts. A platform trade is paid once, however often and by whatever path
 * (notification, query, reconciliation) it is reported, so every producer derives the same
 * {@code ce_id} from the trade and consumers de-duplicate it.
 */
public final class PaymentEventIds {

    private PaymentEventIds() {
    }

    public static String paid(Channel channel, String platformTradeNo) {
        return UUID.nameUUIDFromBytes((channel.name() + ":" + platformTradeNo + ":paid").getBytes(StandardCharsets.UTF_8)).toString();
    }
}
