package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.APP_ID;
import static io.paygate.notify.alipay.AlipayNotificationFixture.SELLER_ID;
import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.partialRefund;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.keys.PemKeys;
import io.paygate.events.EventCodec;
import io.paygate.events.NotificationReceived;
import io.paygate.notify.alipay.AlipayNotificationPipeline.Answer;
import io.paygate.notify.publish.EventIds;
import io.paygate.notify.publish.NotifyEvents;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** The pipeline against a producer whose acknowledgements the test hands out. */
class AlipayNotificationPipelineTest {

    private static final KeyPair ALIPAY = PemKeys.generateRsa();
    private static final Instant RECEIVED = Instant.parse("2026-11-26T09:31:04Z");

    private final AlipaySigner alipay = new AlipaySigner(ALIPAY.getPrivate());
    private final List<Send> sends = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private AlipayNotificationPipeline pipeline;

    record Send(ProducerRecord<String, byte[]> record, CompletableFuture<SendResult<String, byte[]>> ack) {
        void acknowledge() {
            ack.complete(new SendResult<>(record, new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0)));
        }

        String header(String name) {
            return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    @SuppressWarnings("unchecked")
    void pipelineOverAControlledProducer() {
        KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);
        when(kafka.send(any(ProducerRecord.class))).thenAnswer(call -> {
            var send = new Send(call.getArgument(0), new CompletableFuture<>());
            sends.add(send);
            return send.ack();
        });
        var publisher = new EventPublisher(kafka, new EventCodec(), Duration.ofMillis(500));
        pipeline = new AlipayNotificationPipeline(
                new AlipaySignatureCheck(AlipaySigner.base64(ALIPAY.getPublic().getEncoded())),
                new AlipayFieldCheck(APP_ID, SELLER_ID), new NotifyEvents(publisher), meters, io.paygate.notify.RunningIngress.noOrderCheck());
        logs.start();
        ((Logger) LoggerFactory.getLogger(AlipayNotificationPipeline.class)).addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(AlipayNotificationPipeline.class)).detachAppender(logs);
    }

    @Test
    void answersSuccessOnlyAfterEveryEventIsAcknowledged() {
        var answer = handle(alipay.sign(tradeSuccess(newOrderNo()))).toFuture();

        await().atMost(Duration.ofSeconds(2)).until(() -> sends.size() == 2);
        assertThat(answer).isNotDone();
        sends.get(0).acknowledge();
        assertThat(answer).isNotDone();
        sends.get(1).acknowledge();

        assertThat(answer.join()).isEqualTo(Answer.SUCCESS);
        assertThat(meters.counter("paygate.notify.accepted", "channel", "alipay", "outcome", "paid").count()).isEqualTo(1);
    }

    @Test
    void publishesThePaymentAndTheRawNotificationUnderDeterministicIds() {
        String orderNo = newOrderNo();
        Map<String, String> signed = alipay.sign(tradeSuccess(orderNo));

        var answer = handle(signed).toFuture();
        await().atMost(Duration.ofSeconds(2)).until(() -> sends.size() == 2);
        sends.forEach(Send::acknowledge);
        answer.join();

        var byTopic = sends.stream().collect(java.util.stream.Collectors.toMap(s -> s.record().topic(), s -> s));
        Send payment = byTopic.get("paygate.payment.v1");
        Send raw = byTopic.get("paygate.notify.raw.v1");
        assertThat(payment.record().key()).isEqualTo(orderNo);
        assertThat(payment.header("ce_id")).isEqualTo(EventIds.paid(io.paygate.events.Channel.ALIPAY, signed.get("trade_no")));
        assertThat(payment.header("ce_source")).isEqualTo("/paygate/notify-ingress");
        assertThat(raw.record().key()).isEqualTo(orderNo);
        assertThat(raw.header("ce_id"))
                .isEqualTo(EventIds.notification(io.paygate.events.Channel.ALIPAY, signed.get("notify_id"), signed.get("sign")));
        var received = (NotificationReceived) new EventCodec().read(raw.header("ce_type"), raw.record().value());
        assertThat(received.body()).isEqualTo(AlipaySigner.form(signed));
        assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.PAYMENT);
        assertThat(received.contentType()).isEqualTo("application/x-www-form-urlencoded; charset=utf-8");
        assertThat(received.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void answersFailureWhenTheBrokerDoesNotAcknowledgeInTime() {
        long started = System.nanoTime();

        Answer answer = handle(alipay.sign(tradeSuccess(newOrderNo()))).block(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo(Answer.FAILURE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(meters.counter("paygate.notify.publish.failed", "channel", "alipay").count()).isEqualTo(1);
    }

    @Test
    void answersFailureWhenOneOfTheEventsIsRefused() {
        var answer = handle(alipay.sign(tradeSuccess(newOrderNo()))).toFuture();

        await().atMost(Duration.ofSeconds(2)).until(() -> sends.size() == 2);
        sends.get(0).acknowledge();
        sends.get(1).ack().completeExceptionally(new org.apache.kafka.common.errors.NotEnoughReplicasException("test"));

        assertThat(answer.join()).isEqualTo(Answer.FAILURE);
    }

    @Test
    void refundUpdateIsPublishedOnlyAsARawRefundNotification() {
        var answer = handle(alipay.sign(partialRefund(newOrderNo()))).toFuture();

        await().atMost(Duration.ofSeconds(2)).until(() -> sends.size() == 1);
        sends.get(0).acknowledge();

        assertThat(answer.join()).isEqualTo(Answer.SUCCESS);
        assertThat(sends).singleElement().satisfies(send -> {
            assertThat(send.record().topic()).isEqualTo("paygate.notify.raw.v1");
            var received = (NotificationReceived) new EventCodec().read(send.header("ce_type"), send.record().value());
            assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.REFUND);
        });
    }

    @Test
    void refusedNotificationPublishesNothingIsCountedByReasonAndLogsNoSignature() {
        String orderNo = newOrderNo();
        var tampered = AlipaySigner.with(alipay.sign(tradeSuccess(orderNo)), "total_amount", "0.01");

        Answer answer = handle(tampered).block(Duration.ofSeconds(1));

        assertThat(answer).isEqualTo(Answer.FAILURE);
        assertThat(sends).isEmpty();
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

        String verified = pipeline.verifyReturn(AlipaySigner.form(alipay.sign(AlipayNotificationFixture.browserReturn(orderNo))));

        assertThat(verified).isEqualTo(orderNo);
        assertThat(sends).isEmpty();
    }

    private reactor.core.publisher.Mono<Answer> handle(Map<String, String> fields) {
        return pipeline.handle(AlipaySigner.formBytes(fields), "application/x-www-form-urlencoded; charset=utf-8", RECEIVED);
    }
}
