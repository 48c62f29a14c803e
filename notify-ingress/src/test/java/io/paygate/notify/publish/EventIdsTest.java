package io.paygate.notify.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.events.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void paymentIdIsTheNameBasedUuidOfChannelTradeAndFact() {
        assertThat(EventIds.paid(Channel.ALIPAY, "2026112622001499999999")).isEqualTo(
                UUID.nameUUIDFromBytes("ALIPAY:2026112622001499999999:paid".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void paymentIdDependsOnlyOnTheTrade() {
        assertThat(EventIds.paid(Channel.ALIPAY, "1")).isEqualTo(EventIds.paid(Channel.ALIPAY, "1"))
                .isNotEqualTo(EventIds.paid(Channel.ALIPAY, "2"))
                .isNotEqualTo(EventIds.paid(Channel.WECHAT, "1"));
    }

    @Test
    void notificationIdSeparatesDeliveriesButNotCopies() {
        String delivery = EventIds.notification(Channel.ALIPAY, "notify-1", "sig-a");

        assertThat(EventIds.notification(Channel.ALIPAY, "notify-1", "sig-a")).isEqualTo(delivery);
        assertThat(EventIds.notification(Channel.ALIPAY, "notify-1", "sig-b")).isNotEqualTo(delivery);
        assertThat(EventIds.notification(Channel.ALIPAY, "notify-2", "sig-a")).isNotEqualTo(delivery);
        assertThat(UUID.fromString(delivery).version()).isEqualTo(3);
    }
}
