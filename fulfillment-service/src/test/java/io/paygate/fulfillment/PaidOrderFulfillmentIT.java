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
import io.paygate.events.Envelope;
import io.paygate.events.OrderCreated;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.Topics;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OrderPaid events from the real broker, receipts through a real SMTP server, admin messages over SSE. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=fulfillment-service",
        "paygate.fulfillment.admin.password=" + PaidOrderFulfillmentIT.ADMIN_PASSWORD,
        "spring.mail.host=127.0.0.1",
        "management.endpoint.health.show-components=always"})
@AutoConfigureWebTestClient
class PaidOrderFulfillmentIT {

    static final String ADMIN_PASSWORD = "admin-pass-for-tests";
    private static final String DEAD_LETTERS = Topics.ORDER.name() + ".fulfillment-service.dlt";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong ORDERS = new AtomicLong();
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

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties("fulfillment_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Test
    void aPaidOrderGetsOneChineseReceiptWithTheAmountInYuan() throws Exception {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY);

        publish(UUID.randomUUID().toString(), paid);

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);
        MimeMessage mail = mailsTo(paid.customerEmail()).getFirst();
        assertThat(mail.getSubject()).isEqualTo("支付成功：订单 " + paid.orderNo());
        assertThat(mail.getFrom()[0].toString()).isEqualTo("paygate@localhost");
        assertThat(part(mail, "text/plain"))
                .contains(paid.orderNo(), "年度会员 Annual plan", "¥88.88", "支付宝", paid.platformTradeNo())
                .contains("2026-11-26 17:30:05");
        assertThat(part(mail, "text/html")).contains("88.88", "支付宝", paid.orderNo());
    }

    @Test
    void adminsSeeAPaidOrderOnTheStream() throws Exception {
        OrderPaid paid = orderPaid(8888, Channel.WECHAT);

        publish(UUID.randomUUID().toString(), paid);

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
        assertThat(Instant.parse(message.get("at").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aReconnectingAdminGetsOnlyTheMessagesAfterItsLastEventId() {
        OrderPaid first = orderPaid(100, Channel.ALIPAY);
        OrderPaid second = orderPaid(200, Channel.ALIPAY);
        publish(UUID.randomUUID().toString(), first);
        String firstId = stream(null).filter(e -> e.data() != null && e.data().contains(first.orderNo()))
                .blockFirst(Duration.ofSeconds(20)).id();

        publish(UUID.randomUUID().toString(), second);

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

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> mailsTo(paid.customerEmail()).size() == 1 && adminMessagesAbout(paid.orderNo()) == 1);
    }

    @Test
    void theSameOrderPaidUnderAnotherEventIdSendsNoSecondReceipt() {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY);
        publish(UUID.randomUUID().toString(), paid);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);

        publish(UUID.randomUUID().toString(), paid);
        OrderPaid marker = orderPaid(100, Channel.ALIPAY);
        publish(UUID.randomUUID().toString(), marker);

        // the marker shares nothing with the order but is handled after it on the same consumer
        await().atMost(Duration.ofSeconds(15)).until(() -> adminMessagesAbout(marker.orderNo()) == 1);
        assertThat(mailsTo(paid.customerEmail())).hasSize(1);
        assertThat(adminMessagesAbout(paid.orderNo())).isEqualTo(1);
    }

    @Test
    void anOrderPaidAfterItsTimeoutAlertsTheAdminsOnceAndMailsNoReceipt() {
        String orderNo = nextOrderNo();
        String email = "late-" + orderNo + "@example.com";
        var late = new OrderPaidAfterTimeout(orderNo, "年度会员", email, 8888, "CNY", Channel.ALIPAY,
                "2026112622001400" + orderNo.substring(14), Instant.now(), Instant.now().minusSeconds(60));
        String eventId = UUID.randomUUID().toString();

        Flux.range(0, 3).concatMap(i -> publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), late))).blockLast();
        OrderPaid marker = orderPaid(100, Channel.ALIPAY);
        publish(UUID.randomUUID().toString(), marker);

        await().atMost(Duration.ofSeconds(15)).until(() -> adminMessagesAbout(marker.orderNo()) == 1);
        assertThat(adminMessagesAbout(orderNo)).isEqualTo(1);
        JsonNode alert = JSON.readTree(web.get().uri("/admin/v1/messages").headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .exchange().expectBody().returnResult().getResponseBody());
        assertThat(alert.findParents("orderNo").stream().filter(m -> orderNo.equals(m.get("orderNo").asString())).findFirst()
                .orElseThrow().get("kind").asString()).isEqualTo("NEEDS_REVIEW");
        assertThat(mailsTo(email)).isEmpty();
    }

    @Test
    void anOrderCreatedSendsNothing() {
        String orderNo = nextOrderNo();
        String email = "created-" + orderNo + "@example.com";
        var created = new OrderCreated(orderNo, "年度会员", email, 8888, 8888, "CNY", Instant.now(),
                Instant.now().plus(Duration.ofMinutes(15)));
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), created)).block();
        OrderPaid marker = orderPaid(100, Channel.ALIPAY);
        publish(UUID.randomUUID().toString(), marker);

        await().atMost(Duration.ofSeconds(15)).until(() -> adminMessagesAbout(marker.orderNo()) == 1);
        assertThat(mailsTo(email)).isEmpty();
        assertThat(adminMessagesAbout(orderNo)).isZero();
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
            publish(UUID.randomUUID().toString(), paid);

            await().atMost(Duration.ofSeconds(20)).until(() -> !deadLetters.of(paid.orderNo(), "io.paygate.SomethingNobodyKnows.v1").isEmpty());
            await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1);
        }
    }

    @Test
    void aReceiptThatFailsWhileSmtpIsDownIsRetriedUntilItGoesOut() {
        OrderPaid paid = orderPaid(8888, Channel.ALIPAY);
        smtp.stop();
        try {
            publish(UUID.randomUUID().toString(), paid);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> adminMessagesAbout(paid.orderNo()) == 0);
        } finally {
            smtp.start();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(paid.customerEmail()).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> adminMessagesAbout(paid.orderNo()) == 1);
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
        String orderNo = nextOrderNo();
        return new OrderPaid(orderNo, "年度会员 Annual plan", "buyer-" + orderNo + "@example.com", amountFen, "CNY",
                channel, "4200002026112600" + orderNo.substring(14), Instant.parse("2026-11-26T09:30:05Z"));
    }

    private void publish(String eventId, OrderPaid paid) {
        publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), paid)).block();
    }

    private static List<MimeMessage> mailsTo(String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded text of the first part of this MIME type, however deeply the parts are nested. */
    private static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
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

    private long adminMessagesAbout(String orderNo) {
        JsonNode messages = JSON.readTree(web.get().uri("/admin/v1/messages")
                .headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
        long count = 0;
        for (JsonNode message : messages) {
            if (orderNo.equals(message.get("orderNo").asString())) {
                count++;
            }
        }
        return count;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
