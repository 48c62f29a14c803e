package io.paygate.payment.reconcile;

import static org.awaitility.Awaitility.await;

import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.Topics;
import io.paygate.payment.SandboxStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the reconciliation ITs of both platforms share: payment-service with Alipay and WeChat Pay
 * against the platform sandbox (which writes each day's bill from its own trades), our side
 * written straight into this service's tables, runs started and read through the admin API.
 * A subclass names its channel and how a trade is paid (and partly refunded) at its platform and
 * moved onto a past day. Both subclasses share one Spring context and database; their rows never
 * meet, because our records, runs and carry-over are all per channel.
 */
@SpringBootTest(classes = io.paygate.payment.PaymentServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=payment-service",
        "paygate.payment.sweep.enabled=false",
        "paygate.payment.refund-recheck.enabled=false",
        "paygate.payment.reconciliation.enabled=false",
        "paygate.payment.reconciliation.carry-over-window=1m",
        "paygate.payment.reconciliation.download-attempts=2",
        "paygate.payment.reconciliation.retry-backoff=50ms",
        "paygate.payment.reconciliation.progress-every=2"})
@AutoConfigureWebTestClient
abstract class ReconciliationFixture {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    static TopicRecorder paymentTopic;
    static TopicRecorder reconciliationTopic;

    @Autowired
    DatabaseClient db;
    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SandboxStack.get().paymentServicePropertiesWithWechat("payment_reconciliation_it").forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void readTopics() {
        paymentTopic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.PAYMENT.name());
        reconciliationTopic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.RECONCILIATION.name());
    }

    @AfterAll
    static void stopReadingTopics() {
        paymentTopic.close();
        reconciliationTopic.close();
    }

    /** The platform whose bills this class reconciles. */
    abstract Channel channel();

    /**
     * Paid at the sandbox through the SDK, optionally partly refunded (as refund {@code <order>R1}),
     * then moved {@code daysBack} days into the past; answers the trade as the platform has it.
     */
    abstract Trade paidAtPlatform(long fen, int daysBack, long refundFen);

    /** When the platform says the order's refund {@code <order>R1} succeeded. */
    abstract Instant platformRefundTime(String orderNo);

    /** A trade as one side has it. */
    record Trade(String orderNo, String tradeNo, long fen, Instant paidAt) {
    }

    Trade paidAtPlatform(long fen, int daysBack) {
        return paidAtPlatform(fen, daysBack, 0);
    }

    void paidHere(Trade trade) {
        insertAttempt(trade, "SUCCEEDED", trade.tradeNo(), trade.paidAt());
    }

    /** An attempt we started and still hold as undecided. */
    void startedHere(Trade trade) {
        insertAttempt(trade, "PENDING", null, null);
    }

    private void insertAttempt(Trade trade, String status, String tradeNo, Instant paidAt) {
        db.sql("insert into payment_attempts (order_no, channel, scene, amount_fen, status, platform_trade_no, expires_at, created_at, "
                        + "updated_at, paid_at) values (:orderNo, :channel, :scene, :fen, :status, :tradeNo, :at, :at, :at, :paidAt)")
                .bind("orderNo", trade.orderNo())
                .bind("channel", channel().name())
                .bind("scene", channel() == Channel.ALIPAY ? "PC" : "NATIVE")
                .bind("fen", trade.fen())
                .bind("status", status)
                .bind("tradeNo", Parameter.fromOrEmpty(tradeNo, String.class))
                .bind("at", paidAt == null ? Instant.now() : paidAt)
                .bind("paidAt", Parameter.fromOrEmpty(paidAt, Instant.class))
                .fetch().rowsUpdated().block(Duration.ofSeconds(30));
    }

    /** Our record of the refund the sandbox made as {@code <order>R1}, settled when the platform says. */
    void refundedHere(Trade trade, long fen) {
        refundedHere(new Trade(trade.orderNo(), trade.tradeNo(), trade.fen(), platformRefundTime(trade.orderNo())),
                trade.orderNo() + "R1", fen);
    }

    void refundedHere(Trade trade, String refundNo, long fen) {
        insertRefund(trade, refundNo, fen, "SUCCEEDED", trade.paidAt());
    }

    /** We asked for the refund the sandbox made, and do not know yet how it ended. */
    void refundNotSettledHere(Trade trade, long fen) {
        insertRefund(trade, trade.orderNo() + "R1", fen, "UNKNOWN", null);
    }

    private void insertRefund(Trade trade, String refundNo, long fen, String status, Instant refundedAt) {
        Instant at = refundedAt == null ? Instant.now() : refundedAt;
        db.sql("insert into refunds (refund_no, order_no, channel, platform_trade_no, amount_fen, paid_fen, status, created_at, "
                        + "updated_at, refunded_at) values (:refundNo, :orderNo, :channel, :tradeNo, :fen, :paid, :status, :at, :at, :refundedAt)")
                .bind("refundNo", refundNo)
                .bind("orderNo", trade.orderNo())
                .bind("channel", channel().name())
                .bind("tradeNo", trade.tradeNo())
                .bind("fen", fen)
                .bind("paid", trade.fen())
                .bind("status", status)
                .bind("at", at)
                .bind("refundedAt", Parameter.fromOrEmpty(refundedAt, Instant.class))
                .fetch().rowsUpdated().block(Duration.ofSeconds(30));
    }

    /** Starts a run through the admin API and waits for it to end; answers the run as the API shows it. */
    JsonNode reconcile(LocalDate day) {
        web.post().uri(path(day)).header("Authorization", admin()).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> !view(day).get("status").asString().equals("RUNNING"));
        return view(day);
    }

    JsonNode view(LocalDate day) {
        byte[] body = web.get().uri(path(day)).header("Authorization", admin()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    String csv(LocalDate day) {
        byte[] body = web.get().uri(path(day) + "/discrepancies.csv").header("Authorization", admin())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8);
    }

    private String path(LocalDate day) {
        return "/admin/v1/reconciliations/" + channel().name().toLowerCase(Locale.ROOT) + "/" + day;
    }

    String attemptStatus(String orderNo) {
        return db.sql("select status from payment_attempts where order_no = :orderNo").bind("orderNo", orderNo)
                .map(row -> row.get("status", String.class)).one().block(Duration.ofSeconds(30));
    }

    static String admin() {
        return "Basic " + Base64.getEncoder().encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8));
    }

    static LocalDate daysAgo(int days) {
        return LocalDate.now(BEIJING).minusDays(days);
    }

    static Instant noon(LocalDate day) {
        return day.atTime(12, 0).atZone(BEIJING).toInstant();
    }

    static String newOrderNo() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + sequence.incrementAndGet();
    }
}
