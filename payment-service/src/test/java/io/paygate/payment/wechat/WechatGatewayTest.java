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
        } finally {
            server.stop(0);
        }
    }
}
