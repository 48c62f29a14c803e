package io.paygate.payment.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Topics;
import io.paygate.payment.SandboxStack;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile requests to payment-service's client and admin APIs over real HTTP (issue #7, "Hostile
 * input"): each is refused with a 4xx and a machine-readable {@code code} before order-service or
 * a platform is asked (order-service is configured at a closed port, so a request that got that
 * far would answer 503), and nothing under the keys it names appears on the payment or
 * reconciliation topic within a settle time.
 */
@SpringBootTest(classes = io.paygate.payment.PaymentServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=payment-service",
        "paygate.payment.sweep.enabled=false",
        "paygate.payment.refund-recheck.enabled=false",
        "paygate.payment.reconciliation.enabled=false"})
class PaymentApiHostileIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ORDER = "/api/v1/orders/202611261800000000000042/payments";
    /** The keys a case could publish under (other payment-service contexts in this JVM publish their own). */
    private static final java.util.Set<String> TOUCHED = java.util.Set.of("202611261800000000000042", "ALIPAY/2026-11-25");
    private static TopicRecorder paymentTopic;

    private static final String STARTED = "/internal/v1/attempts/started";

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SandboxStack.get().paymentServiceProperties("payment_hostile_it").forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void readPaymentTopic() {
        paymentTopic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.PAYMENT.name(),
                Topics.RECONCILIATION.name());
    }

    @AfterAll
    static void stop() {
        paymentTopic.close();
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                refused("pay without Authorization", b -> post(b + ORDER, "application/json", alipayPc(), null), 401, "unauthorized"),
                refused("malformed JSON", b -> post(b + ORDER, "application/json", "{\"channel\":", "Bearer k"), 400, "malformed_request"),
                refused("empty body", b -> post(b + ORDER, "application/json", "", "Bearer k"), 400, "malformed_request"),
                refused("text/plain body", b -> post(b + ORDER, "text/plain", alipayPc(), "Bearer k"), 415, "unsupported_media_type"),
                refused("XML with an external entity", b -> post(b + ORDER, "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE p ["
                        + "<!ENTITY x SYSTEM \"file:///etc/passwd\">]><p><channel>&x;</channel></p>", "Bearer k"), 415,
                        "unsupported_media_type"),
                refused("a channel we do not have", b -> post(b + ORDER, "application/json", "{\"channel\":\"PAYPAL\",\"scene\":\"PC\"}",
                        "Bearer k"), 400, "malformed_request"),
                refused("SQL in the channel", b -> post(b + ORDER, "application/json", "{\"channel\":\"ALIPAY' OR '1'='1\",\"scene\":\"PC\"}",
                        "Bearer k"), 400, "malformed_request"),
                refused("script in the scene", b -> post(b + ORDER, "application/json",
                        "{\"channel\":\"ALIPAY\",\"scene\":\"<script>alert(1)</script>\"}", "Bearer k"), 400, "malformed_request"),
                refused("a scene the channel does not have", b -> post(b + ORDER, "application/json",
                        "{\"channel\":\"ALIPAY\",\"scene\":\"NATIVE\"}", "Bearer k"), 400, "scene_not_supported"),
                refused("1 MiB body with its length", b -> post(b + ORDER, "application/json", hugeJson(), "Bearer k"), 413,
                        "body_too_large"),
                refused("1 MiB body chunked, no length", b -> HttpRequest.newBuilder(URI.create(b + ORDER))
                        .setHeader("Content-Type", "application/json").setHeader("Authorization", "Bearer k")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                                hugeJson().getBytes(StandardCharsets.UTF_8)))), 413, "body_too_large"),
                refused("admin bills without credentials", b -> HttpRequest.newBuilder(URI.create(b + "/admin/v1/bills/alipay/2026-11-25"))
                        .GET(), 401, "unauthorized"),
                refused("admin bills with a wrong password", b -> HttpRequest.newBuilder(URI.create(b + "/admin/v1/bills/alipay/2026-11-25"))
                        .setHeader("Authorization", basic("guess")).GET(), 401, "unauthorized"),
                refused("admin reconciliation with a client's Bearer key", b -> HttpRequest.newBuilder(URI.create(
                        b + "/admin/v1/reconciliations/ALIPAY/2026-11-25")).setHeader("Authorization", "Bearer k")
                        .POST(HttpRequest.BodyPublishers.noBody()), 401, "unauthorized"),
                refused("internal started? batch asking about no order", b -> post(b + STARTED, "application/json", "{\"asked\":[]}",
                        null), 400, "asked_invalid"),
                refused("internal started? batch asking about 201 orders", b -> post(b + STARTED, "application/json",
                        asked(201), null), 400, "asked_invalid"),
                refused("internal started? batch entry without an order number", b -> post(b + STARTED, "application/json",
                        "{\"asked\":[{\"channel\":\"ALIPAY\"}]}", null), 400, "asked_invalid"),
                refused("internal started? batch naming a channel we do not have", b -> post(b + STARTED, "application/json",
                        "{\"asked\":[{\"channel\":\"PAYPAL\",\"orderNo\":\"1\"}]}", null), 400, "malformed_request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequestIsRefusedWithAReasonAndPublishesNothing(Function<String, HttpRequest.Builder> attack, int status, String code)
            throws Exception {
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = HTTP.send(attack.apply("http://localhost:" + port).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).path("code").asString()).as(answer.body()).isEqualTo(code);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> paymentTopic.all().stream().noneMatch(record -> record.timestamp() >= sentFrom && TOUCHED.contains(record.key())));
    }

    @Test
    void aHeaderFloodIsRefusedBeforeAnyHandler() throws Exception {
        HttpRequest.Builder request = post("http://localhost:" + port + ORDER, "application/json", alipayPc(), "Bearer k");
        for (int i = 0; i < 200; i++) {
            request.header("X-Flood-" + i, "f".repeat(100));
        }

        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isIn(400, 431);
    }

    @Test
    void theBatchedStartedQuestionAnswersExactlyThePairsWithAnAttempt() throws Exception {
        String paidOnAlipay = "202611261800000000000901";
        String paidOnWechat = "202611261800000000000902";
        for (String[] attempt : new String[][] {{paidOnAlipay, "ALIPAY", "PC"}, {paidOnWechat, "WECHAT", "NATIVE"}}) {
            db.sql("insert into payment_attempts (order_no, channel, scene, amount_fen, status, expires_at, created_at, updated_at) "
                            + "values (:orderNo, :channel, :scene, 100, 'PENDING', now() + interval '15 minutes', now(), now()) "
                            + "on conflict do nothing")
                    .bind("orderNo", attempt[0]).bind("channel", attempt[1]).bind("scene", attempt[2])
                    .fetch().rowsUpdated().block(Duration.ofSeconds(10));
        }
        String question = "{\"asked\":[" + String.join(",",
                pair(paidOnAlipay, "ALIPAY"), pair(paidOnAlipay, "WECHAT"), pair(paidOnWechat, "WECHAT"),
                pair("202611261800000000000903", "ALIPAY")) + "]}";

        HttpResponse<String> answer = HTTP.send(post("http://localhost:" + port + STARTED, "application/json", question, null).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("started").toString())
                .isEqualTo("[" + pair(paidOnAlipay, "ALIPAY") + "," + pair(paidOnWechat, "WECHAT") + "]");
    }

    private static String pair(String orderNo, String channel) {
        return "{\"orderNo\":\"" + orderNo + "\",\"channel\":\"" + channel + "\"}";
    }

    private static String asked(int orders) {
        var pairs = new java.util.ArrayList<String>();
        for (int i = 0; i < orders; i++) {
            pairs.add(pair(String.valueOf(1_000 + i), "ALIPAY"));
        }
        return "{\"asked\":[" + String.join(",", pairs) + "]}";
    }

    private static HttpRequest.Builder post(String url, String contentType, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return authorization == null ? request : request.setHeader("Authorization", authorization);
    }

    private static String alipayPc() {
        return "{\"channel\":\"ALIPAY\",\"scene\":\"PC\"}";
    }

    private static String hugeJson() {
        return "{\"channel\":\"ALIPAY\",\"scene\":\"PC\",\"openid\":\"" + "o".repeat(1024 * 1024) + "\"}";
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Arguments refused(String name, Function<String, HttpRequest.Builder> attack, int status, String code) {
        return Arguments.of(Named.of(name, attack), status, code);
    }
}
