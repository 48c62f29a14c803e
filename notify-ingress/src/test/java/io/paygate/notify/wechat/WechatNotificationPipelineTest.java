package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static io.paygate.notify.wechat.WechatNotificationFixture.paid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paygate.common.keys.KeySource;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Topics;
import io.paygate.notify.RealProducer;
import io.paygate.notify.RunningIngress;
import io.paygate.notify.publish.NotifyEvents;
import io.paygate.notify.wechat.WechatNotificationPipeline.Answer;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import io.paygate.notify.wechat.WechatSettings.PublicKeyEntry;
import io.paygate.notify.wechat.WechatSettings.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The WeChat pipeline over a real producer and the shared real broker. Where an acknowledgement
 * must come late or never, the broker itself is stopped; nothing about Kafka is simulated.
 */
class WechatNotificationPipelineTest {

    private static final WechatPlatform PLATFORM = WechatPlatform.withPublicKey();
    private static final String PAID = "io.paygate.PaymentSucceeded.v1";
    private static final String RAW = "io.paygate.NotificationReceived.v1";

    private static TopicRecorder topics;

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
        ((Logger) LoggerFactory.getLogger(WechatNotificationPipeline.class)).addAppender(logs);
    }

    @AfterEach
    void detachLogs() {
        ((Logger) LoggerFactory.getLogger(WechatNotificationPipeline.class)).detachAppender(logs);
    }

    private WechatNotificationPipeline pipeline(RealProducer producer) {
        var settings = new WechatSettings(true, WechatNotificationFixture.MCHID, WechatNotificationFixture.APPID, API_V3_KEY,
                Verification.PUBLIC_KEY, List.of(),
                List.of(new PublicKeyEntry(PLATFORM.serial(), new KeySource(PLATFORM.publicKeyPem(), null))), Duration.ofMinutes(5));
        return new WechatNotificationPipeline(settings, new WechatSignatureCheck(settings), new WechatFieldCheck(settings),
                new NotifyEvents(producer.publisher()), meters, RunningIngress.noOrderCheck());
    }

    private static String newOrderNo() {
        return io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo();
    }

    @Test
    void answerWaitsUntilEveryEventIsAcknowledged() {
        String orderNo = newOrderNo();
        var kafka = SharedStack.get().kafka();
        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(60))) {
            var pipeline = pipeline(producer);
            // a first notification while the broker is up, so the producer knows where to send
            assertThat(handle(pipeline, newOrderNo()).block()).isEqualTo(Answer.ACCEPTED);
            kafka.stop();
            var answer = new AtomicReference<Answer>();
            try {
                handle(pipeline, orderNo).subscribe(answer::set);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> answer.get() == null);
            } finally {
                kafka.start();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> answer.get() != null);
            assertThat(answer.get()).isEqualTo(Answer.ACCEPTED);
            assertThat(answer.get().status()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RAW).size() == 1);
    }

    @Test
    void unacknowledgedEventMeansRetryLaterWithin5xx() {
        var kafka = SharedStack.get().kafka();
        try (var producer = RealProducer.withAckTimeout(Duration.ofMillis(500))) {
            var pipeline = pipeline(producer);
            kafka.stop();
            try {
                Answer answer = handle(pipeline, newOrderNo()).block(Duration.ofSeconds(5));

                assertThat(answer).isEqualTo(Answer.NOT_RECORDED);
                assertThat(answer.status().is5xxServerError()).isTrue();
            } finally {
                kafka.start();
            }
        }
        assertThat(meters.counter("paygate.notify.publish.failed", "channel", "wechat").count()).isEqualTo(1);
    }

    @Test
    void refusalIsCountedAndLoggedWithoutSignatureOrKey() {
        String orderNo = newOrderNo();
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now())
                .withSignature(PLATFORM.signature("something else"));

        Answer answer;
        try (var producer = RealProducer.withAckTimeout(Duration.ofSeconds(5))) {
            answer = pipeline(producer).handle(WechatEndpoint.PAYMENT, bytes(delivery), headers(delivery), Instant.now())
                    .block(Duration.ofSeconds(3));
        }

        assertThat(answer.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(topics.all()).noneMatch(record -> record.key().equals(orderNo));
        assertThat(meters.counter("paygate.notify.rejected", "channel", "wechat", "endpoint", "payment", "reason", "signature_invalid").count())
                .isEqualTo(1);
        assertThat(logs.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .doesNotContain(delivery.signature()).doesNotContain(API_V3_KEY).doesNotContain(orderNo));
    }

    private static reactor.core.publisher.Mono<Answer> handle(WechatNotificationPipeline pipeline, String orderNo) {
        Delivery delivery = PLATFORM.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now());
        return pipeline.handle(WechatEndpoint.PAYMENT, bytes(delivery), headers(delivery), Instant.now());
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
