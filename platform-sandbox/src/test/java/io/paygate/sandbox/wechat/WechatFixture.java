package io.paygate.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.RefundService;
import io.paygate.common.keys.PemKeys;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One sandbox (public-key mode) for the WeChat Pay ITs that share its Spring context: the merchant
 * is the unchanged wechatpay-java behind an OkHttp interceptor that only rewrites scheme, host and
 * port (as payment-service does), notifications land on a {@link NotifyEndpoint}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=platform-sandbox",
        "paygate.sandbox.wechat.enabled=true",
        "paygate.sandbox.wechat.notify-retry-schedule=0s,200ms,200ms,200ms",
        "paygate.sandbox.wechat.notify-timeout=2s",
        "paygate.sandbox.wechat.refund-delay=0s",
        "paygate.sandbox.wechat.api-v3-key=" + WechatFixture.API_V3_KEY})
abstract class WechatFixture {

    static final String MCHID = "1900000001";
    static final String APPID = "wx0000000000000001";
    static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000000012025010100000000000001";
    static final String API_V3_KEY = "0123456789abcdefghijABCDEFGHIJ01";
    static final KeyPair MERCHANT_KEYS = PemKeys.generateRsa();
    static final KeyPair PLATFORM_KEYS = PemKeys.generateRsa();
    static final KeyPair ALIPAY_APP_KEYS = PemKeys.generateRsa();
    static final KeyPair ALIPAY_PLATFORM_KEYS = PemKeys.generateRsa();
    static final NotifyEndpoint merchant = NotifyEndpoint.start();
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong orderSequence = new AtomicLong(System.nanoTime() % 1_000_000 * 100);

    @LocalServerPort
    int port;
    WebTestClient browser;
    RSAPublicKeyConfig config;
    HttpClient http;
    NativePayService nativePay;
    RefundService refunds;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("paygate.sandbox.wechat.platform-private-key.value", () -> PemKeys.toPem(PLATFORM_KEYS.getPrivate()));
        registry.add("paygate.sandbox.wechat.merchant-public-key.value", () -> PemKeys.toPem(MERCHANT_KEYS.getPublic()));
        registry.add("paygate.sandbox.alipay.platform-private-key.value", () -> PemKeys.toPem(ALIPAY_PLATFORM_KEYS.getPrivate()));
        registry.add("paygate.sandbox.alipay.app-public-key.value", () -> PemKeys.toPem(ALIPAY_APP_KEYS.getPublic()));
    }

    @BeforeEach
    void merchantSide() {
        browser = WebTestClient.bindToServer().baseUrl(base()).responseTimeout(Duration.ofSeconds(30)).build();
        config = publicKeyConfig(MERCHANT_KEYS, PLATFORM_KEYS, PUBLIC_KEY_ID);
        http = http(config, 5_000);
        nativePay = new NativePayService.Builder().httpClient(http).build();
        refunds = new RefundService.Builder().httpClient(http).build();
        browser.delete().uri("/sandbox/wechat/faults").exchange().expectStatus().isNoContent();
    }

    static RSAPublicKeyConfig publicKeyConfig(KeyPair merchantKeys, KeyPair platformKeys, String publicKeyId) {
        return new RSAPublicKeyConfig.Builder()
                .merchantId(MCHID)
                .privateKey(PemKeys.base64Body(PemKeys.toPem(merchantKeys.getPrivate())))
                .merchantSerialNumber(MERCHANT_SERIAL)
                .publicKey(PemKeys.base64Body(PemKeys.toPem(platformKeys.getPublic())))
                .publicKeyId(publicKeyId)
                .apiV3Key(API_V3_KEY)
                .build();
    }

    /** The SDK's own client, its calls redirected to the sandbox by scheme, host and port only. */
    HttpClient http(Config config, int readTimeoutMillis) {
        return new DefaultHttpClientBuilder().config(config).okHttpClient(redirecting(readTimeoutMillis)).build();
    }

    OkHttpClient redirecting(int readTimeoutMillis) {
        HttpUrl target = HttpUrl.get(base());
        return new OkHttpClient.Builder()
                .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .url(chain.request().url().newBuilder().scheme(target.scheme()).host(target.host())
                                .port(target.port()).build())
                        .build()))
                .build();
    }

    static PrepayRequest nativeRequest(String orderNo, int totalFen, String notifyName) {
        var request = new PrepayRequest();
        request.setAppid(APPID);
        request.setMchid(MCHID);
        request.setDescription("会员 member");
        request.setOutTradeNo(orderNo);
        request.setNotifyUrl(merchant.url(notifyName));
        request.setTimeExpire(java.time.OffsetDateTime.now(WechatTime.BEIJING).plusMinutes(30).withNano(0)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        var amount = new Amount();
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }

    /** A Native order the payer has not paid; its notifications go to the endpoint name = order number. */
    String openedOrder(int totalFen) {
        String orderNo = newOrderNo();
        nativePay.prepay(nativeRequest(orderNo, totalFen, orderNo));
        return orderNo;
    }

    /** An order opened and paid, whose payment notification has been acknowledged. */
    String paidOrder(int totalFen) {
        String orderNo = openedOrder(totalFen);
        pay(orderNo);
        awaitNotifications(orderNo, 1);
        return orderNo;
    }

    void pay(String orderNo) {
        browser.post().uri("/sandbox/wechat/trades/{o}/pay", orderNo).exchange().expectStatus().isOk();
    }

    Transaction query(String orderNo) {
        var request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(MCHID);
        request.setOutTradeNo(orderNo);
        return nativePay.queryOrderByOutTradeNo(request);
    }

    JsonNode sandboxTrade(String orderNo) {
        return JSON.readTree(browser.get().uri("/sandbox/wechat/trades/{o}", orderNo).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    List<JsonNode> attempts(String orderNo) {
        var list = new java.util.ArrayList<JsonNode>();
        sandboxTrade(orderNo).get("notifications").forEach(list::add);
        return list;
    }

    void setFaults(String json) {
        browser.post().uri("/sandbox/wechat/faults").header("Content-Type", "application/json").bodyValue(json)
                .exchange().expectStatus().isOk();
    }

    List<NotifyEndpoint.Received> awaitNotifications(String name, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> merchant.receivedBy(name).size() >= count);
        assertThat(merchant.receivedBy(name)).hasSize(count);
        return merchant.receivedBy(name);
    }

    static String newOrderNo() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + orderSequence.incrementAndGet();
    }

    String base() {
        return "http://localhost:" + port;
    }
}
