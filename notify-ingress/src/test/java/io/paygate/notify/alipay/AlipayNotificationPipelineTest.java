package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.APP_ID;
import static io.paygate.notify.alipay.AlipayNotificationFixture.SELLER_ID;
import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.partialRefund;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.EventCodec;
import io.paygate.events.NotificationReceived;
import io.paygate.events.Topics;
import io.paygate.notify.RealProducer;
import io.paygate.notify.RunningIngress;
import io.paygate.notify.alipay.AlipayNotificationPipeline.Answer;
import io.paygate.notify.publish.EventIds;
import io.paygate.notify.publish.NotifyEvents;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The pipeline over a real producer and the shared real broker. Where an acknowledgement must
 * come late or never, the broker itself is stopped; nothing about Kafka is simulated.
 */
class AlipayNotificationPipelineTest {

    private static final KeyPair ALIPAY = PemKeys.generateRsa();
    private static final Instant RECEIVED = Instant.parse("2026-11-26T09:31:04Z");
    private static final String PAID = "io.paygate.PaymentSucceeded.v1";
    private static final String RAW = "io.paygate.NotificationReceived.v1";

    private static TopicRecorder topics;

    private final AlipaySigner alipay = new AlipaySigner(ALIPAY.getPrivate());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void recordTopics() {
        topics = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.PAYMENT.name(), Topics.NOTIFY_RAW.name());
    }

    @AfterAll
    static void stopRecording() {
        topics.close();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(AlipayNotificationPipeline.class)).addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(AlipayNotificationPipeline.class)).detachAppender(logs);
    }

    private AlipayNotificationPipeline pipeline(RealProducer producer) {
        return new AlipayNotificationPipeline(
                new AlipaySignatureCheck(AlipaySigner.base64(ALIPAY.getPublic().getEncoded())),
                new AlipayFieldCheck(APP_ID, SELLER_ID), new NotifyEvents(producer.publisher()), meters, RunningIngress.noOrderCheck());
    }

    @Test
    void answersSuccessOnlyAfterEveryEventIsAcknowledged() {
        String orderNo = newOrderNo();
        var kafka = SharedStack.get().kafka();
        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(60))) {
            var pipeline = pipeline(producer);
            // a first notification while the broker is up, so the producer knows where to send
            assertThat(handle(pipeline, alipay.sign(tradeSuccess(newOrderNo()))).block()).isEqualTo(Answer.SUCCESS);
            kafka.stop();
            CompletableFuture<Answer> answer;
            try {
                answer = handle(pipeline, alipay.sign(tradeSuccess(orderNo))).toFuture();
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !answer.isDone());
            } finally {
                kafka.start();
            }

            assertThat(answer.join()).isEqualTo(Answer.SUCCESS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RAW).size() == 1);
        assertThat(meters.counter("paygate.notify.accepted", "channel", "alipay", "outcome", "paid").count()).isEqualTo(2);
    }

    @Test
    void publishesThePaymentAndTheRawNotificationUnderDeterministicIds() {
        String orderNo = newOrderNo();
        Map<String, String> signed = alipay.sign(tradeSuccess(orderNo));

        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(5))) {
            assertThat(handle(pipeline(producer), signed).block()).isEqualTo(Answer.SUCCESS);
        }

        // the answer came after both acknowledgements, so both records are there to be read
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RAW).size() == 1);
        ConsumerRecord<String, byte[]> payment = topics.of(orderNo, PAID).getFirst();
        ConsumerRecord<String, byte[]> raw = topics.of(orderNo, RAW).getFirst();
        assertThat(payment.topic()).isEqualTo("paygate.payment.v1");
        assertThat(TopicRecorder.header(payment, "ce_id")).isEqualTo(EventIds.paid(Channel.ALIPAY, signed.get("trade_no")));
        assertThat(TopicRecorder.header(payment, "ce_source")).isEqualTo("/paygate/notify-ingress");
        assertThat(raw.topic()).isEqualTo("paygate.notify.raw.v1");
        assertThat(TopicRecorder.header(raw, "ce_id"))
                .isEqualTo(EventIds.notification(Channel.ALIPAY, signed.get("notify_id"), signed.get("sign")));
        var received = (NotificationReceived) new EventCodec().read(RAW, raw.value());
        assertThat(received.body()).isEqualTo(AlipaySigner.form(signed));
        assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.PAYMENT);
        assertThat(received.contentType()).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(received.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void answersFailureWhenTheBrokerDoesNotAcknowledgeInTime() {
        var kafka = SharedStack.get().kafka();
        try (var producer = RealProducer.withAckTimeout(Duration.ofMillis(500))) {
            var pipeline = pipeline(producer);
            kafka.stop();
            try {
                long started = System.nanoTime();

                Answer answer = handle(pipeline, alipay.sign(tradeSuccess(newOrderNo()))).block(Duration.ofSeconds(5));

                assertThat(answer).isEqualTo(Answer.FAILURE);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            } finally {
                kafka.start();
            }
        }
        assertThat(meters.counter("paygate.notify.publish.failed", "channel", "alipay").count()).isEqualTo(1);
    }

    @Test
    void answersFailureWhenOneOfTheEventsIsRefused() {
        String orderNo = newOrderNo();
        // the raw notification carries the whole signed form and is the larger record: a producer
        // limited below its size refuses it while the payment event fits
        try (var producer = RealProducer.refusingRecordsOver(1200)) {
            Answer answer = handle(pipeline(producer), alipay.sign(tradeSuccess(orderNo))).block(Duration.ofSeconds(10));

            assertThat(answer).isEqualTo(Answer.FAILURE);
        }
        // the payment event itself went through: only the raw record was refused
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() == 1);
        assertThat(topics.of(orderNo, RAW)).isEmpty();
        assertThat(meters.counter("paygate.notify.publish.failed", "channel", "alipay").count()).isEqualTo(1);
    }

    @Test
    void refundUpdateIsPublishedOnlyAsARawRefundNotification() {
        String orderNo = newOrderNo();
        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(5))) {
            assertThat(handle(pipeline(producer), alipay.sign(partialRefund(orderNo))).block()).isEqualTo(Answer.SUCCESS);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, RAW).size() == 1);
        var received = (NotificationReceived) new EventCodec().read(RAW, topics.of(orderNo, RAW).getFirst().value());
        assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.REFUND);
        assertThat(topics.all()).filteredOn(record -> record.key().equals(orderNo)).hasSize(1);
    }

    @Test
    void refusedNotificationPublishesNothingIsCountedByReasonAndLogsNoSignature() {
        String orderNo = newOrderNo();
        var tampered = AlipaySigner.with(alipay.sign(tradeSuccess(orderNo)), "total_amount", "0.01");

        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(5))) {
            assertThat(handle(pipeline(producer), tampered).block(Duration.ofSeconds(5))).isEqualTo(Answer.FAILURE);
        }

        assertThat(topics.all()).noneMatch(record -> record.key().equals(orderNo));
        assertThat(meters.counter("paygate.notify.rejected", "channel", "alipay", "endpoint", "notify", "reason", "signature_invalid").count())
                .isEqualTo(1);
        assertThat(logs.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("SIGNATURE_INVALID").doesNotContain(tampered.get("sign"));
            assertThat(line.getKeyValuePairs()).anySatisfy(kv -> {
                assertThat(kv.key).isEqualTo("orderNo");
                assertThat(kv.value).isEqualTo(orderNo);
            });
        });
    }

    @Test
    void browserReturnIsVerifiedButPublishesNothing() {
        String orderNo = newOrderNo();

        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(5))) {
            String verified = pipeline(producer).verifyReturn(
                    AlipaySigner.form(alipay.sign(AlipayNotificationFixture.browserReturn(orderNo))));
            assertThat(verified).isEqualTo(orderNo);
        }
        assertThat(topics.all()).noneMatch(record -> record.key().equals(orderNo));
    }

    private static reactor.core.publisher.Mono<Answer> handle(AlipayNotificationPipeline pipeline, Map<String, String> fields) {
        return pipeline.handle(AlipaySigner.formBytes(fields), "application/x-www-form-urlencoded; charset=utf-8", RECEIVED);
    }
}
