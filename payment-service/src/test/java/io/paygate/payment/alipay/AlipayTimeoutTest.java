package io.paygate.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SilentServer;
import io.paygate.payment.platform.PlatformTrade;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An Alipay gateway that accepts the connection and never answers: the SDK call gives up within its read timeout. */
class AlipayTimeoutTest {

    @Test
    void aGatewayThatNeverAnswersIsGivenUpOnWithinTheReadTimeoutAndTheTradeIsUnknown() throws Exception {
        try (var silent = new SilentServer()) {
            var gateway = new AlipayGateway(new AlipaySettings(true, "2021000000000001", silent.uri("/gateway.do"),
                    new KeySource(PemKeys.toPem(PemKeys.generateRsa().getPrivate()), null),
                    new KeySource(PemKeys.toPem(PemKeys.generateRsa().getPublic()), null),
                    URI.create("http://notify.example/notify/alipay"), URI.create("http://notify.example/return/alipay")));
            Duration readTimeout = Duration.ofMillis(AlipayClients.READ_TIMEOUT_MILLIS);
            long start = System.nanoTime();

            PlatformTrade answer = gateway.query("202611261800000000000042").block(readTimeout.plusSeconds(60));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer).isInstanceOf(PlatformTrade.Unknown.class);
            assertThat(silent.connections()).isPositive();
            // it waited for the timeout (the server really held the call) and not much longer
            assertThat(took).isGreaterThan(readTimeout.minusSeconds(1)).isLessThan(readTimeout.plusSeconds(10));
        }
    }
}
