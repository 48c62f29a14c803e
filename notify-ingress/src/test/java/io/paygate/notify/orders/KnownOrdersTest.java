package io.paygate.notify.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.events.Channel;
import io.paygate.notify.NotifySettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class KnownOrdersTest {

    @Test
    void asksPaymentServiceAtTheAttemptsPathOfTheChannelAndOrder() {
        var orders = knownOrders("http://127.0.0.1:8082");

        assertThat(orders.attemptUri(Channel.ALIPAY, "202611270846350000005518"))
                .isEqualTo(URI.create("http://127.0.0.1:8082/internal/v1/attempts/ALIPAY/202611270846350000005518"));
        assertThat(orders.attemptUri(Channel.WECHAT, "202611270846350000005518"))
                .isEqualTo(URI.create("http://127.0.0.1:8082/internal/v1/attempts/WECHAT/202611270846350000005518"));
    }

    @Test
    void aBaseWithAPathAndATrailingSlashKeepsItsPath() {
        var orders = knownOrders("http://payments.internal/pay/");

        assertThat(orders.attemptUri(Channel.ALIPAY, "42").toString())
                .isEqualTo("http://payments.internal/pay/internal/v1/attempts/ALIPAY/42");
    }

    @Test
    void anythingButLettersDigitsDashAndUnderscoreIsPercentEncodedSoTheOrderStaysOneSegment() {
        var orders = knownOrders("http://127.0.0.1:8082");

        URI uri = orders.attemptUri(Channel.ALIPAY, "../x?y#z 订");

        assertThat(uri.getRawPath()).isEqualTo("/internal/v1/attempts/ALIPAY/..%2Fx%3Fy%23z%20%E8%AE%A2");
        assertThat(uri.getRawQuery()).isNull();
        assertThat(uri.getRawFragment()).isNull();
    }

    private static KnownOrders knownOrders(String paymentServiceUrl) {
        return new KnownOrders(new NotifySettings(URI.create("http://localhost:8081/pay/result"), DataSize.ofKilobytes(64),
                URI.create(paymentServiceUrl), Duration.ofMillis(800)));
    }
}
