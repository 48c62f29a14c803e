package io.paygate.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.devstack.Ports;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.Topics;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat robot webhook against a real HTTP server that checks nothing and records everything;
 * the signature is verified here by an independent computation. English mails, few and fast
 * retries, and a consumer group of its own (so dead letters go to their own topic).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.config.name=fulfillment-service",
        "spring.kafka.consumer.group-id=" + ChatRobotIT.GROUP,
        "paygate.fulfillment.admin.password=admin-pass-for-tests",
        "paygate.fulfillment.admin.console-url=https://console.example.com/admin",
        "paygate.fulfillment.robot.secret=" + ChatRobotIT.SECRET,
        "paygate.fulfillment.mail.locale=en",
        "paygate.fulfillment.delivery.initial-backoff=100ms",
        "paygate.fulfillment.delivery.max-backoff=200ms",
        "paygate.fulfillment.delivery.max-attempts=3",
        "paygate.fulfillment.delivery.poll-interval=100ms",
        "spring.mail.host=127.0.0.1"})
@DirtiesContext
class ChatRobotIT {

    static final String GROUP = "fulfillment-robot-it";
    static final String SECRET = "robot-secret-for-tests";
    private static final String DEAD_LETTERS = Topics.ORDER.name() + "." + GROUP + ".dlt";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong ORDERS = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L));
    private static final int SMTP_PORT = Ports.free();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    /** What the robot received, in order, with the status it answered. */
    record Post(String timestamp, String signature, String messageId, String body, String orderNo, int status) {
    }

    private static final List<Post> posts = new CopyOnWriteArrayList<>();
    /** Scripted answers per order, used up one by one; then 200. */
    private static final Map<String, Queue<Integer>> answers = new ConcurrentHashMap<>();
    private static final HttpServer robot = startRobot();

    @Autowired
    EventPublisher publisher;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties("fulfillment_robot_it").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("paygate.fulfillment.robot.url",
                () -> "http://127.0.0.1:" + robot.getAddress().getPort() + "/cgi-bin/webhook/send?key=url-token");
    }

    @AfterAll
    static void stopRobot() {
        robot.stop(0);
    }

    @Test
    void theRobotGetsEachAdminMessageSignedWithTheSharedSecret() {
        OrderPaid paid = orderPaid();
        String eventId = publish(paid);

        await().atMost(Duration.ofSeconds(15)).until(() -> postsAbout(paid.orderNo()).size() == 1);
        Post post = postsAbout(paid.orderNo()).getFirst();
        assertThat(post.signature()).isEqualTo(hmacSha256Hex(SECRET, post.timestamp() + "." + post.body()));
        assertThat(Math.abs(Long.parseLong(post.timestamp()) - Instant.now().getEpochSecond())).isLessThan(300);
        assertThat(post.messageId()).isEqualTo(eventId);
        JsonNode body = JSON.readTree(post.body());
        assertThat(body.get("msgtype").asString()).isEqualTo("text");
        assertThat(body.get("text").get("content").asString())
                .startsWith("Order " + paid.orderNo() + " paid ¥88.88 (Alipay " + paid.platformTradeNo() + ")")
                .endsWith("https://console.example.com/admin/orders/" + paid.orderNo());
        JsonNode message = body.get("paygate");
        assertThat(message.get("kind").asString()).isEqualTo("ORDER_PAID");
        assertThat(message.get("orderNo").asString()).isEqualTo(paid.orderNo());
        assertThat(message.get("amountFen").asLong()).isEqualTo(8888);
        assertThat(message.get("link").asString()).isEqualTo("https://console.example.com/admin/orders/" + paid.orderNo());
    }

    @Test
    void aTamperedBodyOrAnotherSecretDoesNotMatchTheSignature() {
        OrderPaid paid = orderPaid();
        publish(paid);

        await().atMost(Duration.ofSeconds(15)).until(() -> postsAbout(paid.orderNo()).size() == 1);
        Post post = postsAbout(paid.orderNo()).getFirst();
        assertThat(post.signature()).isNotEqualTo(hmacSha256Hex(SECRET, post.timestamp() + "." + post.body().replace("88.88", "0.01")))
                .isNotEqualTo(hmacSha256Hex("another-secret", post.timestamp() + "." + post.body()))
                .isNotEqualTo(hmacSha256Hex(SECRET, (Long.parseLong(post.timestamp()) + 1) + "." + post.body()));
    }

    @Test
    void aRobotAnswering5xxIsRetriedWithTheSameMessageUntilItTakesIt() {
        OrderPaid paid = orderPaid();
        answers.put(paid.orderNo(), new ConcurrentLinkedQueue<>(List.of(503, 500)));

        String eventId = publish(paid);

        await().atMost(Duration.ofSeconds(15)).until(() -> PendingEffects.settled(db, paid.orderNo()));
        List<Post> tries = postsAbout(paid.orderNo());
        assertThat(tries).extracting(Post::status).containsExactly(503, 500, 200);
        assertThat(tries).extracting(Post::body).containsOnly(tries.getFirst().body());
        assertThat(tries).extracting(Post::messageId).containsOnly(eventId);
        assertThat(tries).allSatisfy(post -> assertThat(post.signature())
                .isEqualTo(hmacSha256Hex(SECRET, post.timestamp() + "." + post.body())));
        assertThat(PendingEffects.of(db, paid.orderNo())).extracting(PendingEffects.Row::kind, PendingEffects.Row::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CUSTOMER_MAIL", "DONE"),
                        org.assertj.core.groups.Tuple.tuple("ROBOT_MESSAGE", "DONE"));
    }

    @Test
    void aRobotThatKeepsFailingIsGivenUpIntoTheDeadLetterTopicWhileOtherOrdersGoOnAndAReplayDeliversItOnce() throws Exception {
        try (var deadLetters = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), DEAD_LETTERS)) {
            OrderPaid failing = orderPaid();
            answers.put(failing.orderNo(), new ConcurrentLinkedQueue<>(List.of(500, 502, 503)));
            OrderPaid next = orderPaid();

            publish(failing);
            publish(next);

            // the other order is not held up
            await().atMost(Duration.ofSeconds(15)).until(() -> PendingEffects.settled(db, next.orderNo()));
            assertThat(mailsTo(next.customerEmail())).hasSize(1);
            assertThat(postsAbout(next.orderNo())).extracting(Post::status).containsExactly(200);
            // three attempts, then the dead-letter topic; the customer's mail went out regardless
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.of(failing.orderNo(), "io.paygate.OrderPaid.v1").size() == 1);
            assertThat(postsAbout(failing.orderNo())).extracting(Post::status).containsExactly(500, 502, 503);
            ConsumerRecord<String, byte[]> deadLetter = deadLetters.of(failing.orderNo(), "io.paygate.OrderPaid.v1").getFirst();
            assertThat(TopicRecorder.header(deadLetter, "paygate_dlt-effect")).isEqualTo("ROBOT_MESSAGE");
            assertThat(TopicRecorder.header(deadLetter, "paygate_dlt-attempts")).isEqualTo("3");
            assertThat(TopicRecorder.header(deadLetter, "kafka_dlt-exception-message")).contains("HTTP 503");
            await().atMost(Duration.ofSeconds(5)).until(() -> PendingEffects.settled(db, failing.orderNo()));
            assertThat(mailsTo(failing.customerEmail())).hasSize(1);

            // the robot is fixed; the runbook's replay: the record back to its topic as it is
            kafka.send(replayOf(deadLetter)).get();

            await().atMost(Duration.ofSeconds(15)).until(() -> postsAbout(failing.orderNo()).size() == 4
                    && PendingEffects.settled(db, failing.orderNo()));
            assertThat(postsAbout(failing.orderNo())).extracting(Post::status).containsExactly(500, 502, 503, 200);
            assertThat(PendingEffects.of(db, failing.orderNo())).extracting(PendingEffects.Row::status).containsOnly("DONE");
            assertThat(mailsTo(failing.customerEmail())).hasSize(1);
        }
    }

    @Test
    void aRobotRefusingAMessageWith4xxGetsItOnceAndItIsDeadLetteredAtOnce() {
        try (var deadLetters = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), DEAD_LETTERS)) {
            OrderPaid refused = orderPaid();
            answers.put(refused.orderNo(), new ConcurrentLinkedQueue<>(List.of(400)));

            publish(refused);

            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.of(refused.orderNo(), "io.paygate.OrderPaid.v1").size() == 1);
            assertThat(postsAbout(refused.orderNo())).extracting(Post::status).containsExactly(400);
            assertThat(TopicRecorder.header(deadLetters.of(refused.orderNo(), "io.paygate.OrderPaid.v1").getFirst(),
                    "paygate_dlt-attempts")).isEqualTo("1");
        }
    }

    @Test
    void mailsAreEnglishWhenConfiguredInBothParts() throws Exception {
        OrderPaid paid = orderPaid();
        String orderNo = nextOrderNo();
        var late = new OrderPaidAfterTimeout(orderNo, "Annual plan", "late-" + orderNo + "@example.com", 8888, "CNY", Channel.WECHAT,
                "T-" + orderNo, Instant.parse("2026-11-26T09:31:00Z"), Instant.parse("2026-11-26T09:30:00Z"));

        publish(paid);
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), late)).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(paid.customerEmail()).size() == 1
                && ReceivedMail.about(smtp, "admin@localhost", orderNo).size() == 1);
        MimeMessage receipt = mailsTo(paid.customerEmail()).getFirst();
        assertThat(receipt.getSubject()).isEqualTo("Payment received: order " + paid.orderNo());
        assertThat(ReceivedMail.part(receipt, "text/plain")).contains("Amount: ¥88.88", "Paid with: Alipay",
                "Platform trade number: " + paid.platformTradeNo(), "Paid at: 2026-11-26 17:30:05 (Asia/Shanghai)");
        assertThat(ReceivedMail.part(receipt, "text/html")).contains("<td>¥88.88</td>", "lang=\"en\"");
        MimeMessage alert = ReceivedMail.about(smtp, "admin@localhost", orderNo).getFirst();
        assertThat(alert.getSubject()).startsWith("Needs review: order " + orderNo + " was paid ¥88.88 after its deadline");
        assertThat(ReceivedMail.part(alert, "text/plain")).contains("Open it in the admin console:",
                "https://console.example.com/admin/orders/" + orderNo);
        assertThat(ReceivedMail.part(alert, "text/html")).contains("<a href=\"https://console.example.com/admin/orders/" + orderNo + "\">");
    }

    /** The independent check a receiver makes: HMAC-SHA256 over "timestamp.body", lowercase hex. */
    private static String hmacSha256Hex(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProducerRecord<String, byte[]> replayOf(ConsumerRecord<String, byte[]> deadLetter) {
        var replay = new ProducerRecord<String, byte[]>(Topics.ORDER.name(), deadLetter.key(), deadLetter.value());
        deadLetter.headers().forEach(header -> replay.headers().add(header));
        return replay;
    }

    private static HttpServer startRobot() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/cgi-bin/webhook/send", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String orderNo = JSON.readTree(body).get("paygate").get("orderNo").asString();
                Queue<Integer> scripted = answers.get(orderNo);
                Integer next = scripted == null ? null : scripted.poll();
                int status = next == null ? 200 : next;
                var headers = exchange.getRequestHeaders();
                posts.add(new Post(headers.getFirst("X-Paygate-Timestamp"), headers.getFirst("X-Paygate-Signature"),
                        headers.getFirst("X-Paygate-Message-Id"), body, orderNo, status));
                byte[] answer = "{\"errcode\":0}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Post> postsAbout(String orderNo) {
        return posts.stream().filter(post -> orderNo.equals(post.orderNo())).toList();
    }

    private static String nextOrderNo() {
        return "20261127090000" + String.format("%010d", ORDERS.incrementAndGet());
    }

    private static OrderPaid orderPaid() {
        String orderNo = nextOrderNo();
        return new OrderPaid(orderNo, "Annual plan", "buyer-" + orderNo + "@example.com", 8888, "CNY", Channel.ALIPAY,
                "2026112722001400" + orderNo.substring(14), Instant.parse("2026-11-26T09:30:05Z"));
    }

    private String publish(OrderPaid paid) {
        String eventId = UUID.randomUUID().toString();
        publisher.publish(new Envelope<>(eventId, "/test", Instant.now(), paid)).block();
        return eventId;
    }

    private static List<MimeMessage> mailsTo(String recipient) {
        return ReceivedMail.to(smtp, recipient);
    }
}
