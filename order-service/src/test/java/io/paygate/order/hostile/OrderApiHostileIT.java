package io.paygate.order.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Topics;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile requests to order-service's client and admin APIs over real HTTP (issue #7, "Hostile
 * input"). Every case must be refused with a 4xx and a machine-readable {@code code}, never a
 * 5xx, change nothing and publish nothing: after each request a marker order is created and its
 * {@code OrderCreated} read from the real topic; nothing but the marker may have been published
 * since the hostile request, and the other app's order is still unpaid and untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=order-service",
        "paygate.order.bootstrap-client.api-key=" + OrderApiHostileIT.API_KEY,
        "paygate.outbox.poll-interval=50ms",
        "paygate.order.admin.password=" + OrderApiHostileIT.ADMIN_PASSWORD})
class OrderApiHostileIT {

    static final String API_KEY = "hostile-test-key-0123456789abcdef";
    static final String ADMIN_PASSWORD = "hostile-admin-secret";
    private static final String OTHER_KEY = "other-app-key-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CREATED = "io.paygate.OrderCreated.v1";
    private static TopicRecorder orderTopic;
    private static String othersOrder;

    @LocalServerPort
    int port;
    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties("order_hostile_it").forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void readOrderTopic() {
        orderTopic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.ORDER.name());
    }

    @AfterAll
    static void stop() {
        orderTopic.close();
    }

    /** Another client app with one unpaid order: the target of the IDOR cases. */
    @BeforeEach
    void anotherAppWithAnOrder() throws Exception {
        if (othersOrder != null) {
            return;
        }
        db.sql("insert into client_apps (name, api_key_sha256) values (:name, encode(sha256(convert_to(:key, 'UTF8')), 'hex'))")
                .bind("name", "other-" + UUID.randomUUID()).bind("key", OTHER_KEY).fetch().rowsUpdated().block();
        HttpResponse<String> created = send(post("/api/v1/orders", OTHER_KEY,
                "{\"subject\":\"别人的订单\",\"customerEmail\":\"victim@example.com\",\"amountFen\":8888}"));
        assertThat(created.statusCode()).isEqualTo(201);
        othersOrder = JSON.readTree(created.body()).get("orderNo").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> !orderTopic.of(othersOrder, CREATED).isEmpty());
    }

    /** What a case sends, given the server's base URL and the other app's order number. */
    interface Attack extends Function<Target, HttpRequest.Builder> {
    }

    record Target(String base, String othersOrder) {
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                // who is asking
                refused("no Authorization header", t -> request(t, "/api/v1/orders", null).POST(json(validOrder())), 401, "unauthorized"),
                refused("unknown API key", t -> request(t, "/api/v1/orders", "nope-nope-nope-nope").POST(json(validOrder())), 401, "unauthorized"),
                refused("API key in a Basic header", t -> request(t, "/api/v1/orders", null)
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((API_KEY + ":x").getBytes()))
                        .POST(json(validOrder())), 401, "unauthorized"),
                refused("SQL in the API key", t -> request(t, "/api/v1/orders", "' OR '1'='1").POST(json(validOrder())), 401, "unauthorized"),
                // bodies that are not an order
                refused("malformed JSON", t -> mine(t, "/api/v1/orders").POST(json("{\"subject\":\"x\",")), 400, "malformed_request"),
                refused("empty body", t -> mine(t, "/api/v1/orders").POST(json("")), 400, "malformed_request"),
                refused("JSON array instead of an object", t -> mine(t, "/api/v1/orders").POST(json("[" + validOrder() + "]")), 400,
                        "malformed_request"),
                refused("XML with an external entity", t -> mine(t, "/api/v1/orders").setHeader("Content-Type", "application/xml")
                        .POST(body("<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><order><subject>&x;"
                                + "</subject></order>")), 415, "unsupported_media_type"),
                refused("form-encoded body", t -> mine(t, "/api/v1/orders").setHeader("Content-Type", "application/x-www-form-urlencoded")
                        .POST(body("subject=x&customerEmail=a%40b.c&amountFen=1")), 415, "unsupported_media_type"),
                refused("text/plain body", t -> mine(t, "/api/v1/orders").setHeader("Content-Type", "text/plain")
                        .POST(body(validOrder())), 415, "unsupported_media_type"),
                refused("1 MiB body with its length", t -> mine(t, "/api/v1/orders").setHeader("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(hugeJson())), 413, "body_too_large"),
                refused("1 MiB body chunked, no length", t -> mine(t, "/api/v1/orders").setHeader("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(hugeJson()))), 413, "body_too_large"),
                refused("deeply nested JSON", t -> mine(t, "/api/v1/orders").POST(json("[".repeat(5000) + "]".repeat(5000))), 400,
                        "malformed_request"),
                // amounts
                refused("amount zero", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":0"))), 422, "validation_failed"),
                refused("amount negative", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":-8888"))), 422, "validation_failed"),
                refused("amount Long.MIN_VALUE", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":-9223372036854775808"))), 422,
                        "validation_failed"),
                refused("amount absurd (10^11 fen)", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":100000000000"))), 422,
                        "validation_failed"),
                refused("amount past Long.MAX_VALUE", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":9223372036854775808"))),
                        400, "malformed_request"),
                refused("amount with a fraction (88.88 as fen)", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":88.88"))), 400,
                        "malformed_request"),
                refused("amount in exponent form", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":1e3"))), 400,
                        "malformed_request"),
                refused("amount NaN", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":NaN"))), 400, "malformed_request"),
                refused("amount and items both", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":100,\"items\":[{\"sku\":\"A\","
                        + "\"quantity\":1}]"))), 422, "amount_or_items"),
                // quantities
                refused("quantity zero", t -> mine(t, "/api/v1/orders").POST(json(items("\"sku\":\"A\",\"quantity\":0"))), 422,
                        "validation_failed"),
                refused("quantity negative", t -> mine(t, "/api/v1/orders").POST(json(items("\"sku\":\"A\",\"quantity\":-3"))), 422,
                        "validation_failed"),
                refused("quantity absurd", t -> mine(t, "/api/v1/orders").POST(json(items("\"sku\":\"A\",\"quantity\":1000000"))), 422,
                        "validation_failed"),
                refused("quantity past Integer.MAX_VALUE", t -> mine(t, "/api/v1/orders").POST(json(items("\"sku\":\"A\","
                        + "\"quantity\":2147483648"))), 400, "malformed_request"),
                refused("51 line items", t -> mine(t, "/api/v1/orders").POST(json("{\"subject\":\"x\",\"customerEmail\":\"a@example.com\","
                        + "\"items\":[" + String.join(",", java.util.Collections.nCopies(51, "{\"sku\":\"A\",\"quantity\":1}")) + "]}")), 422,
                        "validation_failed"),
                // SQL-ish and script-ish strings in every field
                refused("SQL in the subject", t -> mine(t, "/api/v1/orders").POST(json(order("\"subject\":\"x' OR '1'='1\",\"amountFen\":1"))),
                        422, "validation_failed"),
                refused("script in the subject", t -> mine(t, "/api/v1/orders").POST(json(order(
                        "\"subject\":\"<script>alert(1)</script>\",\"amountFen\":1"))), 422, "validation_failed"),
                refused("SQL in the email", t -> mine(t, "/api/v1/orders").POST(json(
                        "{\"subject\":\"x\",\"customerEmail\":\"a'; DROP TABLE orders; --@example.com\",\"amountFen\":1}")), 422,
                        "validation_failed"),
                refused("script in the email", t -> mine(t, "/api/v1/orders").POST(json(
                        "{\"subject\":\"x\",\"customerEmail\":\"\\\"><script>alert(1)</script>@example.com\",\"amountFen\":1}")), 422,
                        "validation_failed"),
                refused("SQL in a SKU", t -> mine(t, "/api/v1/orders").POST(json(items("\"sku\":\"A' OR '1'='1\",\"quantity\":1"))), 422,
                        "unknown_sku"),
                refused("script in a SKU", t -> mine(t, "/api/v1/orders").POST(json(items("\"sku\":\"<img src=x onerror=alert(1)>\","
                        + "\"quantity\":1"))), 422, "unknown_sku"),
                refused("SQL in the coupon code", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":100,\"couponCode\":"
                        + "\"FREE1' OR '1'='1\""))), 422, "coupon_unknown"),
                refused("script in the coupon code", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":100,\"couponCode\":"
                        + "\"<script>alert(1)</script>\""))), 422, "coupon_unknown"),
                refused("6 KiB Idempotency-Key", t -> mine(t, "/api/v1/orders").header("Idempotency-Key", "k".repeat(6000))
                        .POST(json(validOrder())), 400, "idempotency_key_invalid"),
                refused("pay window negative", t -> mine(t, "/api/v1/orders").POST(json(order("\"amountFen\":100,\"payWithinSeconds\":-60"))),
                        422, "pay_window_out_of_range"),
                refused("pay window absurd", t -> mine(t, "/api/v1/orders").POST(json(order(
                        "\"amountFen\":100,\"payWithinSeconds\":9223372036854775807"))), 422, "pay_window_out_of_range"),
                refused("SQL in the order number path", t -> mine(t, "/api/v1/orders/1%27%20OR%20%271%27%3D%271").GET(), 404,
                        "order_not_found"),
                refused("script in the order number path", t -> mine(t, "/api/v1/orders/%3Cscript%3E").GET(), 404, "order_not_found"),
                // foreign order numbers (IDOR)
                refused("another app's order read", t -> mine(t, "/api/v1/orders/" + t.othersOrder()).GET(), 404, "order_not_found"),
                refused("another app's order cancelled", t -> mine(t, "/api/v1/orders/" + t.othersOrder() + "/cancel")
                        .POST(HttpRequest.BodyPublishers.noBody()), 404, "order_not_found"),
                refused("a guessed order number in our shape cancelled", t -> mine(t, "/api/v1/orders/" + guessed(t.othersOrder()) + "/cancel")
                        .POST(HttpRequest.BodyPublishers.noBody()), 404, "order_not_found"),
                // admin API
                refused("admin refund without credentials", t -> request(t, "/admin/v1/orders/" + t.othersOrder() + "/refunds", null)
                        .POST(json("{\"amountFen\":8888}")), 401, "unauthorized"),
                refused("admin refund with a client API key", t -> request(t, "/admin/v1/orders/" + t.othersOrder() + "/refunds", API_KEY)
                        .POST(json("{\"amountFen\":8888}")), 401, "unauthorized"),
                refused("admin refund with a wrong password", t -> admin(t, "/admin/v1/orders/" + t.othersOrder() + "/refunds", "guess")
                        .POST(json("{\"amountFen\":8888}")), 401, "unauthorized"),
                refused("refund of an unpaid order", t -> admin(t, "/admin/v1/orders/" + t.othersOrder() + "/refunds", ADMIN_PASSWORD)
                        .POST(json("{\"amountFen\":1}")), 409, "order_not_refundable"),
                refused("refund amount negative", t -> admin(t, "/admin/v1/orders/" + t.othersOrder() + "/refunds", ADMIN_PASSWORD)
                        .POST(json("{\"amountFen\":-100}")), 422, "validation_failed"),
                refused("refund amount zero", t -> admin(t, "/admin/v1/orders/" + t.othersOrder() + "/refunds", ADMIN_PASSWORD)
                        .POST(json("{\"amountFen\":0}")), 422, "validation_failed"),
                refused("product price negative", t -> admin(t, "/admin/v1/products/HOSTILE-1", ADMIN_PASSWORD)
                        .PUT(json("{\"name\":\"x\",\"priceFen\":-1,\"stock\":5}")), 422, "validation_failed"),
                refused("product stock negative", t -> admin(t, "/admin/v1/products/HOSTILE-1", ADMIN_PASSWORD)
                        .PUT(json("{\"name\":\"x\",\"priceFen\":100,\"stock\":-5}")), 422, "validation_failed"),
                refused("coupon worth a negative amount", t -> admin(t, "/admin/v1/coupons/HOSTILE1", ADMIN_PASSWORD)
                        .PUT(json("{\"amountOffFen\":-500}")), 422, "validation_failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void hostileRequestIsRefusedWithAReasonChangesNothingAndPublishesNothing(Attack attack, int status, String code) throws Exception {
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = send(attack.apply(new Target("http://localhost:" + port, othersOrder)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(JSON.readTree(answer.body()).path("code").asString()).as(answer.body()).isEqualTo(code);
        assertNothingPublishedSince(sentFrom);
        assertThat(othersOrderStatus()).isEqualTo("PENDING_PAYMENT");
    }

    @org.junit.jupiter.api.Test
    void aHeaderFloodIsRefusedBeforeAnyHandlerAndPublishesNothing() throws Exception {
        long sentFrom = System.currentTimeMillis();
        HttpRequest.Builder request = post("/api/v1/orders", API_KEY, validOrder());
        for (int i = 0; i < 200; i++) {
            request.header("X-Flood-" + i, "f".repeat(100));
        }

        HttpResponse<String> answer = send(request);

        assertThat(answer.statusCode()).isIn(400, 431);
        assertNothingPublishedSince(sentFrom);
    }

    @org.junit.jupiter.api.Test
    void oneHeaderOver8KiBIsRefusedBeforeAnyHandlerAndPublishesNothing() throws Exception {
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = send(post("/api/v1/orders", API_KEY, validOrder()).header("Cookie", "c=" + "x".repeat(16 * 1024)));

        assertThat(answer.statusCode()).isIn(400, 431);
        assertNothingPublishedSince(sentFrom);
    }

    /** A marker order is created after the request; up to its OrderCreated, and for a moment after, nothing else may appear. */
    private void assertNothingPublishedSince(long sentFrom) throws Exception {
        HttpResponse<String> marker = send(post("/api/v1/orders", API_KEY, validOrder()));
        assertThat(marker.statusCode()).isEqualTo(201);
        String markerNo = JSON.readTree(marker.body()).get("orderNo").asString();
        await().atMost(Duration.ofSeconds(15)).during(Duration.ofMillis(300)).until(() -> orderTopic.of(markerNo, CREATED).size() == 1);
        // by the records' own time, not their place in the recorder; and only this database's orders, as other test
        // classes' order-service contexts in this JVM keep publishing their own orders' events
        var ours = new java.util.HashSet<>(db.sql("select order_no from orders").map(row -> row.get(0, String.class)).all()
                .collectList().block(Duration.ofSeconds(10)));
        List<ConsumerRecord<String, byte[]>> since = orderTopic.all().stream()
                .filter(record -> record.timestamp() >= sentFrom && ours.contains(record.key())).toList();
        assertThat(since).extracting(ConsumerRecord::key).containsOnly(markerNo);
    }

    private String othersOrderStatus() throws Exception {
        HttpResponse<String> answer = send(post("/api/v1/orders/" + othersOrder, OTHER_KEY, null));
        return JSON.readTree(answer.body()).path("status").asString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(String path, String key, String jsonBody) {
        HttpRequest.Builder builder = request(new Target("http://localhost:" + port, othersOrder), path, key);
        return jsonBody == null ? builder.GET() : builder.POST(json(jsonBody));
    }

    private static HttpRequest.Builder request(Target target, String path, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target.base() + path)).setHeader("Content-Type", "application/json");
        return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
    }

    private static HttpRequest.Builder mine(Target target, String path) {
        return request(target, path, API_KEY);
    }

    private static HttpRequest.Builder admin(Target target, String path, String password) {
        return request(target, path, null).header("Authorization", "Basic "
                + java.util.Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpRequest.BodyPublisher json(String text) {
        return body(text);
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
    }

    private static String validOrder() {
        return "{\"subject\":\"标记订单\",\"customerEmail\":\"marker@example.com\",\"amountFen\":100}";
    }

    private static String order(String fields) {
        return "{\"subject\":\"x\",\"customerEmail\":\"a@example.com\"," + fields + "}";
    }

    private static String items(String item) {
        return "{\"subject\":\"x\",\"customerEmail\":\"a@example.com\",\"items\":[{" + item + "}]}";
    }

    private static byte[] hugeJson() {
        return ("{\"subject\":\"" + "a".repeat(1024 * 1024) + "\",\"customerEmail\":\"a@example.com\",\"amountFen\":1}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The other app's order's second, with an id no order of this run reaches. */
    private static String guessed(String orderNo) {
        return orderNo.substring(0, 14) + "9999999999";
    }

    private static Arguments refused(String name, Attack attack, int status, String code) {
        return Arguments.of(Named.of(name, attack), status, code);
    }
}
