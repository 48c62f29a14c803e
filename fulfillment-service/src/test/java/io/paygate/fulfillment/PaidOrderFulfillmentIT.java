package io.paygate.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.devstack.Ports;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.CloudEvents;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.Envelope;
import io.paygate.events.Event;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundFailed;
import io.paygate.events.RefundSucceeded;
import io.paygate.events.RefundRequested;
import io.paygate.events.Topics;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Order and payment events from the real broker, mails through a real SMTP server (GreenMail),
 * admin messages over SSE, the outbox in real PostgreSQL. Chinese, no chat robot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=fulfillment-service",
        "paygate.fulfillment.admin.password=" + PaidOrderFulfillmentIT.ADMIN_PASSWORD,
        "paygate.fulfillment.admin.console-url=https://console.example.com/admin",
        "paygate.fulfillment.mail.admins=" + PaidOrderFulfillmentIT.ADMINS,
        "paygate.fulfillment.delivery.initial-backoff=200ms",
        "paygate.fulfillment.delivery.max-backoff=2s",
        "paygate.fulfillment.delivery.max-attempts=8",
        "paygate.fulfillment.delivery.poll-interval=100ms",
        "paygate.fulfillment.refunds.overdue-after=30m",
        "paygate.fulfillment.refunds.check-interval=200ms",
        "spring.mail.host=127.0.0.1",
        "management.endpoint.health.show-components=always"})
@AutoConfigureWebTestClient
@DirtiesContext
class PaidOrderFulfillmentIT {

