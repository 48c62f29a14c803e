package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static io.paygate.notify.wechat.WechatNotificationFixture.newOrderNo;
import static io.paygate.notify.wechat.WechatNotificationFixture.paid;
import static io.paygate.notify.wechat.WechatNotificationFixture.transactionIdFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.Topics;
import io.paygate.notify.publish.EventIds;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The older verification mode: self-signed "platform certificates", two trusted at once, found by serial. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notify-ingress",
        "paygate.alipay.app-id=2021000000000001",
        "paygate.wechat.enabled=true",
        "paygate.wechat.mchid=" + WechatNotificationFixture.MCHID,
        "paygate.wechat.appid=" + WechatNotificationFixture.APPID,
        "paygate.wechat.api-v3-key=" + WechatNotificationFixture.API_V3_KEY,
        "paygate.wechat.verification=PLATFORM_CERTIFICATE"})
@AutoConfigureWebTestClient
class WechatCertificateModeIT {

    private static final WechatPlatform CURRENT = WechatPlatform.withCertificate();
    private static final WechatPlatform NEXT = WechatPlatform.withCertificate();
    private static final WechatPlatform UNKNOWN = WechatPlatform.withCertificate();
    private static final String PAID = "io.paygate.PaymentSucceeded.v1";

    private static TopicRecorder topics;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties(null).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("paygate.alipay.alipay-public-key.value", () -> PemKeys.toPem(PemKeys.generateRsa().getPublic()));
        registry.add("paygate.wechat.platform-certificates[0].value", CURRENT::certificatePem);
        registry.add("paygate.wechat.platform-certificates[1].value", NEXT::certificatePem);
    }

    @BeforeAll
    static void recordTopics() {
        topics = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.PAYMENT.name(), Topics.NOTIFY_RAW.name());
    }

    @AfterAll
    static void stopRecording() {
        topics.close();
    }

    @Test
    void paymentSignedWithEitherTrustedCertificateIsAcceptedAndPublished() {
        String signedByCurrent = newOrderNo();
        String signedByNext = newOrderNo();

        assertThat(post(CURRENT.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(signedByCurrent), Instant.now())).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post(NEXT.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(signedByNext), Instant.now())).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> topics.of(signedByCurrent, PAID).size() == 1 && topics.of(signedByNext, PAID).size() == 1);
        assertThat(TopicRecorder.header(topics.of(signedByCurrent, PAID).getFirst(), "ce_id"))
                .isEqualTo(EventIds.paid(Channel.WECHAT, transactionIdFor(signedByCurrent)));
    }

    @Test
    void certificateSerialWeDoNotTrustIsRefusedAsUnauthorized() {
        String orderNo = newOrderNo();

        EntityExchangeResult<String> answer = post(UNKNOWN.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now()));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getResponseBody()).contains("\"code\":\"FAIL\"").contains("serial_unknown");
    }

    @Test
    void trustedSerialWithAnotherKeysSignatureIsRefused() {
        String orderNo = newOrderNo();
        Delivery genuine = CURRENT.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now());

        EntityExchangeResult<String> answer = post(genuine.withSignature(
                UNKNOWN.signature(genuine.timestamp() + "\n" + genuine.nonce() + "\n" + genuine.body() + "\n")));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getResponseBody()).contains("signature_invalid");
    }

    private EntityExchangeResult<String> post(Delivery delivery) {
        return web.post().uri("/notify/wechat/payment")
                .contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> delivery.headers().forEach(headers::add))
                .bodyValue(delivery.body().getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }
}
