package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradeWapPayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradeWapPayRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox as the unchanged alipay-sdk-java sees it: the merchant side of every scenario is
 * the real SDK ({@code DefaultAlipayClient} from {@code AlipayConfig}), the browser is a plain
 * HTTP client, and notifications land on a small merchant endpoint that checks them with the
 * SDK's {@code rsaCheckV1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=platform-sandbox",
        "paygate.sandbox.alipay.notify-retry-schedule=0s,300ms,300ms,300ms",
        "paygate.sandbox.alipay.notify-timeout=2s"})
class AlipaySandboxIT {

    private static final String APP_ID = "2021000000000001";
    private static final KeyPair APP_KEYS = PemKeys.generateRsa();
    private static final KeyPair PLATFORM_KEYS = PemKeys.generateRsa();
    private static final String PLATFORM_PUBLIC = PemKeys.base64Body(PemKeys.toPem(PLATFORM_KEYS.getPublic()));
    private static final MerchantEndpoint merchant = MerchantEndpoint.start();
    private static final AtomicLong orderSequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RETURN_URL = "http://merchant.example/return/alipay";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");
    private static final Pattern TRADE_NO = Pattern.compile("id=\"trade-no\">(\\d+)<");

    @LocalServerPort
    int port;
    private WebTestClient browser;
    private AlipayClient alipay;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("paygate.sandbox.alipay.platform-private-key.value", () -> PemKeys.toPem(PLATFORM_KEYS.getPrivate()));
        registry.add("paygate.sandbox.alipay.app-public-key.value", () -> PemKeys.toPem(APP_KEYS.getPublic()));
    }

    @AfterAll
    static void stopMerchant() {
        merchant.close();
    }

    @BeforeEach
    void merchantSide() throws AlipayApiException {
        browser = WebTestClient.bindToServer().baseUrl(base()).responseTimeout(Duration.ofSeconds(10)).build();
        alipay = merchantClient(APP_ID, APP_KEYS);
    }

    @Test
    void thePagePayFormAndTheGetUrlBothOpenTheCashierOfOneTrade() throws Exception {
        String orderNo = newOrderNo();
        var request = pagePay(orderNo, "88.88", "年度会员 annual");

        String cashier = submitForm(alipay.pageExecute(request, "POST").getBody());
        assertThat(cashier).contains("年度会员 annual").contains("88.88").contains(orderNo).contains("id=\"pay\"")
                .contains("action=\"/alipay/cashier/");
        String tradeNo = tradeNoOn(cashier);
        assertThat(tradeNo).matches("\\d{8}\\d{20}")
                .startsWith(DateTimeFormatter.ofPattern("yyyyMMdd").format(LocalDateTime.now(ZoneId.of("Asia/Shanghai"))));

        String again = get(alipay.pageExecute(request, "GET").getBody());
        assertThat(tradeNoOn(again)).isEqualTo(tradeNo);
        assertThat(sandboxTrade(orderNo).get("status").asString()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(sandboxTrade(orderNo).get("totalAmount").asString()).isEqualTo("88.88");
    }

    @Test
    void wapPayOpensTheSameCashierAndReturnsWithTheWapReturnMethod() throws Exception {
        String orderNo = newOrderNo();
        var model = new AlipayTradeWapPayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount("0.01");
        model.setSubject("wap");
        model.setProductCode("QUICK_WAP_WAY");
        model.setQuitUrl("http://merchant.example/quit");
        var request = new AlipayTradeWapPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(merchant.notifyUrl());
        request.setReturnUrl(RETURN_URL);

        String cashier = get(alipay.pageExecute(request, "GET").getBody());
        assertThat(cashier).contains("0.01").contains("href=\"http://merchant.example/quit\"");

        URI location = browser.post().uri("/alipay/cashier/{t}/pay", tradeNoOn(cashier)).exchange()
                .expectStatus().isEqualTo(HttpStatus.FOUND).returnResult(String.class).getResponseHeaders().getLocation();
        Map<String, String> params = MerchantEndpoint.decode(location.getRawQuery());
        assertThat(params).containsEntry("method", "alipay.trade.wap.pay.return");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
    }

    @Test
    void reopeningAnOrderWithAnotherAmountIsRefusedAsInconsistent() throws Exception {
        String orderNo = newOrderNo();
        submitForm(alipay.pageExecute(pagePay(orderNo, "88.88", "会员"), "POST").getBody());

        String page = submitForm(alipay.pageExecute(pagePay(orderNo, "99.00", "会员"), "POST").getBody());

        assertThat(page).contains("ACQ.CONTEXT_INCONSISTENT").doesNotContain("id=\"pay\"");
        assertThat(sandboxTrade(orderNo).get("totalAmount").asString()).isEqualTo("88.88");
    }

    @Test
    void queryIsTradeNotExistBeforeTheCashierAndTradeSuccessAfterPaying() throws Exception {
        String orderNo = newOrderNo();
        AlipayTradeQueryResponse before = alipay.execute(query(orderNo));
        assertThat(before.isSuccess()).isFalse();
        assertThat(before.getCode()).isEqualTo("40004");
        assertThat(before.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        submitForm(alipay.pageExecute(pagePay(orderNo, "88.88", "会员"), "POST").getBody());
        AlipayTradeQueryResponse open = alipay.execute(query(orderNo));
        assertThat(open.isSuccess()).isTrue();
        assertThat(open.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");

        payWithoutBrowser(orderNo);
        AlipayTradeQueryResponse paid = alipay.execute(query(orderNo));
        assertThat(paid.isSuccess()).isTrue();
        assertThat(paid.getCode()).isEqualTo("10000");
        assertThat(paid.getTradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(paid.getOutTradeNo()).isEqualTo(orderNo);
        assertThat(paid.getTradeNo()).isEqualTo(sandboxTrade(orderNo).get("tradeNo").asString());
        assertThat(paid.getTotalAmount()).isEqualTo("88.88");
        assertThat(paid.getBuyerLogonId()).contains("***");
        assertThat(paid.getSendPayDate()).isCloseTo(new java.util.Date(), 60_000);
        assertThat(paid.getBody()).contains("\"sign\":\"");
    }

    @Test
    void payingInTheCashierRedirectsToTheReturnUrlWithParametersTheSdkVerifies() throws Exception {
        String orderNo = newOrderNo();
        String tradeNo = tradeNoOn(submitForm(alipay.pageExecute(pagePay(orderNo, "66.60", "会员"), "POST").getBody()));

        var paid = browser.post().uri("/alipay/cashier/{tradeNo}/pay", tradeNo).exchange()
                .expectStatus().isEqualTo(HttpStatus.FOUND)
                .returnResult(String.class);
        URI location = paid.getResponseHeaders().getLocation();

        assertThat(location.toString()).startsWith(RETURN_URL + "?");
        Map<String, String> params = MerchantEndpoint.decode(location.getRawQuery());
        assertThat(params).containsEntry("method", "alipay.trade.page.pay.return")
                .containsEntry("out_trade_no", orderNo).containsEntry("trade_no", tradeNo)
                .containsEntry("total_amount", "66.60").containsEntry("app_id", APP_ID)
                .containsEntry("seller_id", "2088000000000001").containsEntry("sign_type", "RSA2");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        params.put("total_amount", "0.01");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), PLATFORM_PUBLIC, "utf-8", "RSA2")).isFalse();
    }

    @Test
    void aPaymentIsNotifiedWithASignedFormTheSdkVerifies() throws Exception {
        String orderNo = newOrderNo();
        String tradeNo = tradeNoOn(submitForm(alipay.pageExecute(pagePay(orderNo, "88.88", "年度会员"), "POST").getBody()));

        payWithoutBrowser(orderNo);

        await().atMost(Duration.ofSeconds(5)).until(() -> merchant.notificationsFor(orderNo).size() == 1);
        var notification = merchant.notificationsFor(orderNo).getFirst();
        assertThat(notification.contentType()).isEqualTo("application/x-www-form-urlencoded;charset=utf-8");
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification.params()), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        assertThat(notification.params()).containsEntry("notify_type", "trade_status_sync")
                .containsEntry("app_id", APP_ID).containsEntry("auth_app_id", APP_ID)
                .containsEntry("charset", "utf-8").containsEntry("version", "1.0").containsEntry("sign_type", "RSA2")
                .containsEntry("trade_no", tradeNo).containsEntry("out_trade_no", orderNo)
                .containsEntry("seller_id", "2088000000000001").containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("total_amount", "88.88").containsEntry("receipt_amount", "88.88")
                .containsEntry("buyer_pay_amount", "88.88").containsEntry("invoice_amount", "88.88")
                .containsEntry("subject", "年度会员")
                .containsKeys("notify_time", "notify_id", "buyer_id", "gmt_create", "gmt_payment");
        assertThat(notification.params().get("buyer_logon_id")).contains("***");
        assertThat(notification.params().get("gmt_payment")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(orderNo).size() == 1 && attempts(orderNo).get(0).get("acknowledged").asBoolean());
    }

    @Test
    void notificationsAreRetriedUntilTheMerchantAnswersSuccessThenStop() throws Exception {
        String orderNo = newOrderNo();
        merchant.answer(orderNo, "failure", "failure", "success");
        submitForm(alipay.pageExecute(pagePay(orderNo, "10.00", "会员"), "POST").getBody());

        payWithoutBrowser(orderNo);

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(orderNo).size() == 3);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> attempts(orderNo).size() == 3);
        List<JsonNode> attempts = attempts(orderNo);
        assertThat(attempts).extracting(a -> a.get("acknowledged").asBoolean()).containsExactly(false, false, true);
        assertThat(attempts).extracting(a -> a.get("responseBody").asString()).containsExactly("failure", "failure", "success");
        assertThat(attempts).extracting(a -> a.get("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(a -> a.get("httpStatus").asInt()).containsOnly(200);
        var received = merchant.notificationsFor(orderNo);
        assertThat(received).hasSize(3);
        assertThat(received.stream().map(r -> r.params().get("notify_id")).distinct()).hasSize(1);
        for (var notification : received) {
            assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification.params()), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        }
    }

    @Test
    void notificationsGiveUpAfterTheLastScheduledDelivery() throws Exception {
        String orderNo = newOrderNo();
        merchant.answer(orderNo, "failure", "fail", "FAILURE", "success ", "failure", "failure");
        submitForm(alipay.pageExecute(pagePay(orderNo, "10.00", "会员"), "POST").getBody());

        payWithoutBrowser(orderNo);

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(orderNo).size() == 4);
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> attempts(orderNo).size() == 4);
        assertThat(attempts(orderNo)).extracting(a -> a.get("acknowledged").asBoolean()).containsOnly(false);
    }

    @Test
    void deliverNowSendsTheSameNotificationAgain() throws Exception {
        String orderNo = newOrderNo();
        submitForm(alipay.pageExecute(pagePay(orderNo, "10.00", "会员"), "POST").getBody());
        payWithoutBrowser(orderNo);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(orderNo).size() == 1);

        JsonNode trade = JSON.readTree(browser.post().uri("/sandbox/alipay/trades/{o}/notify", orderNo).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(trade.get("notifications")).hasSize(2);
        assertThat(trade.get("notifications").get(1).get("trigger").asString()).isEqualTo("MANUAL");
        assertThat(trade.get("notifications").get(1).get("acknowledged").asBoolean()).isTrue();
        var received = merchant.notificationsFor(orderNo);
        assertThat(received).hasSize(2);
        assertThat(received.get(1).params().get("notify_id")).isEqualTo(received.get(0).params().get("notify_id"));
    }

    @Test
    void aTamperedRequestIsRefusedAsInvalidSignature() throws Exception {
        String orderNo = newOrderNo();
        AlipayClient stranger = merchantClient(APP_ID, PemKeys.generateRsa());
        var response = stranger.execute(query(orderNo));
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("40002");
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-signature");

        String url = alipay.pageExecute(pagePay(orderNo, "88.88", "会员"), "GET").getBody();
        String tampered = url.replace(URLEncoder.encode("\"88.88\"", StandardCharsets.UTF_8),
                URLEncoder.encode("\"88.89\"", StandardCharsets.UTF_8));
        assertThat(tampered).isNotEqualTo(url);
        assertThat(get(tampered)).contains("isv.invalid-signature").doesNotContain("id=\"pay\"");
        assertThat(alipay.execute(query(orderNo)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void anUnknownAppAndAnUnknownMethodAreRefused() throws Exception {
        var otherApp = merchantClient("2021009999999999", APP_KEYS).execute(query(newOrderNo()));
        assertThat(otherApp.isSuccess()).isFalse();
        assertThat(otherApp.getSubCode()).isEqualTo("isv.invalid-app-id");

        // the sandbox does not do face-to-face payment: cancelling one is a method it does not know
        var cancelModel = new AlipayTradeCancelModel();
        cancelModel.setOutTradeNo(newOrderNo());
        var cancel = new AlipayTradeCancelRequest();
        cancel.setBizModel(cancelModel);
        var refused = alipay.execute(cancel);
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.getCode()).isEqualTo("40002");
        assertThat(refused.getSubCode()).isEqualTo("isv.invalid-method");
    }

    @Test
    void onlyAnUnpaidTradeCanBeClosed() throws Exception {
        String neverOpened = newOrderNo();
        assertThat(alipay.execute(close(neverOpened)).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        String unpaid = newOrderNo();
        String tradeNo = tradeNoOn(submitForm(alipay.pageExecute(pagePay(unpaid, "5.00", "会员"), "POST").getBody()));
        var closed = alipay.execute(close(unpaid));
        assertThat(closed.isSuccess()).isTrue();
        assertThat(closed.getTradeNo()).isEqualTo(tradeNo);
        assertThat(alipay.execute(query(unpaid)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThat(alipay.execute(close(unpaid)).getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        browser.post().uri("/alipay/cashier/{t}/pay", tradeNo).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class).value(page -> assertThat(page).contains("ACQ.TRADE_HAS_CLOSE"));
        browser.post().uri("/sandbox/alipay/trades/{o}/pay", unpaid).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class).value(problem -> assertThat(problem).contains("trade_closed"));

        String paid = newOrderNo();
        submitForm(alipay.pageExecute(pagePay(paid, "5.00", "会员"), "POST").getBody());
        payWithoutBrowser(paid);
        var refused = alipay.execute(close(paid));
        assertThat(refused.isSuccess()).isFalse();
        assertThat(refused.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(alipay.execute(query(paid)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void aTradePastItsTimeExpireIsClosedAndCannotBePaid() throws Exception {
        String orderNo = newOrderNo();
        var request = pagePay(orderNo, "5.00", "会员");
        String soon = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusSeconds(2));
        ((AlipayTradePagePayModel) request.getBizModel()).setTimeExpire(soon);
        String tradeNo = tradeNoOn(submitForm(alipay.pageExecute(request, "POST").getBody()));

        await().atMost(Duration.ofSeconds(5)).until(() -> "TRADE_CLOSED".equals(alipay.execute(query(orderNo)).getTradeStatus()));

        browser.post().uri("/alipay/cashier/{t}/pay", tradeNo).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
        assertThat(sandboxTrade(orderNo).get("notifications")).isEmpty();
    }

    @Test
    void thePlatformPublicKeyIsPublishedForMerchantsToTrust() {
        browser.get().uri("/sandbox/alipay/keys/platform-public-key").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo(PemKeys.toPem(PLATFORM_KEYS.getPublic()));
        browser.get().uri("/sandbox/alipay/trades/{o}", "nothing-here").exchange().expectStatus().isNotFound()
                .expectBody(String.class).value(problem -> assertThat(problem).contains("trade_not_found"));
    }

    private AlipayClient merchantClient(String appId, KeyPair appKeys) throws AlipayApiException {
        var config = new AlipayConfig();
        config.setServerUrl(base() + "/alipay/gateway.do");
        config.setAppId(appId);
        config.setPrivateKey(PemKeys.base64Body(PemKeys.toPem(appKeys.getPrivate())));
        config.setAlipayPublicKey(PLATFORM_PUBLIC);
        config.setSignType("RSA2");
        config.setCharset("utf-8");
        config.setFormat("json");
        return new DefaultAlipayClient(config);
    }

    private static AlipayTradePagePayRequest pagePay(String orderNo, String amount, String subject) {
        var model = new AlipayTradePagePayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount(amount);
        model.setSubject(subject);
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(merchant.notifyUrl());
        request.setReturnUrl(RETURN_URL);
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderNo) {
        var model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNo);
        var request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }

    private static AlipayTradeCloseRequest close(String orderNo) {
        var model = new AlipayTradeCloseModel();
        model.setOutTradeNo(orderNo);
        var request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        return request;
    }

    /** What the browser does with the SDK's auto-submitting form: POST its inputs to its action. */
    private String submitForm(String formHtml) {
        Matcher action = FORM_ACTION.matcher(formHtml);
        assertThat(action.find()).as(formHtml).isTrue();
        var fields = new LinkedHashMap<String, String>();
        Matcher input = INPUT.matcher(formHtml);
        while (input.find()) {
            fields.put(input.group(1), input.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
        }
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.post().uri(URI.create(action.group(1).replace("&amp;", "&")))
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded;charset=utf-8"))
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private String get(String url) {
        return browser.get().uri(URI.create(url)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private void payWithoutBrowser(String orderNo) {
        browser.post().uri("/sandbox/alipay/trades/{o}/pay", orderNo).exchange().expectStatus().isOk();
    }

    private JsonNode sandboxTrade(String orderNo) {
        return JSON.readTree(browser.get().uri("/sandbox/alipay/trades/{o}", orderNo).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    private List<JsonNode> attempts(String orderNo) {
        var list = new java.util.ArrayList<JsonNode>();
        sandboxTrade(orderNo).get("notifications").forEach(list::add);
        return list;
    }

    private static String tradeNoOn(String cashierPage) {
        Matcher m = TRADE_NO.matcher(cashierPage);
        assertThat(m.find()).as(cashierPage).isTrue();
        return m.group(1);
    }

    private static String newOrderNo() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + orderSequence.incrementAndGet();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