    static final String ADMIN_PASSWORD = "admin-pass-for-tests";
    static final String ADMINS = "ops@example.com";
    private static final String DEAD_LETTERS = Topics.ORDER.name() + ".fulfillment-service.dlt";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Unique across test classes and runs: they share one broker, and every consumer group reads the topic from the start. */
    private static final AtomicLong ORDERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L));
    private static final int SMTP_PORT = Ports.free();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @Autowired
    WebTestClient web;
    @Autowired
    EventPublisher publisher;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties("fulfillment_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Test
    void aPaidOrderGetsOneChineseReceiptWithATextAndAnHtmlPart() throws Exception {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY, "年度会员 <b>Annual</b> & plan");

        publish(paid);

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);
        MimeMessage mail = mailsTo(paid.customerEmail()).getFirst();
        assertThat(mail.getSubject()).isEqualTo("支付成功：订单 " + paid.orderNo());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("paygate@localhost");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(ReceivedMail.part(mail, "text/plain"))
                .contains("订单号: " + paid.orderNo(), "商品: 年度会员 <b>Annual</b> & plan", "金额: ¥88.88", "支付平台: 支付宝")
                .contains("平台交易号: " + paid.platformTradeNo(), "支付时间: 2026-11-26 17:30:05 (Asia/Shanghai)");
        assertThat(ReceivedMail.part(mail, "text/html"))
                .contains("<td>¥88.88</td>", "<td>支付宝</td>", "<td>" + paid.orderNo() + "</td>")
                .contains("年度会员 &lt;b&gt;Annual&lt;/b&gt; &amp; plan")
                .doesNotContain("<b>Annual</b>");
    }

    @Test
    void adminsSeeAPaidOrderOnTheStreamWithALinkToIt() throws Exception {
        OrderPaid paid = orderPaid(8888, Channel.WECHAT);

        publish(paid);

        ServerSentEvent<String> event = stream(null)
                .filter(e -> e.data() != null && e.data().contains(paid.orderNo()))
                .blockFirst(Duration.ofSeconds(20));
        assertThat(event).isNotNull();
        assertThat(event.event()).isEqualTo("admin-message");
        JsonNode message = JSON.readTree(event.data());
        assertThat(event.id()).isEqualTo(message.get("id").asString());
        assertThat(message.get("kind").asString()).isEqualTo("ORDER_PAID");
        assertThat(message.get("orderNo").asString()).isEqualTo(paid.orderNo());
        assertThat(message.get("amountFen").asLong()).isEqualTo(8888);
        assertThat(message.get("text").asString())
                .isEqualTo("订单 " + paid.orderNo() + " 已支付 ¥88.88 (微信支付 " + paid.platformTradeNo() + ")");
        assertThat(message.get("link").asString()).isEqualTo("https://console.example.com/admin/orders/" + paid.orderNo());
    }

    @Test
    void aReconnectingAdminGetsOnlyTheMessagesAfterItsLastEventId() {
        OrderPaid first = orderPaid(100, Channel.ALIPAY);
        OrderPaid second = orderPaid(200, Channel.ALIPAY);
        publish(first);
        String firstId = stream(null).filter(e -> e.data() != null && e.data().contains(first.orderNo()))
                .blockFirst(Duration.ofSeconds(20)).id();

        publish(second);

        List<String> replayed = new ArrayList<>();
        stream(firstId).filter(e -> e.data() != null)
                .doOnNext(e -> replayed.add(e.data()))
                .takeUntil(e -> e.data().contains(second.orderNo()))
                .blockLast(Duration.ofSeconds(20));
        assertThat(replayed).noneMatch(data -> data.contains(first.orderNo()));
        assertThat(replayed).last().asString().contains(second.orderNo());
    }

    @Test
    void theSameEventDeliveredTenTimesSendsOneMailAndOneAdminMessage() {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY);
        String eventId = UUID.randomUUID().toString();

        Flux.range(0, 10).concatMap(i -> publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), paid))).blockLast();
        String marker = markerAfter(paid.orderNo());

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(marker).size() == 1 && PendingEffects.settled(db, paid.orderNo()));
        assertThat(PendingEffects.of(db, paid.orderNo())).extracting(PendingEffects.Row::kind)
                .containsExactly("CUSTOMER_MAIL", "CUSTOMER_MAIL");
        assertThat(mailsTo(paid.customerEmail())).hasSize(1);
        assertThat(paidMessagesAbout(paid.orderNo())).isEqualTo(1);
    }

    @Test
    void theSameOrderPaidUnderAnotherEventIdSendsNoSecondReceipt() {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY);
        publish(paid);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);

        publish(paid);
        String marker = markerAfter(paid.orderNo());

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(marker).size() == 1);
        assertThat(PendingEffects.of(db, paid.orderNo())).hasSize(2);
        assertThat(mailsTo(paid.customerEmail())).hasSize(1);
        assertThat(paidMessagesAbout(paid.orderNo())).isEqualTo(1);
    }

    @Test
    void anOrderPaidAfterItsTimeoutAlertsTheAdminsOnceWithALinkAndMailsThemNotTheCustomer() throws Exception {
        String orderNo = nextOrderNo();
        String email = "late-" + orderNo + "@example.com";
        var late = new OrderPaidAfterTimeout(orderNo, "年度会员", email, 8888, "CNY", Channel.ALIPAY,
                "2026112622001400" + orderNo.substring(14), Instant.parse("2026-11-26T09:31:00Z"), Instant.parse("2026-11-26T09:30:00Z"));
        String eventId = UUID.randomUUID().toString();

        Flux.range(0, 3).concatMap(i -> publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), late))).blockLast();

        await().atMost(Duration.ofSeconds(15)).until(() -> PendingEffects.settled(db, orderNo));
        JsonNode alert = adminMessages().stream().filter(m -> orderNo.equals(m.get("orderNo").asString())).findFirst().orElseThrow();
        assertThat(alert.get("kind").asString()).isEqualTo("NEEDS_REVIEW");
        assertThat(alert.get("text").asString()).startsWith("需要处理：订单 " + orderNo + " 超时后收到付款 ¥88.88");
        assertThat(alert.get("link").asString()).isEqualTo("https://console.example.com/admin/orders/" + orderNo);
        assertThat(adminMessagesAbout(orderNo)).isEqualTo(1);
        List<MimeMessage> adminMails = ReceivedMail.about(smtp, ADMINS, orderNo);
        assertThat(adminMails).hasSize(1);
        assertThat(adminMails.getFirst().getSubject()).isEqualTo(alert.get("text").asString());
        assertThat(ReceivedMail.part(adminMails.getFirst(), "text/plain"))
                .contains("https://console.example.com/admin/orders/" + orderNo, "已晚于支付期限 2026-11-26 17:30:00");
        assertThat(ReceivedMail.part(adminMails.getFirst(), "text/html"))
                .contains("<a href=\"https://console.example.com/admin/orders/" + orderNo + "\">");
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void aWrongAmountAndADoublePaymentEachAlertTheAdmins() {
        String mismatched = nextOrderNo();
        String paidTwice = nextOrderNo();
        publish(new PaymentAmountMismatched(mismatched, "年度会员", "m@example.com", 8888, 1, "CNY", Channel.WECHAT, "T-" + mismatched,
                Instant.parse("2026-11-26T09:31:00Z")));
        publish(new DuplicatePaymentReceived(paidTwice, "年度会员", "d@example.com", 8888, "CNY", Channel.ALIPAY, "T-" + paidTwice,
                Instant.parse("2026-11-26T09:31:00Z"), "R-" + paidTwice));

        await().atMost(Duration.ofSeconds(15)).until(() -> ReceivedMail.about(smtp, ADMINS, mismatched).size() == 1
                && ReceivedMail.about(smtp, ADMINS, paidTwice).size() == 1);
        assertThat(adminMessages()).filteredOn(m -> mismatched.equals(m.get("orderNo").asString()))
                .singleElement().satisfies(m -> assertThat(m.get("text").asString()).contains("应付 ¥88.88，实收 ¥0.01"));
        assertThat(adminMessages()).filteredOn(m -> paidTwice.equals(m.get("orderNo").asString()))
                .singleElement().satisfies(m -> assertThat(m.get("kind").asString()).isEqualTo("NEEDS_REVIEW"));
    }

    @Test
    void aRefundIsMailedToTheCustomerAndShownToTheAdmins() throws Exception {
        String orderNo = nextOrderNo();
        String email = "refund-" + orderNo + "@example.com";

        publish(new OrderRefunded(orderNo, "R-" + orderNo, 1500, 3000, false, email, Instant.parse("2026-11-26T10:00:00Z")));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(email).size() == 1);
        MimeMessage mail = mailsTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("退款成功：订单 " + orderNo);
        assertThat(ReceivedMail.part(mail, "text/plain")).contains("本次退款: ¥15.00", "累计退款: ¥30.00", "R-" + orderNo);
        assertThat(ReceivedMail.part(mail, "text/html")).contains("<td>¥15.00</td>");
        assertThat(adminMessages()).filteredOn(m -> orderNo.equals(m.get("orderNo").asString()))
                .singleElement().satisfies(m -> assertThat(m.get("kind").asString()).isEqualTo("REFUNDED"));
    }

    @Test
    void aRefundAPlatformRefusedOnThePaymentTopicAlertsTheAdmins() throws Exception {
        String orderNo = nextOrderNo();

        publish(new RefundFailed(orderNo, "R-" + orderNo, 500, Channel.ALIPAY, "ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足",
                Instant.parse("2026-11-26T10:00:00Z")));

        await().atMost(Duration.ofSeconds(15)).until(() -> ReceivedMail.about(smtp, ADMINS, orderNo).size() == 1);
        assertThat(ReceivedMail.part(ReceivedMail.about(smtp, ADMINS, orderNo).getFirst(), "text/plain"))
                .contains("ACQ.SELLER_BALANCE_NOT_ENOUGH", "卖家余额不足", "https://console.example.com/admin/orders/" + orderNo);
        assertThat(adminMessages()).filteredOn(m -> orderNo.equals(m.get("orderNo").asString()))
                .singleElement().satisfies(m -> assertThat(m.get("kind").asString()).isEqualTo("NEEDS_REVIEW"));
    }

    @Test
    void aReconciliationWithDiscrepanciesAlertsTheAdminsOnceWithALinkToTheDayAndACleanOneTellsNobody() throws Exception {
        java.time.LocalDate day = java.time.LocalDate.of(2020, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().hashCode(), 3000));
        var clean = new io.paygate.events.ReconciliationCompleted(Channel.WECHAT, day, io.paygate.events.ReconciliationCompleted.Status.COMPLETED,
                1, 10, 10000, 0, 0, 10, 10000, 0, 0, 0, 10, 0,
                new io.paygate.events.ReconciliationCompleted.Discrepancies(0, 0, 0, 0, 0), null, Instant.parse("2026-11-26T02:30:00Z"));
        var found = new io.paygate.events.ReconciliationCompleted(Channel.WECHAT, day, io.paygate.events.ReconciliationCompleted.Status.COMPLETED,
                2, 10, 10000, 1, 100, 11, 10500, 1, 100, 63000, 10, 0,
                new io.paygate.events.ReconciliationCompleted.Discrepancies(1, 0, 0, 0, 0), null, Instant.parse("2026-11-26T02:31:00Z"));
        String id = "reconciliation-" + UUID.randomUUID();

        // one key, one partition: by the time the second run is announced, the clean first one was handled
        publish(clean);
        publisher.publish(new Envelope<>(id, "/test", Instant.now(), found)).block();
        publisher.publish(new Envelope<>(id, "/test", Instant.now(), found)).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> !ReceivedMail.about(smtp, ADMINS, day.toString()).isEmpty());
        var alerts = ReceivedMail.about(smtp, ADMINS, day.toString());
        assertThat(alerts).singleElement().satisfies(mail -> assertThat(ReceivedMail.part(mail, "text/plain"))
                .contains("PAID_AT_PLATFORM_ONLY 1", "https://console.example.com/admin/reconciliations/WECHAT/" + day));
        assertThat(adminMessages()).filteredOn(m -> ("WECHAT/" + day).equals(m.get("orderNo").asString()))
                .singleElement().satisfies(m -> assertThat(m.get("kind").asString()).isEqualTo("NEEDS_REVIEW"));
    }

    @Test
    void aRefundThatDoesNotEndIsAnnouncedToTheAdminsOnceAndOneThatEndsIsNot() throws Exception {
        String stuck = nextOrderNo();
        String ended = nextOrderNo();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

        var request = new RefundRequested(stuck, stuck + "R1", 700, 8888, Channel.WECHAT, "4200000000" + stuck, "部分退款", anHourAgo);
        publish(request);
        publish(request);
        // the end of a refund may be read before its request (two topics): the request then never counts as open
        publish(new RefundSucceeded(ended, ended + "R1", 700, Channel.WECHAT, "4200000000" + ended, Instant.now()));
        await().atMost(Duration.ofSeconds(15)).until(() -> db.sql("select 1 from ended_refunds where refund_no = :no")
                .bind("no", ended + "R1").fetch().first().blockOptional().isPresent());
        publish(new RefundRequested(ended, ended + "R1", 700, 8888, Channel.WECHAT, "4200000000" + ended, "部分退款", anHourAgo));
        // a refund asked for a minute ago is not late yet
        String fresh = nextOrderNo();
        publish(new RefundRequested(fresh, fresh + "R1", 700, 8888, Channel.ALIPAY, "2026" + fresh, null, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).until(() -> ReceivedMail.about(smtp, ADMINS, stuck).size() == 1);
        assertThat(ReceivedMail.part(ReceivedMail.about(smtp, ADMINS, stuck).getFirst(), "text/plain"))
                .contains(stuck + "R1", "https://console.example.com/admin/orders/" + stuck);
        assertThat(adminMessages()).filteredOn(m -> stuck.equals(m.get("orderNo").asString()))
                .singleElement().satisfies(m -> assertThat(m.get("kind").asString()).isEqualTo("NEEDS_REVIEW"));
        // several more passes of the check: still one alert, and none for the ended or the fresh refund
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                ReceivedMail.about(smtp, ADMINS, stuck).size() == 1 && adminMessagesAbout(ended) == 0 && adminMessagesAbout(fresh) == 0);
    }

    @Test
    void anOrderCreatedSendsNothing() {
        String orderNo = nextOrderNo();
        String email = "created-" + orderNo + "@example.com";
        var created = new OrderCreated(orderNo, "年度会员", email, 8888, 8888, "CNY", Instant.now(),
                Instant.now().plus(Duration.ofMinutes(15)));
        publish(created);
        String marker = markerAfter(orderNo);

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(marker).size() == 1);
        assertThat(mailsTo(email)).isEmpty();
        assertThat(paidMessagesAbout(orderNo)).isZero();
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndLaterRecordsAreStillProcessed() {
        try (var deadLetters = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), DEAD_LETTERS)) {
            OrderPaid paid = orderPaid(8888, Channel.ALIPAY);
            var poison = new ProducerRecord<String, byte[]>(Topics.ORDER.name(), paid.orderNo(),
                    "{\"what\":\"nobody knows\"}".getBytes(StandardCharsets.UTF_8));
            header(poison, CloudEvents.ID, UUID.randomUUID().toString());
            header(poison, CloudEvents.TYPE, "io.paygate.SomethingNobodyKnows.v1");
            header(poison, CloudEvents.SOURCE, "/test");
            header(poison, CloudEvents.TIME, Instant.now().toString());
            kafka.send(poison).join();

            // same key, so the same partition: the good record waits behind the poison one
            publish(paid);

            await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters.of(paid.orderNo(), "io.paygate.SomethingNobodyKnows.v1").isEmpty());
            await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);
        }
    }

    @Test
    void aMailThatCanNeverBeSentIsDeadLetteredAndTheNextOrdersMailStillGoesOut() {
        try (var deadLetters = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), DEAD_LETTERS)) {
            String orderNo = nextOrderNo();
            OrderPaid unmailable = new OrderPaid(orderNo, "年度会员", "not an address", 8888, "CNY", Channel.ALIPAY, "T-" + orderNo,
                    Instant.parse("2026-11-26T09:30:05Z"));
            OrderPaid next = orderPaid(100, Channel.ALIPAY);

            publish(unmailable);
            publish(next);

            await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(next.customerEmail()).size() == 1);
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.of(orderNo, "io.paygate.OrderPaid.v1").size() == 1);
            var deadLetter = deadLetters.of(orderNo, "io.paygate.OrderPaid.v1").getFirst();
            assertThat(TopicRecorder.header(deadLetter, "paygate_dlt-effect")).isEqualTo("CUSTOMER_MAIL");
            assertThat(TopicRecorder.header(deadLetter, "paygate_dlt-attempts")).isEqualTo("1");
            assertThat(TopicRecorder.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topics.ORDER.name());
            assertThat(TopicRecorder.header(deadLetter, "kafka_dlt-exception-message")).contains("AddressException");
            assertThat(PendingEffects.of(db, orderNo)).extracting(PendingEffects.Row::status).containsExactly("DEAD");
            assertThat(adminMessages()).filteredOn(m -> orderNo.equals(m.get("orderNo").asString()))
                    .extracting(m -> m.get("kind").asString()).containsExactly("ORDER_PAID", "DELIVERY_FAILED");
        }
    }

    @Test
    void aReceiptThatFailsWhileSmtpIsDownGoesOutOnceWhenItIsBack() {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY);
        smtp.stop();
        try {
            publish(paid);
            await().atMost(Duration.ofSeconds(15)).until(() -> PendingEffects.of(db, paid.orderNo()).stream()
                    .anyMatch(row -> row.attempts() >= 1 && row.lastError() != null));
            // the admins are told at once; the mail waits for the server
            assertThat(adminMessagesAbout(paid.orderNo())).isEqualTo(1);
            assertThat(PendingEffects.of(db, paid.orderNo())).extracting(PendingEffects.Row::status).containsExactly("PENDING");
        } finally {
            smtp.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> PendingEffects.settled(db, paid.orderNo()));
        assertThat(PendingEffects.of(db, paid.orderNo())).extracting(PendingEffects.Row::status).containsExactly("DONE");
        assertThat(mailsTo(paid.customerEmail())).hasSize(1);
        assertThat(adminMessagesAbout(paid.orderNo())).isEqualTo(1);
    }

    @Test
    void anOversizedRequestBodyIsRefusedWith413BeforeItIsReadOrPassedOn() {
        byte[] huge = new byte[100 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        web.post().uri("/admin/v1/order-service/admin/v1/orders/20260101000000000001/refunds")
                .headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("body_too_large");
    }

    @Test
    void adminEndpointsRefuseRequestsWithoutTheAdminCredentials() {
        web.get().uri("/admin/v1/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=.*")
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        web.get().uri("/admin/v1/messages").headers(h -> h.setBasicAuth("admin", "wrong-password")).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/admin/v1/messages").headers(h -> h.setBasicAuth("root", ADMIN_PASSWORD)).exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/admin/v1/messages").header(HttpHeaders.AUTHORIZATION, "Basic %%%not-base64").exchange()
                .expectStatus().isUnauthorized();
        web.get().uri("/admin/v1/messages").headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void readinessCoversTheDatabaseAndKafkaAndMetricsAndApiDocsAreExposed() {
        // the first API docs are generated on demand: give a busy machine time
        var web = this.web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        web.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/admin/v1/stream']").exists();
    }

    private static String nextOrderNo() {
        return "20261126173005" + String.format("%010d", ORDERS.incrementAndGet());
    }

    private static OrderPaid orderPaid(long amountFen, Channel channel) {
        return orderPaid(amountFen, channel, "年度会员 Annual plan");
    }

    private static OrderPaid orderPaid(long amountFen, Channel channel, String subject) {
        String orderNo = nextOrderNo();
        return new OrderPaid(orderNo, subject, "buyer-" + orderNo + "@example.com", amountFen, "CNY",
                channel, "4200002026112600" + orderNo.substring(14), Instant.parse("2026-11-26T09:30:05Z"));
    }

    /**
     * Publishes a refund of the same order number, so the same key and partition: once its mail
     * is out, everything published for the order before it has been handled. Returns where that
     * mail goes.
     */
    private String markerAfter(String orderNo) {
        String email = "marker-" + UUID.randomUUID() + "@example.com";
        publish(new OrderRefunded(orderNo, "MARK-" + UUID.randomUUID(), 1, 1, false, email, Instant.now()));
        return email;
    }

    private void publish(Event event) {
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), event)).block();
    }

    private static List<MimeMessage> mailsTo(String recipient) {
        return ReceivedMail.to(smtp, recipient);
    }

    private Flux<ServerSentEvent<String>> stream(String lastEventId) {
        return web.mutate().responseTimeout(Duration.ofSeconds(20)).build()
                .get().uri("/admin/v1/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> {
                    h.setBasicAuth("admin", ADMIN_PASSWORD);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody();
    }

    private List<JsonNode> adminMessages() {
        JsonNode messages = JSON.readTree(web.get().uri("/admin/v1/messages")
                .headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        List<JsonNode> all = new ArrayList<>();
        messages.forEach(all::add);
        return all;
    }

    private long adminMessagesAbout(String orderNo) {
        return adminMessages().stream().filter(m -> orderNo.equals(m.get("orderNo").asString())).count();
    }

    private long paidMessagesAbout(String orderNo) {
        return adminMessages().stream()
                .filter(m -> orderNo.equals(m.get("orderNo").asString()) && "ORDER_PAID".equals(m.get("kind").asString()))
                .count();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
