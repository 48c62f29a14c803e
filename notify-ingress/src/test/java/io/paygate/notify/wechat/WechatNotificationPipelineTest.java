package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static io.paygate.notify.wechat.WechatNotificationFixture.paid;
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
import io.paygate.common.keys.KeySource;
import io.paygate.events.EventCodec;
import io.paygate.notify.publish.NotifyEvents;
import io.paygate.notify.wechat.WechatNotificationPipeline.Answer;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import io.paygate.notify.wechat.WechatSettings.PublicKeyEntry;
import io.paygate.notify.wechat.WechatSettings.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** The WeChat pipeline against a producer whose acknowledgements the test hands out. */
class WechatNotificationPipelineTest {

    private static final WechatPlatform PLATFORM = WechatPlatform.withPublicKey();
    private static final String ORDER_NO = "20261126173000000001";

    private final List<Send> sends = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private WechatNotificationPipeline pipeline;

    record Send(ProducerRecord<String, byte[]> record, CompletableFuture<SendResult<String, byte[]>> ack) {
        void acknowledge() {
            ack.complete(new SendResult<>(record, new RecordMetadata(new TopicPartition(record.topic(), 0), 0, 0, 0, 0, 0)));
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
        var settings = new WechatSettings(true, WechatNotificationFixture.MCHID, WechatNotificationFixture.APPID, API_V3_KEY,
                Verification.PUBLIC_KEY, List.of(),
                List.of(new PublicKeyEntry(PLATFORM.serial(), new KeySource(PLATFORM.publicKeyPem(), null))), Duration.ofMinutes(5));
        pipeline = new WechatNotificationPipeline(settings, new WechatSignatureCheck(settings), new WechatFieldCheck(settings),
                new NotifyEvents(new EventPublisher(kafka, new EventCodec(), Duration.ofMillis(500))), meters, io.paygate.notify.RunningIngress.noOrderCheck());
        logs.start();
        ((Logger) LoggerFactory.getLogger(WechatNotificationPipeline.class)).addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(WechatNotificationPipeline.class)).detachAppender(logs);
    }

    @Test
    void answerWaitsUntilEveryEventIsAcknowledged() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(ORDER_NO), Instant.now());
        var answer = new AtomicReference<Answer>();

        pipeline.handle(WechatEndpoint.PAYMENT, bytes(delivery), headers(delivery), Instant.now()).subscribe(answer::set);

        await().atMost(Duration.ofSeconds(2)).until(() -> sends.size() == 2);
        sends.getFirst().acknowledge();
        assertThat(answer.get()).isNull();
        sends.get(1).acknowledge();
        await().atMost(Duration.ofSeconds(2)).until(() -> answer.get() != null);
        assertThat(answer.get()).isEqualTo(Answer.ACCEPTED);
        assertThat(answer.get().status()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(sends).extracting(send -> send.record().topic()).containsExactlyInAnyOrder("paygate.payment.v1", "paygate.notify.raw.v1");
    }

    @Test
    void unacknowledgedEventMeansRetryLaterWithin5xx() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(ORDER_NO), Instant.now());

        Answer answer = pipeline.handle(WechatEndpoint.PAYMENT, bytes(delivery), headers(delivery), Instant.now())
                .block(Duration.ofSeconds(3));

        assertThat(answer).isEqualTo(Answer.NOT_RECORDED);
        assertThat(answer.status().is5xxServerError()).isTrue();
        assertThat(meters.counter("paygate.notify.publish.failed", "channel", "wechat").count()).isEqualTo(1);
    }

    @Test
    void refusalIsCountedAndLoggedWithoutSignatureOrKey() {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(ORDER_NO), Instant.now())
                .withSignature(PLATFORM.signature("something else"));

        Answer answer = pipeline.handle(WechatEndpoint.PAYMENT, bytes(delivery), headers(delivery), Instant.now()).block(Duration.ofSeconds(3));

        assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(sends).isEmpty();
        assertThat(meters.counter("paygate.notify.rejected", "channel", "wechat", "endpoint", "payment", "reason", "signature_invalid").count())
                .isEqualTo(1);
        assertThat(logs.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .doesNotContain(delivery.signature()).doesNotContain(API_V3_KEY).doesNotContain(ORDER_NO));
    }

    private static byte[] bytes(Delivery delivery) {
        return delivery.body().getBytes(StandardCharsets.UTF_8);
    }

    private static HttpHeaders headers(Delivery delivery) {
        var headers = new HttpHeaders();
        delivery.headers().forEach(headers::add);
        headers.add(HttpHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }
}
