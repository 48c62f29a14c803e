package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One sandbox for the refund, app-pay, bill and fault ITs (they share the Spring context): the
 * merchant is the real alipay-sdk-java, notifications land on a {@link MerchantEndpoint}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=platform-sandbox",
        "paygate.sandbox.alipay.notify-retry-schedule=0s,300ms,300ms,300ms",
        "paygate.sandbox.alipay.notify-timeout=2s",
        "paygate.sandbox.alipay.bill-url-validity=2s"})
abstract class SandboxFixture {

    static final String APP_ID = "2021000000000001";
    static final String SELLER_ID = "2088000000000001";
    static final KeyPair APP_KEYS = PemKeys.generateRsa();
    static final KeyPair PLATFORM_KEYS = PemKeys.generateRsa();
    static final String PLATFORM_PUBLIC = PemKeys.base64Body(PemKeys.toPem(PLATFORM_KEYS.getPublic()));
    static final MerchantEndpoint merchant = MerchantEndpoint.start();
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong orderSequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);

    @LocalServerPort
    int port;
    WebTestClient browser;
    AlipayClient alipay;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("paygate.sandbox.alipay.platform-private-key.value", () -> PemKeys.toPem(PLATFORM_KEYS.getPrivate()));
        registry.add("paygate.sandbox.alipay.app-public-key.value", () -> PemKeys.toPem(APP_KEYS.getPublic()));
    }

    @BeforeEach
    void merchantSide() throws AlipayApiException {
        browser = WebTestClient.bindToServer().baseUrl(base()).responseTimeout(Duration.ofSeconds(30)).build();
        alipay = merchantClient(3_000);
        browser.delete().uri("/sandbox/alipay/faults").exchange().expectStatus().isNoContent();
    }

    AlipayClient merchantClient(int readTimeoutMillis) throws AlipayApiException {
        var config = new AlipayConfig();
        config.setServerUrl(base() + "/alipay/gateway.do");
        config.setAppId(APP_ID);
        config.setPrivateKey(PemKeys.base64Body(PemKeys.toPem(APP_KEYS.getPrivate())));
        config.setAlipayPublicKey(PLATFORM_PUBLIC);
        config.setSignType("RSA2");
        config.setCharset("utf-8");
        config.setFormat("json");
        config.setReadTimeout(readTimeoutMillis);
        return new DefaultAlipayClient(config);
    }

    /** An order the buyer opened in the cashier (through the SDK's GET URL) and has not paid. */
    String openedOrder(String amount) throws AlipayApiException {
        String orderNo = newOrderNo();
        var model = new AlipayTradePagePayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount(amount);
        model.setSubject("会员 member");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(merchant.notifyUrl());
        browser.get().uri(URI.create(alipay.pageExecute(request, "GET").getBody())).exchange().expectStatus().isOk();
        return orderNo;
    }

    /** An order opened and paid, whose payment notification has been acknowledged. */
    String paidOrder(String amount) throws AlipayApiException {
        String orderNo = openedOrder(amount);
        pay(orderNo);
        return orderNo;
    }

    void pay(String orderNo) {
        browser.post().uri("/sandbox/alipay/trades/{o}/pay", orderNo).exchange().expectStatus().isOk();
    }

    static AlipayTradeRefundRequest refund(String orderNo, String amount, String outRequestNo) {
        var model = new AlipayTradeRefundModel();
        model.setOutTradeNo(orderNo);
        model.setRefundAmount(amount);
        model.setOutRequestNo(outRequestNo);
        var request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        return request;
    }

    JsonNode sandboxTrade(String orderNo) {
        return JSON.readTree(browser.get().uri("/sandbox/alipay/trades/{o}", orderNo).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    List<JsonNode> attempts(String orderNo) {
        var list = new ArrayList<JsonNode>();
        sandboxTrade(orderNo).get("notifications").forEach(list::add);
        return list;
    }

    void awaitNotifications(String orderNo, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> merchant.notificationsFor(orderNo).size() >= count);
        assertThat(merchant.notificationsFor(orderNo)).hasSize(count);
    }

    static String newOrderNo() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + orderSequence.incrementAndGet();
    }

    String base() {
        return "http://localhost:" + port;
    }
}
