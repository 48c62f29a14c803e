package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.MailSink;
import io.paygate.devstack.Stack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.localrun.Browser.Page;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The first payment end to end, on the real system the README's run command starts: order-service,
 * payment-service with alipay-sdk-java talking to the sandbox, the sandbox's cashier and signed
 * notifications, notify-ingress, Kafka, PostgreSQL, fulfillment-service and a real SMTP server.
 */
class FirstPaymentIT {

    private static final String PAID = "io.paygate.OrderPaid.v1";
    private static LocalRun run;
    private static TopicRecorder topics;
    private final Browser browser = new Browser();

    @BeforeAll
    static void startTheSystem() {
        // notifications retried within seconds instead of Alipay's minutes and hours
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                // the lost-notification sweep asks within seconds instead of a minute
                Map.of("paygate.payment.sweep.schedule", "3s,3s", "paygate.payment.sweep.interval", "500ms")));
        topics = new TopicRecorder(run.kafka().bootstrapServers(), "paygate.order.v1", "paygate.payment.v1");
    }

    @AfterAll
    static void stopTheSystem() {
        topics.close();
        run.close();
    }

    @Test
    void aBuyerPaysInTheSandboxCashierAndTheOrderIsPaidMailedAndAnnounced() throws Exception {
        // 1. the client app creates an order
        JsonNode order = createOrder(8888, "buyer-e2e@example.com");
        String orderNo = order.get("orderNo").asString();
        assertThat(orderNo).matches("\\d{24}");
        assertThat(order.get("status").asString()).isEqualTo("PENDING_PAYMENT");

        // 2. and asks to pay it with Alipay on a PC
        JsonNode payment = pay(orderNo);
        String form = payment.get("credential").get("formHtml").asString();
        assertThat(form).contains("alipay.trade.page.pay");
        assertThat(payment.get("credential").get("redirectUrl").asString()).startsWith(sandbox("/alipay/gateway.do?"));

        // 3. the browser submits Alipay's form and lands on the sandbox cashier, then pays
        Page cashier = browser.submitFirstForm(sandbox("/alipay/gateway.do"), form);
        assertThat(cashier.status()).isEqualTo(200);
        assertThat(cashier.body()).contains(orderNo).contains("88.88").contains("id=\"pay\"");
        Page paid = browser.submitFirstForm(sandbox("/"), cashier.body().substring(cashier.body().indexOf("<form")));
        assertThat(paid.status()).isEqualTo(302);
        assertThat(paid.location()).startsWith(url(run.settings().ports().notifyIngress(), "/return/alipay?"));

        // the browser return is verified and only sends the buyer to the result page
        Page returned = browser.get(paid.location());
        assertThat(returned.status()).isEqualTo(302);
        assertThat(returned.location()).isEqualTo(url(run.settings().ports().web(), "/result?orderNo=" + orderNo));

        // 4-5. the notification makes the order PAID, with Alipay's trade number
        String tradeNo = sandboxTrade(orderNo).get("tradeNo").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));
        assertThat(getOrder(orderNo).get("payments").get(0).get("platformTradeNo").asString()).isEqualTo(tradeNo);
        assertThat(browser.get(returned.location()).body()).contains("PAID").contains(tradeNo);
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() == 1);

        // 6. the customer gets a receipt and the admins a live message
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("buyer-e2e@example.com", orderNo).size() == 1);
        assertThat(mailsTo("buyer-e2e@example.com", orderNo).getFirst().text()).contains("88.88").contains(tradeNo);
        assertThat(firstStreamedAdminMessageAbout(orderNo)).contains(orderNo);
    }

    @Test
    void theSameNotificationTenTimesOverAndConcurrentlyChangesTheOrderOnce() throws Exception {
        String orderNo = createOrder(1999, "dupes@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());
        assertThat(browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));

        for (int i = 0; i < 10; i++) {
            assertThat(browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/notify"), Map.of()).status()).isEqualTo(200);
        }
        try (var pool = Executors.newFixedThreadPool(10)) {
            List<Future<Page>> sent = new ArrayList<>();
            IntStream.range(0, 10).forEach(i -> sent.add(pool.submit(
                    () -> browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/notify"), Map.of()))));
            for (Future<Page> page : sent) {
                assertThat(page.get().status()).isEqualTo(200);
            }
        }

        // every delivery was answered success, and the 21 PaymentSucceeded records made one change
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(acknowledgedDeliveries(orderNo)).isGreaterThanOrEqualTo(21));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.of(orderNo, "io.paygate.PaymentSucceeded.v1").size() >= 21);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                topics.of(orderNo, PAID).size() == 1 && mailsTo("dupes@example.com", orderNo).size() == 1
                        && adminMessagesAbout(orderNo) == 1);
    }

    @Test
    void whileTheBrokerIsDownNothingIsAcknowledgedAndThePlatformsRetryCompletesThePaymentLater() {
        String orderNo = createOrder(500, "outage@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());

        run.kafka().stop();
        try {
            browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> sandboxTrade(orderNo).get("notifications").size() >= 2);
            for (JsonNode attempt : sandboxTrade(orderNo).get("notifications")) {
                assertThat(attempt.get("acknowledged").asBoolean()).isFalse();
                assertThat(attempt.path("responseBody").asString("")).isNotEqualTo("success");
            }
            assertThat(getOrder(orderNo).get("status").asString()).isEqualTo("PENDING_PAYMENT");
        } finally {
            run.kafka().start();
        }

        // a record the producer still held when it answered failure may reach the broker before the
        // platform's retry does; either way the order is paid once and a later delivery is acknowledged
        await().atMost(Duration.ofSeconds(60)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedDeliveries(orderNo) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.of(orderNo, PAID).size() == 1);
    }

    @Test
    void cancellingAnOrderClosesItsOpenTradeAtAlipaySoItCanNoLongerBePaid() {
        String orderNo = createOrder(1200, "cancel@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());
        assertThat(sandboxTrade(orderNo).get("status").asString()).isEqualTo("WAIT_BUYER_PAY");

        Page cancelled = browser.postJson(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo + "/cancel"), Map.of(), auth());

        assertThat(cancelled.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "TRADE_CLOSED".equals(sandboxTrade(orderNo).get("status").asString()));
        assertThat(browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of()).status()).isEqualTo(409);
        assertThat(getOrder(orderNo).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void moneyThatArrivesForACancelledOrderDoesNotPayItButWaitsForAnAdmin() {
        String orderNo = createOrder(3300, "late@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());

        // the buyer pays while the broker is away, so the notification cannot land before the cancel
        run.kafka().stop();
        try {
            browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
            assertThat(browser.postJson(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo + "/cancel"), Map.of(), auth())
                    .status()).isEqualTo(200);
        } finally {
            run.kafka().start();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "PAID_AFTER_TIMEOUT".equals(getOrder(orderNo).get("status").asString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.of(orderNo, "io.paygate.OrderPaidAfterTimeout.v1").size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> adminMessagesAbout(orderNo) == 1);
        assertThat(topics.of(orderNo, PAID)).isEmpty();
        assertThat(mailsTo("late@example.com", orderNo)).isEmpty();
    }

    @Test
    void aPaymentWhoseNotificationNeverArrivesIsFoundByTheSweep() throws Exception {
        JsonNode order = createOrder(4500, "lost@example.com");
        String orderNo = order.get("orderNo").asString();
        pay(orderNo);

        // the cashier is opened with a notify_url nobody listens on: Alipay's notifications are lost
        var config = new com.alipay.api.AlipayConfig();
        config.setServerUrl(sandbox("/alipay/gateway.do"));
        config.setAppId(LocalRun.AlipayApp.APP_ID);
        config.setPrivateKey(PemKeys.base64Body(Files.readString(run.keys().alipayAppPrivate())));
        config.setAlipayPublicKey(PemKeys.base64Body(Files.readString(run.keys().alipayPlatformPublic())));
        config.setSignType("RSA2");
        config.setCharset("utf-8");
        var model = new com.alipay.api.domain.AlipayTradePagePayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount("45.00");
        model.setSubject("年度会员");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new com.alipay.api.request.AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl("http://127.0.0.1:" + io.paygate.devstack.Ports.free() + "/nobody");
        String form = new com.alipay.api.DefaultAlipayClient(config).pageExecute(request, "POST").getBody();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), form);
        assertThat(browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));
        assertThat(acknowledgedDeliveries(orderNo)).isZero();
        var published = topics.of(orderNo, "io.paygate.PaymentSucceeded.v1");
        assertThat(published).isNotEmpty();
        assertThat(Browser.JSON.readTree(published.getFirst().value()).get("source").asString()).isEqualTo("QUERY");
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo("lost@example.com", orderNo).size() == 1);
    }

    @Test
    void anAdminRefundsPartlyTwiceThroughAlipayAndCannotRefundMoreThanWasPaid() {
        String orderNo = createOrder(5000, "refund@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());
        browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));

        for (int i = 0; i < 2; i++) {
            Page refund = browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + orderNo + "/refunds"),
                    Map.of("amountFen", 1500, "reason", "部分退款"), "Authorization", adminAuth());
            assertThat(refund.status()).as(refund.body()).isEqualTo(201);
            // one refund at a time: Alipay wants repeated refunds of a trade a moment apart
            await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));
        }
        Page tooMuch = browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + orderNo + "/refunds"),
                Map.of("amountFen", 2001), "Authorization", adminAuth());

        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().get("code").asString()).isEqualTo("refund_exceeds_paid");
        assertThat(sandboxTrade(orderNo).get("refundedFen").asLong()).isEqualTo(3000);
        assertThat(getOrder(orderNo).get("refunds").findValuesAsString("status")).containsExactly("SUCCEEDED", "SUCCEEDED");
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.of(orderNo, "io.paygate.OrderRefunded.v1").size() == 2);
    }

    @Test
    void aMobileBrowserPaysThroughTheWapCashierAndAnAppThroughItsOrderString() {
        String wapOrder = createOrder(990, "wap@example.com").get("orderNo").asString();
        String form = pay(wapOrder, "WAP").get("credential").get("formHtml").asString();
        assertThat(form).contains("alipay.trade.wap.pay");
        Page cashier = browser.submitFirstForm(sandbox("/alipay/gateway.do"), form);
        assertThat(cashier.body()).contains(wapOrder).contains("id=\"pay\"");
        Page paid = browser.submitFirstForm(sandbox("/"), cashier.body().substring(cashier.body().indexOf("<form")));
        assertThat(paid.location()).startsWith(url(run.settings().ports().notifyIngress(), "/return/alipay?"));

        String appOrder = createOrder(1990, "app@example.com").get("orderNo").asString();
        JsonNode credential = pay(appOrder, "APP").get("credential");
        assertThat(credential.get("type").asString()).isEqualTo("ALIPAY_APP");
        String orderString = credential.get("orderString").asString();
        assertThat(orderString).contains("method=alipay.trade.app.pay").contains("sign=");
        // what the Alipay app does with the string the merchant's app hands it
        assertThat(browser.postText(sandbox("/sandbox/alipay/app/pay"), orderString).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(wapOrder).get("status").asString())
                && "PAID".equals(getOrder(appOrder).get("status").asString()));
        // a paid order cannot be paid again; a scene of the other platform is refused before that is asked
        assertThat(browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + appOrder + "/payments"),
                Map.of("channel", "ALIPAY", "scene", "PC"), auth()).status()).isEqualTo(409);
        assertThat(browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + appOrder + "/payments"),
                Map.of("channel", "ALIPAY", "scene", "NATIVE"), auth()).json().get("code").asString()).isEqualTo("scene_not_supported");
    }

    @Test
    void anAdminDownloadsYesterdaysAlipayBillWithThePaymentInIt() {
        String orderNo = createOrder(6600, "bill@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());
        browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));
        assertThat(browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/backdate?days=1"), Map.of()).status()).isEqualTo(200);
        String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1).toString();

        Page bill = browser.get(url(run.settings().ports().payment(), "/admin/v1/bills/alipay/" + yesterday), "Authorization", adminAuth());

        assertThat(bill.status()).as(bill.body()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode entry : bill.json().get("entries")) {
            if (orderNo.equals(entry.get("orderNo").asString())) {
                row = entry;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("kind").asString()).isEqualTo("PAYMENT");
        assertThat(row.get("receivedFen").asLong()).isEqualTo(6600);
        assertThat(browser.get(url(run.settings().ports().payment(), "/admin/v1/bills/alipay/" + yesterday)).status()).isEqualTo(401);
    }

    @Test
    void forgedNotificationsAreAnsweredFailureAndChangeNothing() throws Exception {
        String orderNo = createOrder(8888, "forged@example.com").get("orderNo").asString();
        browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(orderNo).get("credential").get("formHtml").asString());
        String platformKey = Files.readString(run.keys().alipayPlatformPrivate());
        String strangerKey = PemKeys.toPem(PemKeys.generateRsa().getPrivate());

        var genuine = notification(orderNo, "2021000000000001", "88.88");
        var badSignature = signed(genuine, strangerKey);
        var otherApp = signed(notification(orderNo, "2021009999999999", "88.88"), platformKey);
        var tamperedAmount = signed(genuine, platformKey);
        tamperedAmount.put("total_amount", "0.01");

        for (var forged : List.of(badSignature, otherApp, tamperedAmount)) {
            Page answer = browser.postForm(url(run.settings().ports().notifyIngress(), "/notify/alipay"), forged);
            assertThat(answer.body()).isNotEqualTo("success").isEqualTo("failure");
        }

        // a genuine one afterwards goes through, so the forged ones were refused for what they are
        assertThat(browser.postForm(url(run.settings().ports().notifyIngress(), "/notify/alipay"), signed(genuine, platformKey)).body())
                .isEqualTo("success");
        await().atMost(Duration.ofSeconds(20)).until(() -> "PAID".equals(getOrder(orderNo).get("status").asString()));
        assertThat(topics.of(orderNo, "io.paygate.PaymentSucceeded.v1")).hasSize(1);
    }

    @Test
    void aWellSignedNotificationForAnOrderWeNeverAskedAlipayToTakeIsRefused() throws Exception {
        String neverSentToAlipay = createOrder(8888, "unknown@example.com").get("orderNo").asString();
        String noSuchOrder = "20200101000000999999";
        String platformKey = Files.readString(run.keys().alipayPlatformPrivate());

        for (String orderNo : List.of(neverSentToAlipay, noSuchOrder)) {
            Page answer = browser.postForm(url(run.settings().ports().notifyIngress(), "/notify/alipay"),
                    signed(notification(orderNo, "2021000000000001", "88.88"), platformKey));
            assertThat(answer.body()).as(orderNo).isEqualTo("failure");
        }

        assertThat(topics.of(neverSentToAlipay, "io.paygate.PaymentSucceeded.v1")).isEmpty();
        assertThat(topics.of(noSuchOrder, "io.paygate.PaymentSucceeded.v1")).isEmpty();
        assertThat(getOrder(neverSentToAlipay).get("status").asString()).isEqualTo("PENDING_PAYMENT");
    }

    private static Map<String, String> notification(String orderNo, String appId, String amount) {
        String now = LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        var fields = new LinkedHashMap<String, String>();
        fields.put("notify_time", now);
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", "forgery-test-" + orderNo);
        fields.put("app_id", appId);
        fields.put("auth_app_id", appId);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("trade_no", "2026112622001499999999" + orderNo.substring(18));
        fields.put("out_trade_no", orderNo);
        fields.put("seller_id", "2088000000000001");
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", amount);
        fields.put("receipt_amount", amount);
        fields.put("gmt_payment", now);
        return fields;
    }

    /** Signs like Alipay: every field but sign and sign_type, sorted, SHA256withRSA. */
    private static Map<String, String> signed(Map<String, String> fields, String privateKeyPem) throws Exception {
        var copy = new HashMap<>(fields);
        copy.remove("sign");
        copy.remove("sign_type");
        String content = AlipaySignature.getSignCheckContentV1(copy);
        var result = new LinkedHashMap<>(fields);
        result.put("sign_type", "RSA2");
        result.put("sign", AlipaySignature.rsa256Sign(content, PemKeys.base64Body(privateKeyPem), "utf-8"));
        return result;
    }

    private JsonNode createOrder(long amountFen, String email) {
        Page created = browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "年度会员", "customerEmail", email, "amountFen", amountFen), auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode pay(String orderNo) {
        return pay(orderNo, "PC");
    }

    private JsonNode pay(String orderNo, String scene) {
        Page payment = browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", "ALIPAY", "scene", scene), auth());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        return payment.json();
    }

    private JsonNode getOrder(String orderNo) {
        return browser.get(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo), auth()).json();
    }

    private JsonNode sandboxTrade(String orderNo) {
        return browser.get(sandbox("/sandbox/alipay/trades/" + orderNo)).json();
    }

    private long acknowledgedDeliveries(String orderNo) {
        long count = 0;
        for (JsonNode attempt : sandboxTrade(orderNo).get("notifications")) {
            if (attempt.get("acknowledged").asBoolean()) {
                count++;
            }
        }
        return count;
    }

    private static List<MailSink.Mail> mailsTo(String recipient, String orderNo) {
        return run.mail().received().stream()
                .filter(m -> m.to().contains(recipient))
                .filter(m -> m.subject().contains(orderNo) || m.text().contains(orderNo))
                .toList();
    }

    private long adminMessagesAbout(String orderNo) {
        JsonNode messages = browser.get(url(run.settings().ports().fulfillment(), "/admin/v1/messages"),
                "Authorization", adminAuth()).json();
        long count = 0;
        for (JsonNode message : messages) {
            if (orderNo.equals(message.path("orderNo").asString(""))) {
                count++;
            }
        }
        return count;
    }

    /** Reads the admin Server-Sent Events stream the way the console does, until a message names the order. */
    private String firstStreamedAdminMessageAbout(String orderNo) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url(run.settings().ports().fulfillment(), "/admin/v1/stream")))
                .header("Authorization", adminAuth())
                .header("Accept", "text/event-stream")
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String line;
            while (System.nanoTime() < deadline && (line = lines.readLine()) != null) {
                if (line.startsWith("data:") && line.contains(orderNo)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no admin message about " + orderNo + " on the stream");
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
