package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import io.paygate.payment.platform.PlatformTrade;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WechatGatewayTest {

    @ParameterizedTest
    @EnumSource(Transaction.TradeStateEnum.class)
    void everyTradeStateHasAMeaning(Transaction.TradeStateEnum state) {
        var transaction = new Transaction();
        transaction.setTradeState(state);
        transaction.setTransactionId("4200000000202611260000000001");
        transaction.setSuccessTime("2026-11-26T17:30:05+08:00");
        var amount = new TransactionAmount();
        amount.setTotal(8888);
        transaction.setAmount(amount);

        PlatformTrade trade = WechatGateway.trade(transaction);

        switch (state) {
            case SUCCESS, REFUND -> assertThat(trade).isEqualTo(new PlatformTrade.Paid("4200000000202611260000000001", 8888,
                    java.time.Instant.parse("2026-11-26T09:30:05Z")));
            case NOTPAY, USERPAYING, ACCEPT -> assertThat(trade).isInstanceOf(PlatformTrade.Waiting.class);
            case CLOSED, REVOKED, PAYERROR -> assertThat(trade).isInstanceOf(PlatformTrade.Closed.class);
        }
    }

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
