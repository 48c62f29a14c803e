package io.paygate.notify.wechat;

import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Topics;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * notify-ingress with WeChat Pay enabled in public-key mode against the shared real Kafka
 * broker, trusting two WeChat Pay public keys at once (a rotation in progress): {@link #OLD_KEY}
 * and {@link #NEW_KEY}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notify-ingress",
        "paygate.alipay.app-id=2021000000000001",
        "paygate.wechat.enabled=true",
        "paygate.wechat.mchid=" + WechatNotificationFixture.MCHID,
        "paygate.wechat.appid=" + WechatNotificationFixture.APPID,
        "paygate.wechat.api-v3-key=" + WechatNotificationFixture.API_V3_KEY,
        "paygate.wechat.verification=PUBLIC_KEY"})
@AutoConfigureWebTestClient
abstract class RunningWechatIngress {

    static final WechatPlatform OLD_KEY = WechatPlatform.withPublicKey();
    static final WechatPlatform NEW_KEY = WechatPlatform.withPublicKey();
    static final String PAID = "io.paygate.PaymentSucceeded.v1";
    static final String RECEIVED = "io.paygate.NotificationReceived.v1";

    static TopicRecorder topics;

    @Autowired
    WebTestClient web;

    /** The list lives in one property source as a whole: Boot binds a list from the highest source that has any element. */
    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties(null).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("paygate.alipay.alipay-public-key.value", () -> PemKeys.toPem(PemKeys.generateRsa().getPublic()));
        registry.add("paygate.wechat.public-keys[0].id", OLD_KEY::serial);
        registry.add("paygate.wechat.public-keys[0].key.value", OLD_KEY::publicKeyPem);
        registry.add("paygate.wechat.public-keys[1].id", NEW_KEY::serial);
        registry.add("paygate.wechat.public-keys[1].key.value", NEW_KEY::publicKeyPem);
    }

    @BeforeAll
    static void recordTopics() {
        topics = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.PAYMENT.name(), Topics.NOTIFY_RAW.name());
    }

    @AfterAll
    static void stopRecording() {
        topics.close();
    }

    EntityExchangeResult<String> post(String path, Delivery delivery) {
        return post(path, delivery, MediaType.APPLICATION_JSON);
    }

    EntityExchangeResult<String> post(String path, Delivery delivery, MediaType contentType) {
        return web.mutate().responseTimeout(Duration.ofSeconds(15)).build()
                .post().uri(path)
                .contentType(contentType)
                .headers(headers -> delivery.headers().forEach(headers::add))
                .bodyValue(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }
}
