package io.paygate.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.kafka.EventPublisher;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.events.PaymentSucceeded;
import io.paygate.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=order-service",
        "paygate.order.bootstrap-client.api-key=" + OrderLifecycleIT.API_KEY,
        "paygate.outbox.poll-interval=50ms",
        "paygate.order.min-pay-within=1s",
        "paygate.order.expiry-interval=200ms",
        "paygate.order.admin.password=" + OrderLifecycleIT.ADMIN_PASSWORD})
@AutoConfigureWebTestClient
class OrderLifecycleIT {

    static final String API_KEY = "test-key-0123456789abcdef";
    static final String ADMIN_PASSWORD = "admin-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TopicRecorder orderTopic;

    @Autowired
    WebTestClient web;
    @Autowired
    EventPublisher publisher;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties("order_lifecycle_it").forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void readOrderTopic() {
        orderTopic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.ORDER.name());
    }

    @AfterAll
    static void stop() {
        orderTopic.close();
    }

    @Test
    void createdOrderHasADigitOrderNumberADeadlineAndAnOrderCreatedEvent() {
        JsonNode order = create(8888, null);

        String orderNo = order.get("orderNo").asString();
        assertThat(orderNo).matches("\\d{24}").hasSizeLessThanOrEqualTo(32);
        assertThat(order.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.get("payableFen").asLong()).isEqualTo(8888);
        assertThat(Duration.between(Instant.parse(order.get("createdAt").asString()),
                Instant.parse(order.get("expiresAt").asString()))).isEqualTo(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> events(orderNo, "io.paygate.OrderCreated.v1").size() == 1);
    }

    @Test
    void paymentSucceededPaysTheOrderOnceHoweverOftenItIsDelivered() {
        String orderNo = create(8888, null).get("orderNo").asString();
        var payment = new PaymentSucceeded(orderNo, Channel.ALIPAY, "2026112622001400000000" + orderNo.substring(18),
                8888, "CNY", Instant.now(), "2021000000000001", PaymentSucceeded.Source.NOTIFICATION);
        String eventId = UUID.randomUUID().toString();

        Flux.range(0, 10).flatMap(i -> publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), payment))).blockLast();
        // the same trade reported again under other event ids is still one payment
        Flux.range(0, 3).flatMap(i -> publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), payment)))
                .blockLast();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get(orderNo).get("status").asString()).isEqualTo("PAID"));
        JsonNode paid = get(orderNo);
        assertThat(paid.get("payments").get(0).get("platformTradeNo").asString()).isEqualTo(payment.platformTradeNo());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> events(orderNo, "io.paygate.OrderPaid.v1").size() == 1);
        JsonNode orderPaid = JSON.readTree(events(orderNo, "io.paygate.OrderPaid.v1").getFirst().value());
        assertThat(orderPaid.get("amountFen").asLong()).isEqualTo(8888);
        assertThat(orderPaid.get("platformTradeNo").asString()).isEqualTo(payment.platformTradeNo());
    }

    @Test
    void aPaymentOfTheWrongAmountLeavesTheOrderUnpaid() {
        String orderNo = create(8888, null).get("orderNo").asString();
        var payment = new PaymentSucceeded(orderNo, Channel.ALIPAY, "T" + orderNo, 1, "CNY", Instant.now(),
                "2021000000000001", PaymentSucceeded.Source.NOTIFICATION);
        String marker = create(100, null).get("orderNo").asString();
        var markerPayment = new PaymentSucceeded(marker, Channel.ALIPAY, "T" + marker, 100, "CNY", Instant.now(),
                "2021000000000001", PaymentSucceeded.Source.NOTIFICATION);

        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), payment)).block();
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), markerPayment)).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(get(marker).get("status").asString()));
        assertThat(get(orderNo).get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(events(orderNo, "io.paygate.OrderPaid.v1")).isEmpty();
    }

    @Test
    void anUnpaidOrderTimesOutFirstAndMoneyArrivingLaterWaitsForReviewInsteadOfPayingIt() {
        String orderNo = createWithin(2).get("orderNo").asString();

        await().atMost(Duration.ofSeconds(15)).until(() -> "TIMED_OUT".equals(get(orderNo).get("status").asString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events(orderNo, "io.paygate.OrderExpired.v1").size() == 1);

        pay(orderNo, 8888);

        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID_AFTER_TIMEOUT".equals(get(orderNo).get("status").asString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> events(orderNo, "io.paygate.OrderPaidAfterTimeout.v1").size() == 1);
        assertThat(events(orderNo, "io.paygate.OrderPaid.v1")).isEmpty();
        assertThat(events(orderNo, "io.paygate.OrderExpired.v1")).hasSize(1);
    }

    @Test
    void anAdminCanAcceptLateMoneyWhileStockLastsAndTheOrderIsThenPaidOnce() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        putProduct(sku, 2);
        String late = orderOf(sku, 2).get("orderNo").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> "TIMED_OUT".equals(get(late).get("status").asString()));
        pay(late, 2 * 1000);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID_AFTER_TIMEOUT".equals(get(late).get("status").asString()));

        JsonNode queue = JSON.readTree(admin(web.get().uri("/admin/v1/review")).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        assertThat(queue.get("paidAfterTimeout").findValuesAsString("orderNo")).contains(late);

        admin(web.post().uri("/admin/v1/orders/" + late + "/accept")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PAID");
        admin(web.post().uri("/admin/v1/orders/" + late + "/accept")).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.code").isEqualTo("order_not_in_review");

        admin(web.get().uri("/admin/v1/orders/" + late + "/decisions")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].decision").isEqualTo("ACCEPT").jsonPath("$[0].decidedBy").isEqualTo("admin");
        // two in stock, the accepted order holds one of them again
        assertThat(stockOf(sku)).isEqualTo(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> events(late, "io.paygate.OrderPaid.v1").size() == 1);
    }

    @Test
    void lateMoneyCannotBeAcceptedOnceItsStockIsSoldToSomeoneElse() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        putProduct(sku, 1);
        String late = orderOf(sku, 2).get("orderNo").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> "TIMED_OUT".equals(get(late).get("status").asString()));
        orderOf(sku, 600);
        pay(late, 1000);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID_AFTER_TIMEOUT".equals(get(late).get("status").asString()));

        admin(web.post().uri("/admin/v1/orders/" + late + "/accept")).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.code").isEqualTo("out_of_stock");
        assertThat(get(late).get("status").asString()).isEqualTo("PAID_AFTER_TIMEOUT");
    }

    @Test
    void aCouponTakesItsAmountOffOnceAndOneThatCoversEverythingPaysTheOrderAtOnce() {
        String partial = "C" + UUID.randomUUID().toString().substring(0, 8);
        String full = "F" + UUID.randomUUID().toString().substring(0, 8);
        admin(web.put().uri("/admin/v1/coupons/" + partial)).bodyValue(Map.of("amountOffFen", 1000)).exchange().expectStatus().isOk();
        admin(web.put().uri("/admin/v1/coupons/" + full)).bodyValue(Map.of("amountOffFen", 99999)).exchange().expectStatus().isOk();

        JsonNode discounted = withCoupon(partial, 8888, HttpStatus.CREATED);
        assertThat(discounted.get("payableFen").asLong()).isEqualTo(7888);
        assertThat(discounted.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(withCoupon(partial, 8888, HttpStatus.CONFLICT).get("code").asString()).isEqualTo("coupon_used");
        assertThat(withCoupon("NOPE", 8888, HttpStatus.UNPROCESSABLE_CONTENT).get("code").asString()).isEqualTo("coupon_unknown");

        JsonNode free = withCoupon(full, 8888, HttpStatus.CREATED);
        String freeNo = free.get("orderNo").asString();
        assertThat(free.get("status").asString()).isEqualTo("PAID");
        assertThat(free.get("payableFen").asLong()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> events(freeNo, "io.paygate.OrderPaid.v1").size() == 1);
        JsonNode paid = JSON.readTree(events(freeNo, "io.paygate.OrderPaid.v1").getFirst().value());
        assertThat(paid.get("amountFen").asLong()).isZero();
        assertThat(paid.has("channel")).isFalse();

        // an order that ends unpaid gives its coupon back
        web.post().uri("/api/v1/orders/" + discounted.get("orderNo").asString() + "/cancel").header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isOk();
        assertThat(withCoupon(partial, 500, HttpStatus.CREATED).get("payableFen").asLong()).isZero();
    }

    private JsonNode withCoupon(String code, long amountFen, HttpStatus expected) {
        return JSON.readTree(web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "x", "customerEmail", "coupon@example.com", "amountFen", amountFen, "couponCode", code))
                .exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody());
    }

    @Test
    void refundsReserveWhatWasPaidSoTwentyConcurrentRefundsOfSixtyPercentAcceptExactlyOne() {
        String orderNo = create(10_000, null).get("orderNo").asString();
        pay(orderNo, 10_000);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(get(orderNo).get("status").asString()));

        List<Integer> statuses = concurrently(20, () -> admin(web.post().uri("/admin/v1/orders/" + orderNo + "/refunds"))
                .bodyValue(Map.of("amountFen", 6000, "reason", "退款")).exchange().returnResult(byte[].class).getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(get(orderNo).get("status").asString()).isEqualTo("REFUNDING");
        await().atMost(Duration.ofSeconds(10)).until(() -> events(orderNo, "io.paygate.RefundRequested.v1").size() == 1);
    }

    @Test
    void aRefundThePlatformMadeIsAppliedOnceAndAFailedOneGivesItsReservationBack() {
        String orderNo = create(10_000, "refunds@example.com").get("orderNo").asString();
        pay(orderNo, 10_000);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(get(orderNo).get("status").asString()));
        String tradeNo = get(orderNo).get("payments").get(0).get("platformTradeNo").asString();

        String first = refund(orderNo, 3000).get("refundNo").asString();
        String second = refund(orderNo, 7000).get("refundNo").asString();
        assertThat(admin(web.post().uri("/admin/v1/orders/" + orderNo + "/refunds")).bodyValue(Map.of("amountFen", 1))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().returnResult().getResponseBody()).isNotNull();

        var done = new io.paygate.events.RefundSucceeded(orderNo, first, 3000, Channel.WECHAT, tradeNo, Instant.now());
        String eventId = UUID.randomUUID().toString();
        Flux.range(0, 3).concatMap(i -> publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), done))).blockLast();
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(),
                new io.paygate.events.RefundFailed(orderNo, second, 7000, Channel.WECHAT, "NOT_ENOUGH", "余额不足", Instant.now()))).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(get(orderNo).get("status").asString()));
        JsonNode refunds = get(orderNo).get("refunds");
        assertThat(refunds.findValuesAsString("status")).containsExactly("SUCCEEDED", "FAILED");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> events(orderNo, "io.paygate.OrderRefunded.v1").size() == 1);

        // the failed 70 yuan is free again: refunding it in full makes the order REFUNDED
        String last = refund(orderNo, 7000).get("refundNo").asString();
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(),
                new io.paygate.events.RefundSucceeded(orderNo, last, 7000, Channel.WECHAT, tradeNo, Instant.now()))).block();
        await().atMost(Duration.ofSeconds(15)).until(() -> "REFUNDED".equals(get(orderNo).get("status").asString()));
        // the relay publishes after the commit: wait for the second OrderRefunded itself
        await().atMost(Duration.ofSeconds(15)).until(() -> events(orderNo, "io.paygate.OrderRefunded.v1").size() == 2);
        JsonNode full = JSON.readTree(events(orderNo, "io.paygate.OrderRefunded.v1").getLast().value());
        assertThat(full.get("refundedTotalFen").asLong()).isEqualTo(10_000);
        assertThat(full.get("fullyRefunded").asBoolean()).isTrue();
    }

    @Test
    void paymentsLandingAroundTheDeadlineEndEveryOrderPaidOrPaidAfterTimeoutNeverTimedOut() {
        pay(create(100, null).get("orderNo").asString(), 100); // the producer knows the topic before the race starts
        List<JsonNode> orders = IntStream.range(0, 50).mapToObj(i -> createWithin(2)).toList();
        var random = new java.util.Random(42);

        // each payment lands somewhere between 2 s before and 2 s after its order's deadline, racing the expiry job
        Flux.fromIterable(orders)
                .flatMap(order -> {
                    Instant deadline = Instant.parse(order.get("expiresAt").asString());
                    long offsetMillis = random.nextInt(4000) - 2000;
                    Duration wait = Duration.between(Instant.now(), deadline.plusMillis(offsetMillis));
                    return reactor.core.publisher.Mono.delay(wait.isNegative() ? Duration.ZERO : wait)
                            .then(publisher.publish(payment(order.get("orderNo").asString(), 8888)).retry(3));
                }, 50)
                .blockLast(Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(orders).allSatisfy(order ->
                assertThat(get(order.get("orderNo").asString()).get("status").asString()).isIn("PAID", "PAID_AFTER_TIMEOUT")));
        long paid = orders.stream().filter(o -> "PAID".equals(get(o.get("orderNo").asString()).get("status").asString())).count();
        // both sides of the race happened, so the test saw the rule work and not only one branch
        assertThat(paid).isBetween(1L, 49L);
    }

    private JsonNode refund(String orderNo, long amountFen) {
        return JSON.readTree(admin(web.post().uri("/admin/v1/orders/" + orderNo + "/refunds")).bodyValue(Map.of("amountFen", amountFen))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    private void putProduct(String sku, int stock) {
        admin(web.put().uri("/admin/v1/products/" + sku)).bodyValue(Map.of("name", "p", "priceFen", 1000, "stock", stock))
                .exchange().expectStatus().isOk();
    }

    private JsonNode orderOf(String sku, long payWithinSeconds) {
        return JSON.readTree(web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "p", "customerEmail", "review@example.com", "items", List.of(Map.of("sku", sku, "quantity", 1)),
                        "payWithinSeconds", payWithinSeconds))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    private <S extends WebTestClient.RequestHeadersSpec<?>> S admin(S spec) {
        spec.headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD));
        return spec;
    }

    @Test
    void aCancelledOrderCannotBeCancelledAgainAndLateMoneyForItWaitsForReview() {
        String orderNo = create(8888, null).get("orderNo").asString();

        web.post().uri("/api/v1/orders/" + orderNo + "/cancel").header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        web.post().uri("/api/v1/orders/" + orderNo + "/cancel").header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.code").isEqualTo("order_not_cancellable");
        await().atMost(Duration.ofSeconds(10)).until(() -> events(orderNo, "io.paygate.OrderCancelled.v1").size() == 1);

        pay(orderNo, 8888);

        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID_AFTER_TIMEOUT".equals(get(orderNo).get("status").asString()));
        assertThat(events(orderNo, "io.paygate.OrderPaid.v1")).isEmpty();
    }

    @Test
    void aSecondPaymentOfAPaidOrderDoesNotTouchItAndIsRefundedInFullAutomatically() {
        String orderNo = create(8888, null).get("orderNo").asString();
        pay(orderNo, 8888);
        await().atMost(Duration.ofSeconds(15)).until(() -> "PAID".equals(get(orderNo).get("status").asString()));
        String firstTrade = get(orderNo).get("payments").get(0).get("platformTradeNo").asString();

        var second = payment(orderNo, 8888);
        publisher.publish(second).block();
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), second.event())).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> events(orderNo, "io.paygate.RefundRequested.v1").size() == 1);
        JsonNode request = JSON.readTree(events(orderNo, "io.paygate.RefundRequested.v1").getFirst().value());
        assertThat(request.get("platformTradeNo").asString()).isEqualTo(second.event().platformTradeNo());
        assertThat(request.get("amountFen").asLong()).isEqualTo(8888);
        await().atMost(Duration.ofSeconds(15)).until(() -> events(orderNo, "io.paygate.DuplicatePaymentReceived.v1").size() == 1);
        JsonNode duplicate = JSON.readTree(events(orderNo, "io.paygate.DuplicatePaymentReceived.v1").getFirst().value());
        assertThat(duplicate.get("refundNo").asString()).isEqualTo(request.get("refundNo").asString());
        assertThat(get(orderNo).get("status").asString()).isEqualTo("PAID");
        assertThat(get(orderNo).get("payments").get(0).get("platformTradeNo").asString()).isEqualTo(firstTrade);

        // the platform gives the duplicate back: the order stays PAID, its own payment untouched and refundable in full
        String refundNo = request.get("refundNo").asString();
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), new io.paygate.events.RefundSucceeded(
                orderNo, refundNo, 8888, Channel.WECHAT, second.event().platformTradeNo(), Instant.now()))).block();
        await().atMost(Duration.ofSeconds(15)).until(() -> "SUCCEEDED".equals(get(orderNo).get("refunds").get(0).get("status").asString()));
        assertThat(get(orderNo).get("refunds").get(0).get("kind").asString()).isEqualTo("PAYMENT");
        assertThat(get(orderNo).get("status").asString()).isEqualTo("PAID");
        assertThat(events(orderNo, "io.paygate.OrderRefunded.v1")).isEmpty();
        assertThat(events(orderNo, "io.paygate.OrderPaid.v1")).hasSize(1);
        assertThat(events(orderNo, "io.paygate.DuplicatePaymentReceived.v1")).hasSize(1);
        assertThat(refund(orderNo, 8888).get("kind").asString()).isEqualTo("ORDER");

        // the admin console sees the whole story: both payments, both refunds, the events published
        JsonNode detail = JSON.readTree(admin(web.get().uri("/admin/v1/orders/" + orderNo)).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        assertThat(detail.get("payments").findValuesAsString("outcome")).containsExactly("APPLIED", "NOT_PAYABLE");
        assertThat(detail.get("payments").get(1).get("refundNo").asString()).isEqualTo(refundNo);
        assertThat(detail.get("refunds").findValuesAsString("kind")).containsExactly("PAYMENT", "ORDER");
        assertThat(detail.get("events").findValuesAsString("type"))
                .contains("io.paygate.OrderCreated.v1", "io.paygate.OrderPaid.v1", "io.paygate.DuplicatePaymentReceived.v1");
        web.get().uri("/admin/v1/orders/" + orderNo).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void adminsFindACustomersOrdersAcrossClientAppsNewestFirst() {
        String email = "search-" + UUID.randomUUID() + "@example.com";
        String first = create(100, email).get("orderNo").asString();
        String second = create(200, email).get("orderNo").asString();

        JsonNode found = JSON.readTree(admin(web.get().uri("/admin/v1/orders?customerEmail=" + email)).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());

        assertThat(found.findValuesAsString("orderNo")).containsExactly(second, first);
        admin(web.get().uri("/admin/v1/orders/20200101000000999999")).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("order_not_found");
    }

    @Test
    void aWrongAmountIsToldToTheAdminsWhoCanGiveItBackOnce() {
        String orderNo = create(8888, null).get("orderNo").asString();
        var wrong = payment(orderNo, 1);
        publisher.publish(wrong).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> events(orderNo, "io.paygate.PaymentAmountMismatched.v1").size() == 1);
        JsonNode mismatch = JSON.readTree(events(orderNo, "io.paygate.PaymentAmountMismatched.v1").getFirst().value());
        assertThat(mismatch.get("expectedFen").asLong()).isEqualTo(8888);
        assertThat(mismatch.get("amountFen").asLong()).isEqualTo(1);
        String path = "/admin/v1/orders/" + orderNo + "/payments/WECHAT/" + wrong.event().platformTradeNo() + "/refund";

        JsonNode refund = JSON.readTree(admin(web.post().uri(path)).bodyValue(Map.of("reason", "wrong amount"))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        admin(web.post().uri(path)).bodyValue(Map.of()).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.code").isEqualTo("payment_not_refundable");

        assertThat(refund.get("amountFen").asLong()).isEqualTo(1);
        assertThat(refund.get("kind").asString()).isEqualTo("PAYMENT");
        await().atMost(Duration.ofSeconds(15)).until(() -> events(orderNo, "io.paygate.RefundRequested.v1").size() == 1);
        assertThat(get(orderNo).get("status").asString()).isEqualTo("PENDING_PAYMENT");
    }

    private void pay(String orderNo, long amountFen) {
        publisher.publish(payment(orderNo, amountFen)).block();
    }

    private static Envelope<PaymentSucceeded> payment(String orderNo, long amountFen) {
        var payment = new PaymentSucceeded(orderNo, Channel.WECHAT, "42000000" + UUID.randomUUID().toString().replace("-", ""),
                amountFen, "CNY", Instant.now(), "wx0000000000000001", PaymentSucceeded.Source.NOTIFICATION);
        return new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), payment);
    }

    private JsonNode createWithin(long seconds) {
        return JSON.readTree(web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "x", "customerEmail", "late@example.com", "amountFen", 8888, "payWithinSeconds", seconds))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    @Test
    void stockIsHeldAtCreationNeverOversoldAndGivenBackWhenOrdersEndUnpaid() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        web.put().uri("/admin/v1/products/" + sku).headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .bodyValue(Map.of("name", "限量徽章", "priceFen", 1250, "stock", 5))
                .exchange().expectStatus().isOk();

        // 20 buyers race for 5 pieces
        List<Integer> statuses = concurrently(20, () -> web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "badge", "customerEmail", "race@example.com",
                        "items", List.of(Map.of("sku", sku, "quantity", 1)), "payWithinSeconds", 2))
                .exchange().returnResult(byte[].class).getStatus().value());

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        assertThat(stockOf(sku)).isZero();

        // their deadline passes unpaid: the expiry job gives all five back
        await().atMost(Duration.ofSeconds(20)).until(() -> stockOf(sku) == 5);
    }

    @Test
    void anOrderOfItemsIsPricedFromTheProductTableAndCancellingReleasesItsStock() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        web.put().uri("/admin/v1/products/" + sku).headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .bodyValue(Map.of("name", "杯子", "priceFen", 3999, "stock", 10)).exchange().expectStatus().isOk();

        JsonNode order = JSON.readTree(web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "mugs", "customerEmail", "mugs@example.com", "items", List.of(Map.of("sku", sku, "quantity", 3))))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());

        assertThat(order.get("amountFen").asLong()).isEqualTo(3 * 3999);
        assertThat(order.get("items").get(0).get("quantity").asInt()).isEqualTo(3);
        assertThat(stockOf(sku)).isEqualTo(7);
        web.post().uri("/api/v1/orders/" + order.get("orderNo").asString() + "/cancel").header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isOk();
        assertThat(stockOf(sku)).isEqualTo(10);

        web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "x", "customerEmail", "a@b.cn", "items", List.of(Map.of("sku", "NOPE", "quantity", 1))))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT).expectBody().jsonPath("$.code").isEqualTo("unknown_sku");
        web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "x", "customerEmail", "a@b.cn", "amountFen", 5, "items", List.of(Map.of("sku", sku, "quantity", 1))))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT).expectBody().jsonPath("$.code").isEqualTo("amount_or_items");
        web.get().uri("/admin/v1/products").exchange().expectStatus().isUnauthorized();
    }

    private int stockOf(String sku) {
        return JSON.readTree(web.get().uri("/admin/v1/products/" + sku).headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("stock").asInt();
    }

    @Test
    void anotherAppsOrderNumbersAnswer404AndNothingChanges(@Autowired org.springframework.r2dbc.core.DatabaseClient db) {
        String otherKey = "other-app-key-" + UUID.randomUUID();
        db.sql("insert into client_apps (name, api_key_sha256) values (:name, encode(sha256(convert_to(:key, 'UTF8')), 'hex'))")
                .bind("name", "other-" + UUID.randomUUID()).bind("key", otherKey).fetch().rowsUpdated().block();
        String mine = create(8888, "mine@example.com").get("orderNo").asString();

        web.get().uri("/api/v1/orders/" + mine).header("Authorization", "Bearer " + otherKey).exchange().expectStatus().isNotFound();
        web.post().uri("/api/v1/orders/" + mine + "/cancel").header("Authorization", "Bearer " + otherKey)
                .exchange().expectStatus().isNotFound();
        assertThat(JSON.readTree(web.get().uri("/api/v1/orders?customerEmail=mine@example.com").header("Authorization", "Bearer " + otherKey)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody())).isEmpty();
        assertThat(get(mine).get("status").asString()).isEqualTo("PENDING_PAYMENT");
    }

    @Test
    void requestsWithoutAValidKeyAreRefusedAndBadInputGetsAReason() {
        web.get().uri("/api/v1/orders/123456789012345").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        web.get().uri("/api/v1/orders/123456789012345").header("Authorization", "Bearer nope-nope-nope-nope")
                .exchange().expectStatus().isUnauthorized();
        web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "x", "customerEmail", "not-an-email", "amountFen", 0))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "x", "customerEmail", "a@b.cn", "amountFen", 100, "payWithinSeconds", 0))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.code").isEqualTo("pay_window_out_of_range");
        web.get().uri("/api/v1/orders/999999999999999").header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("order_not_found");
    }

    @Test
    void aCustomersOrdersComeInKeysetPages() {
        String email = "pages-" + UUID.randomUUID() + "@example.com";
        List<String> created = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> created.add(create(100 + i, email).get("orderNo").asString()));

        JsonNode first = list(email, null, 3);
        JsonNode second = list(email, first.get(2).get("orderNo").asString(), 3);

        assertThat(first).hasSize(3);
        assertThat(second).hasSize(2);
        assertThat(List.of(first.get(0).get("orderNo").asString(), second.get(1).get("orderNo").asString()))
                .containsExactly(created.getFirst(), created.getLast());
    }

    @Test
    void theSameIdempotencyKeyAndBodyGetTheFirstAnswerAndCreateOneOrder() {
        String key = "idem-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("subject", "年度会员", "customerEmail", "idem@example.com", "amountFen", 300);

        JsonNode first = createWithKey(key, body, HttpStatus.CREATED);
        JsonNode again = createWithKey(key, body, HttpStatus.CREATED);

        assertThat(again.get("orderNo").asString()).isEqualTo(first.get("orderNo").asString());
        assertThat(again.get("createdAt").asString()).isEqualTo(first.get("createdAt").asString());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> events(first.get("orderNo").asString(), "io.paygate.OrderCreated.v1").size() == 1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = "idem-" + UUID.randomUUID();
        createWithKey(key, Map.of("subject", "a", "customerEmail", "idem@example.com", "amountFen", 300), HttpStatus.CREATED);

        JsonNode refused = createWithKey(key, Map.of("subject", "a", "customerEmail", "idem@example.com", "amountFen", 301),
                HttpStatus.UNPROCESSABLE_CONTENT);

        assertThat(refused.get("code").asString()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void concurrentRequestsWithOneIdempotencyKeyCreateOneOrder() {
        String key = "idem-" + UUID.randomUUID();
        String email = "idem-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> body = Map.of("subject", "x", "customerEmail", email, "amountFen", 700);

        List<String> orderNos = concurrently(10, () -> JSON.readTree(web.post().uri("/api/v1/orders")
                .header("Authorization", "Bearer " + API_KEY).header("Idempotency-Key", key).bodyValue(body)
                .exchange().expectBody().returnResult().getResponseBody()).path("orderNo").asString(""));

        assertThat(orderNos).hasSize(10).allMatch(no -> no.equals(orderNos.getFirst())).first().asString().isNotEmpty();
        assertThat(list(email, null, 50)).hasSize(1);
    }

    /** Runs the same request from {@code n} threads released at once. */
    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> request) {
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            var futures = IntStream.range(0, n).mapToObj(i -> pool.submit(() -> {
                start.await();
                return request.call();
            })).toList();
            start.countDown();
            return futures.stream().map(f -> {
                try {
                    return f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private JsonNode createWithKey(String key, Map<String, Object> body, HttpStatus expected) {
        return JSON.readTree(web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .header("Idempotency-Key", key).bodyValue(body)
                .exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody());
    }

    private JsonNode create(long amountFen, String email) {
        byte[] body = web.post().uri("/api/v1/orders").header("Authorization", "Bearer " + API_KEY)
                .bodyValue(Map.of("subject", "年度会员", "customerEmail", email == null ? "buyer@example.com" : email,
                        "amountFen", amountFen))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private JsonNode get(String orderNo) {
        return JSON.readTree(web.get().uri("/api/v1/orders/" + orderNo).header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private JsonNode list(String email, String after, int limit) {
        return JSON.readTree(web.get().uri(b -> b.path("/api/v1/orders").queryParam("customerEmail", email)
                        .queryParamIfPresent("after", java.util.Optional.ofNullable(after)).queryParam("limit", limit).build())
                .header("Authorization", "Bearer " + API_KEY)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private static List<ConsumerRecord<String, byte[]>> events(String orderNo, String type) {
        return orderTopic.of(orderNo, type);
    }
}
