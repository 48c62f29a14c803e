package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.Stack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.localrun.Browser.Page;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WeChat Pay end to end in the local run, through the unmodified wechatpay-java against the
 * sandbox's WeChat Pay API v3: Native (the QR code, the scan page), APP, JSAPI and H5 payments;
 * a partial refund settled by WeChat's refund notification; closing an unpaid order; the
 * trade bill; and one order paid on both channels, the second payment refunded automatically.
 */
class WechatPaymentIT {

    private static final String PAID = "io.paygate.OrderPaid.v1";
    private static LocalRun run;
    private static TopicRecorder topics;
    private final Browser browser = new Browser();

    @BeforeAll
    static void startTheSystem() {
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5)), Map.of()));
        topics = new TopicRecorder(run.kafka().bootstrapServers(), "paygate.order.v1", "paygate.payment.v1");
    }

    @AfterAll
    static void stopTheSystem() {
        topics.close();
        run.close();
    }

    @Test
    void aBuyerScansTheNativeQrCodeOnTheSandboxScanPageAndTheOrderIsPaidAndMailed() {
        String orderNo = createOrder(8888, "wechat-native@example.com");
        JsonNode credential = pay(orderNo, "NATIVE", Map.of());
        assertThat(credential.get("codeUrl").asString()).startsWith("weixin://wxpay/bizpayurl?pr=");

        // the QR code as an image, for a page to show
        Page png = browser.get(url(run.settings().ports().payment(), credential.get("qrPngUrl").asString()), auth());
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.body().substring(1, 4)).isEqualTo("PNG");
        Page svg = browser.get(url(run.settings().ports().payment(), credential.get("qrSvgUrl").asString()), auth());
        assertThat(svg.body()).contains("<svg");

        // what scanning shows, and its Pay button
        Page scan = browser.get(sandbox("/sandbox/wechat/scan?code_url=" + java.net.URLEncoder.encode(
                credential.get("codeUrl").asString(), StandardCharsets.UTF_8)));
        assertThat(scan.status()).isEqualTo(200);
        assertThat(scan.body()).contains("88.88");
        Page paid = browser.submitFirstForm(sandbox("/sandbox/wechat/scan"), scan.body());
        assertThat(paid.status()).isLessThan(400);

        String transactionId = sandboxTrade(orderNo).get("transactionId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(orderNo)));
        assertThat(getOrder(orderNo).get("payments").get(0).get("platformTradeNo").asString()).isEqualTo(transactionId);
        assertThat(getOrder(orderNo).get("payments").get(0).get("channel").asString()).isEqualTo("WECHAT");
        await().atMost(Duration.ofSeconds(20)).until(() -> run.mail().received().stream()
                .anyMatch(m -> m.to().contains("wechat-native@example.com") && m.text().contains(transactionId)));
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
    }

    @Test
    void anAppPaysWithTheSignedParametersAndTheSignatureVerifiesAsTheWechatClientChecksIt() throws Exception {
        String orderNo = createOrder(1200, "wechat-app@example.com");
        JsonNode params = pay(orderNo, "APP", Map.of()).get("appParams");

        // what the WeChat client checks: appid, timestamp, noncestr, prepayid, each on a line, SHA256withRSA by the merchant key
        String message = params.get("appid").asString() + "\n" + params.get("timestamp").asString() + "\n"
                + params.get("noncestr").asString() + "\n" + params.get("prepayid").asString() + "\n";
        assertThat(verifies(message, params.get("sign").asString())).isTrue();
        assertThat(params.get("package").asString()).isEqualTo("Sign=WXPay");
        assertThat(params.get("partnerid").asString()).isEqualTo(LocalRun.WechatMerchant.MCHID);

        Page paid = browser.postJson(sandbox("/sandbox/wechat/app/pay"), Map.of("prepayId", params.get("prepayid").asString()));
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(orderNo)));
    }

    @Test
    void aJsapiPayerPaysWithItsOpenidAndTheSignedParameters() throws Exception {
        String orderNo = createOrder(1300, "wechat-jsapi@example.com");
        Page refused = browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", "WECHAT", "scene", "JSAPI"), auth());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("payer_openid_required");

        JsonNode params = pay(orderNo, "JSAPI", Map.of("payerOpenid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")).get("jsapiParams");
        String message = params.get("appId").asString() + "\n" + params.get("timeStamp").asString() + "\n"
                + params.get("nonceStr").asString() + "\n" + params.get("package").asString() + "\n";
        assertThat(verifies(message, params.get("paySign").asString())).isTrue();
        assertThat(params.get("signType").asString()).isEqualTo("RSA");

        String prepayId = params.get("package").asString().substring("prepay_id=".length());
        Page paid = browser.postJson(sandbox("/sandbox/wechat/jsapi/pay"), Map.of("prepayId", prepayId, "openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(orderNo)));
    }

    @Test
    void aMobileBrowserPaysOnTheH5PageAndIsSentBack() {
        String orderNo = createOrder(1400, "wechat-h5@example.com");
        String h5Url = pay(orderNo, "H5", Map.of()).get("h5Url").asString();
        assertThat(h5Url).startsWith(sandbox("/sandbox/wechat/h5/checkmweb?"));

        Page cashier = browser.get(h5Url + "&redirect_url=" + java.net.URLEncoder.encode(
                url(run.settings().ports().web(), "/result?orderNo=" + orderNo), StandardCharsets.UTF_8));
        assertThat(cashier.status()).isEqualTo(200);
        browser.submitFirstForm(sandbox("/sandbox/wechat/h5"), cashier.body());

        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(orderNo)));
    }

    @Test
    void anAdminRefundsPartlyAndWechatsRefundNotificationSettlesIt() {
        String orderNo = createOrder(5000, "wechat-refund@example.com");
        pay(orderNo, "NATIVE", Map.of());
        browser.postJson(sandbox("/sandbox/wechat/trades/" + orderNo + "/pay"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(orderNo)));

        Page refund = browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + orderNo + "/refunds"),
                Map.of("amountFen", 1500, "reason", "部分退款"), "Authorization", adminAuth());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        String refundNo = refund.json().get("refundNo").asString();

        await().atMost(Duration.ofSeconds(40)).until(() -> "SUCCEEDED".equals(getOrder(orderNo).get("refunds").get(0).get("status").asString()));
        assertThat(status(orderNo)).isEqualTo("PAID");
        JsonNode trade = sandboxTrade(orderNo);
        assertThat(trade.get("refundedFen").asLong()).isEqualTo(1500);
        assertThat(trade.get("refunds").get(0).get("outRefundNo").asString()).isEqualTo(refundNo);
        // the refund notification reached notify-ingress and was answered 2xx
        assertThat(trade.get("notifications").findValuesAsString("eventType")).contains("REFUND.SUCCESS");
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.of(orderNo, "io.paygate.OrderRefunded.v1").size() == 1);
    }

    @Test
    void cancellingAnUnpaidOrderClosesItsWechatTrade() {
        String orderNo = createOrder(700, "wechat-close@example.com");
        pay(orderNo, "NATIVE", Map.of());

        assertThat(browser.postJson(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo + "/cancel"), Map.of(), auth())
                .status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(sandboxTrade(orderNo).get("state").asString()));
        assertThat(browser.postJson(sandbox("/sandbox/wechat/trades/" + orderNo + "/pay"), Map.of()).status()).isEqualTo(409);
    }

    @Test
    void anAdminDownloadsYesterdaysWechatBillWithThePaymentInIt() {
        String orderNo = createOrder(6600, "wechat-bill@example.com");
        pay(orderNo, "NATIVE", Map.of());
        browser.postJson(sandbox("/sandbox/wechat/trades/" + orderNo + "/pay"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(orderNo)));
        browser.postJson(sandbox("/sandbox/wechat/trades/" + orderNo + "/backdate?days=1"), Map.of());

        String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
        Page bill = browser.get(url(run.settings().ports().payment(), "/admin/v1/bills/wechat/" + yesterday), "Authorization", adminAuth());

        assertThat(bill.status()).as(bill.body()).isEqualTo(200);
        assertThat(bill.body()).contains(orderNo).contains(sandboxTrade(orderNo).get("transactionId").asString());
    }

    @Test
    void anOrderPaidOnBothChannelsIsPaidOnceAndTheSecondPaymentIsRefundedAutomatically() {
        String orderNo = createOrder(8800, "both-channels@example.com");
        // the buyer opens the Alipay cashier and the WeChat QR code, and pays both
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo, "ALIPAY", "PC", Map.of()).get("formHtml").asString());
        pay(orderNo, "NATIVE", Map.of());
        run.kafka().stop();
        try {
            browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
            browser.postJson(sandbox("/sandbox/wechat/trades/" + orderNo + "/pay"), Map.of());
        } finally {
            run.kafka().start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> topics.of(orderNo, "io.paygate.DuplicatePaymentReceived.v1").size() == 1);
        assertThat(status(orderNo)).isEqualTo("PAID");
        String firstChannel = getOrder(orderNo).get("payments").get(0).get("channel").asString();
        String secondChannel = "ALIPAY".equals(firstChannel) ? "wechat" : "alipay";
        // the second payment goes back in full at its platform
        await().atMost(Duration.ofSeconds(60)).until(() -> refundedAt(secondChannel, orderNo) == 8800);
        assertThat(refundedAt("ALIPAY".equals(firstChannel) ? "alipay" : "wechat", orderNo)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(getOrder(orderNo).get("refunds").get(0).get("status").asString()));
        assertThat(getOrder(orderNo).get("refunds").get(0).get("kind").asString()).isEqualTo("PAYMENT");
        // net received: what the order asked for, once
        long paid = paidAt("alipay", orderNo) + paidAt("wechat", orderNo);
        long refunded = refundedAt("alipay", orderNo) + refundedAt("wechat", orderNo);
        assertThat(paid - refunded).isEqualTo(8800);
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
    }

    /** What the platform's ground truth says was paid for the order, in fen. */
    private long paidAt(String platform, String orderNo) {
        JsonNode trade = browser.get(sandbox("/sandbox/" + platform + "/trades/" + orderNo)).json();
        if ("wechat".equals(platform)) {
            return trade.path("paidFen").asLong();
        }
        return trade.path("paidAt").isNull() || trade.path("paidAt").asString("").isEmpty() ? 0 : trade.path("totalAmountFen").asLong();
    }

    private long refundedAt(String platform, String orderNo) {
        return browser.get(sandbox("/sandbox/" + platform + "/trades/" + orderNo)).json().path("refundedFen").asLong();
    }

    private boolean verifies(String message, String signature) throws Exception {
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(io.paygate.common.keys.PemKeys.readPublic(java.nio.file.Files.readString(run.keys().wechatMerchantPublic())));
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    private String createOrder(long amountFen, String email) {
        Page created = browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "年度会员", "customerEmail", email, "amountFen", amountFen), auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("orderNo").asString();
    }

    private JsonNode pay(String orderNo, String scene, Map<String, String> extra) {
        return pay(orderNo, "WECHAT", scene, extra);
    }

    private JsonNode pay(String orderNo, String channel, String scene, Map<String, String> extra) {
        var body = new java.util.HashMap<String, Object>(extra);
        body.put("channel", channel);
        body.put("scene", scene);
        Page payment = browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"), body, auth());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        return payment.json().get("credential");
    }

    private String status(String orderNo) {
        return getOrder(orderNo).get("status").asString();
    }

    private JsonNode getOrder(String orderNo) {
        return browser.get(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo), auth()).json();
    }

    private JsonNode sandboxTrade(String orderNo) {
        return browser.get(sandbox("/sandbox/wechat/trades/" + orderNo)).json();
    }

    private static String[] auth() {
        return new String[] {"Authorization", "Bearer " + run.settings().demoApiKey()};
    }

    private static String adminAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + run.settings().adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private static String sandbox(String path) {
        return url(run.settings().ports().sandbox(), path);
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }
}
