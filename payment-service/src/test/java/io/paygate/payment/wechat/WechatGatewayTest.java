package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WechatGatewayTest {

    @Test
    void aConfiguredBaseUrlTakesTheSdksCallsAwayFromWechatPaysHostAndKeepsPathAndQuery() throws Exception {
        var seen = new AtomicReference<String>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.set(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            var client = WechatGateway.okHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
            try (var response = client.newCall(new okhttp3.Request.Builder()
                    .url("https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/1?mchid=1900000001").build()).execute()) {
                assertThat(response.code()).isEqualTo(204);
            }
            assertThat(seen.get()).isEqualTo("/v3/pay/transactions/out-trade-no/1?mchid=1900000001");

            var underAPath = WechatGateway.okHttp(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/wechat/"));
            try (var response = underAPath.newCall(new okhttp3.Request.Builder()
                    .url("https://api.mch.weixin.qq.com/v3/pay/transactions/out-trade-no/1?mchid=1900000001").build()).execute()) {
                assertThat(response.code()).isEqualTo(204);
            }
            assertThat(seen.get()).isEqualTo("/wechat/v3/pay/transactions/out-trade-no/1?mchid=1900000001");
        } finally {
            server.stop(0);
        }
    }

    static WechatSettings settings(URI baseUrl) {
        var merchant = io.paygate.common.keys.PemKeys.generateRsa();
        var wechat = io.paygate.common.keys.PemKeys.generateRsa();
        return new WechatSettings(true, "1230000109", "wxd678efh567hg6787", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                new io.paygate.common.keys.KeySource(io.paygate.common.keys.PemKeys.toPem(merchant.getPrivate()), null),
                "0123456789abcdef0123456789abcdef", WechatSettings.Verification.PUBLIC_KEY, "PUB_KEY_ID_0112345678901234567890",
                new io.paygate.common.keys.KeySource(io.paygate.common.keys.PemKeys.toPem(wechat.getPublic()), null),
                baseUrl, URI.create("https://notify.example/notify/wechat/payment"),
                URI.create("https://notify.example/notify/wechat/refund"));
    }

    @Test
    void aPlatformThatCannotBeReachedLeavesEveryOutcomeUnknownNeverRefused() {
        // nothing listens on port 9: every call fails at connect, as in an outage
        var gateway = new WechatGateway(settings(URI.create("http://127.0.0.1:9")), java.time.Clock.systemUTC());

        assertThat(gateway.refund(new io.paygate.payment.platform.RefundOrder("202611261800000000000042", "202611261800000000000042R1",
                100, 8888, "test")).block()).isInstanceOf(io.paygate.payment.platform.PlatformRefund.Unknown.class);
        assertThat(gateway.refundQuery("202611261800000000000042", "202611261800000000000042R1").block())
                .isInstanceOf(io.paygate.payment.platform.PlatformRefund.Unknown.class);
        assertThat(gateway.query("202611261800000000000042").block())
                .isInstanceOf(io.paygate.payment.platform.PlatformTrade.Unknown.class);
        assertThat(gateway.tradeBill(java.time.LocalDate.of(2026, 11, 25)).block())
                .isInstanceOf(io.paygate.payment.platform.PlatformBill.Unknown.class);
    }
}
