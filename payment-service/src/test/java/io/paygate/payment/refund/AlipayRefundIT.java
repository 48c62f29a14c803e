package io.paygate.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.kafka.PaymentEventIds;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.Envelope;
import io.paygate.events.RefundRequested;
import io.paygate.events.Topics;
import io.paygate.payment.SandboxStack;
import io.paygate.payment.alipay.AlipayGateway;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.RefundOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refunds end to end against the platform sandbox's Alipay, on a real broker and database:
 * RefundRequested in, the unchanged SDK to the sandbox, RefundSucceeded/RefundFailed out, the
 * refund query and the re-check that settles a refund whose first answer was not known.
 */
@SpringBootTest(classes = io.paygate.payment.PaymentServiceApplication.class, properties = {
        "spring.config.name=payment-service",
        "paygate.payment.sweep.enabled=false",
        "paygate.payment.refund-recheck.interval=200ms",
        "paygate.payment.refund-recheck.schedule=300ms",
        "paygate.payment.refund-recheck.repeat-every=300ms"})
class AlipayRefundIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static TopicRecorder paymentTopic;

    @Autowired
    EventPublisher publisher;
    @Autowired
    AlipayGateway alipay;
    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SandboxStack.get().paymentServiceProperties("payment_refund_it").forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void readPaymentTopic() {
        paymentTopic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.PAYMENT.name());
    }

    @AfterAll
    static void stop() {
        paymentTopic.close();
    }

    @Test
    void aRequestedRefundIsMadeOncePublishedOnceAndSettledHoweverOftenItIsRequested() {
        String orderNo = paidOrder(1000);
        var request = refundRequest(orderNo, orderNo + "R1", 300);

        requestRefund(request);
        requestRefund(request);
        // same order, same partition: once this one is done, both deliveries above were handled
        var marker = refundRequest(orderNo, orderNo + "R2", 100);
        requestRefund(marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(marker.refundNo()).equals("SUCCEEDED"));
        assertThat(status(request.refundNo())).isEqualTo("SUCCEEDED");
        await().atMost(Duration.ofSeconds(10)).until(() -> paymentTopic.of(orderNo, "io.paygate.RefundSucceeded.v1").size() >= 2);
        var succeeded = paymentTopic.of(orderNo, "io.paygate.RefundSucceeded.v1");
        assertThat(succeeded.stream().map(r -> TopicRecorder.header(r, "ce_id")).distinct())
                .containsExactlyInAnyOrder(PaymentEventIds.refundSucceeded(request.refundNo()), PaymentEventIds.refundSucceeded(marker.refundNo()));
        var first = JSON.readTree(succeeded.stream()
                .filter(r -> TopicRecorder.header(r, "ce_id").equals(PaymentEventIds.refundSucceeded(request.refundNo()))).findFirst().orElseThrow()
                .value());
        assertThat(first.get("amountFen").asLong()).isEqualTo(300);
        assertThat(first.get("channel").asString()).isEqualTo("ALIPAY");
        assertThat(JSON.readTree(SandboxStack.get().alipayTrade(orderNo)).get("refundedFen").asLong()).isEqualTo(400);
    }

    @Test
    void aRefundBeyondWhatWasPaidIsRefusedWithAlipaysCode() {
        String orderNo = paidOrder(1000);
        var request = refundRequest(orderNo, orderNo + "R1", 1001);

        requestRefund(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(request.refundNo()).equals("FAILED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !paymentTopic.of(orderNo, "io.paygate.RefundFailed.v1").isEmpty());
        var failed = JSON.readTree(paymentTopic.of(orderNo, "io.paygate.RefundFailed.v1").getFirst().value());
        assertThat(failed.get("code").asString()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(paymentTopic.of(orderNo, "io.paygate.RefundSucceeded.v1")).isEmpty();
    }

    @Test
    void aRefundWhoseAnswerWasNotKnownIsQueriedResentUnderItsNumberAndThenPublished() {
        String orderNo = paidOrder(1000);
        var request = refundRequest(orderNo, orderNo + "R1", 250);
        SandboxStack.get().alipayFaults("{\"outTradeNo\":\"" + orderNo + "\",\"gateway\":\"UNKNOWN_ERROR\"}");

        requestRefund(request);

        await().atMost(Duration.ofSeconds(30)).until(() -> checks(request.refundNo()) >= 2);
        assertThat(status(request.refundNo())).isEqualTo("UNKNOWN");
        assertThat(paymentTopic.of(orderNo, "io.paygate.RefundFailed.v1")).isEmpty();

        SandboxStack.get().clearAlipayFaults(orderNo);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(request.refundNo()).equals("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> paymentTopic.of(orderNo, "io.paygate.RefundSucceeded.v1").size() == 1);
        assertThat(JSON.readTree(SandboxStack.get().alipayTrade(orderNo)).get("refundedFen").asLong()).isEqualTo(250);
    }

    @Test
    void anOutcomePublishedElsewhereSettlesAnUnfinishedRefundAndItIsNoLongerAskedAbout() {
        String orderNo = paidOrder(1000);
        var request = refundRequest(orderNo, orderNo + "R1", 250);
        SandboxStack.get().alipayFaults("{\"outTradeNo\":\"" + orderNo + "\",\"gateway\":\"UNKNOWN_ERROR\"}");
        requestRefund(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> checks(request.refundNo()) >= 1);

        // as notify-ingress publishes a platform's refund notification: same event id as ours would have
        var notified = new io.paygate.events.RefundSucceeded(orderNo, request.refundNo(), 250, Channel.ALIPAY, null, Instant.now());
        publisher.publish(new Envelope<>(PaymentEventIds.refundSucceeded(request.refundNo()), "/paygate/notify-ingress", Instant.now(), notified))
                .block(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(request.refundNo()).equals("SUCCEEDED"));
        assertThat(db.sql("select next_check_at from refunds where refund_no = :no").bind("no", request.refundNo())
                .map(row -> java.util.Optional.ofNullable(row.get("next_check_at", java.time.OffsetDateTime.class))).one()
                .block(Duration.ofSeconds(5))).isEmpty();
        SandboxStack.get().clearAlipayFaults(orderNo);
    }

    @Test
    void theRefundQueryTellsAFinishedRefundFromOneAlipayNeverTook() {
        String orderNo = paidOrder(1000);
        assertThat(alipay.refund(new RefundOrder(orderNo, orderNo + "R1", 120, 1000, "test")).block())
                .isInstanceOf(PlatformRefund.Succeeded.class);

        assertThat(alipay.refundQuery(orderNo, orderNo + "R1").block()).isInstanceOfSatisfying(PlatformRefund.Succeeded.class,
                done -> assertThat(done.refundedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
                        Duration.ofMinutes(2).toMillis(), java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(alipay.refundQuery(orderNo, orderNo + "R9").block()).isInstanceOf(PlatformRefund.NotFound.class);
        assertThat(alipay.refundQuery(newOrderNo(), "X1").block()).isInstanceOf(PlatformRefund.NotFound.class);
    }

    private String paidOrder(long fen) {
        String orderNo = newOrderNo();
        var page = alipay.pagePay(orderNo, "会员 member", fen, Instant.now().plus(Duration.ofMinutes(15))).block();
        SandboxStack.get().open(page.redirectUrl());
        SandboxStack.get().payAlipay(orderNo);
        return orderNo;
    }

    private static RefundRequested refundRequest(String orderNo, String refundNo, long fen) {
        return new RefundRequested(orderNo, refundNo, fen, 1000, Channel.ALIPAY, null, "test refund", Instant.now());
    }

    private void requestRefund(RefundRequested request) {
        publisher.publish(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(), request)).block(Duration.ofSeconds(10));
    }

    private String status(String refundNo) {
        return db.sql("select status from refunds where refund_no = :no").bind("no", refundNo)
                .map(row -> row.get("status", String.class)).one().defaultIfEmpty("NONE").block(Duration.ofSeconds(5));
    }

    private int checks(String refundNo) {
        return db.sql("select checks from refunds where refund_no = :no").bind("no", refundNo)
                .map(row -> row.get("checks", Integer.class)).one().defaultIfEmpty(0).block(Duration.ofSeconds(5));
    }

    private static String newOrderNo() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + sequence.incrementAndGet();
    }
}
