package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.devstack.SilentServer;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WeChat Pay's API accepting the connection and never answering: the OkHttp client the SDK uses gives up within its read timeout. */
class WechatTimeoutTest {

    @Test
    void anApiThatNeverAnswersIsGivenUpOnWithinTheReadTimeout() {
        try (var silent = new SilentServer()) {
            var client = WechatGateway.okHttp(silent.uri("/"));
            long start = System.nanoTime();

            assertThatThrownBy(() -> client.newCall(new okhttp3.Request.Builder()
                    .url("https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/1?mchid=1900000001").build()).execute().close())
                    .isInstanceOf(InterruptedIOException.class);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(silent.connections()).isPositive();
            assertThat(took).isGreaterThan(WechatGateway.READ_TIMEOUT.minusSeconds(1))
                    .isLessThan(WechatGateway.READ_TIMEOUT.plusSeconds(10));
        }
    }
}
