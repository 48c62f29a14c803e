package io.paygate.notify;

import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Topics;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * notify-ingress running on a random port against the shared real Kafka broker, configured as
 * the test merchant whose Alipay key pair is {@link #ALIPAY_KEYS}. Subclasses share one
 * application context. {@link #topics} records both topics notify-ingress publishes to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notify-ingress",
        "paygate.alipay.app-id=2021000000000001",
        "paygate.alipay.seller-id=2088000000000001",
        "paygate.notify.return-redirect-url=https://shop.example/pay/result"})
@AutoConfigureWebTestClient
public abstract class RunningIngress {

    /** "Alipay's" key pair: the service trusts the public half, tests sign with the private half. */
    public static final KeyPair ALIPAY_KEYS = PemKeys.generateRsa();
    public static final String REDIRECT = "https://shop.example/pay/result";

    protected static TopicRecorder topics;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties(null).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("paygate.alipay.alipay-public-key.value", () -> PemKeys.toPem(ALIPAY_KEYS.getPublic()));
    }

    @BeforeAll
    static void recordTopics() {
        topics = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(),
                Topics.PAYMENT.name(), Topics.NOTIFY_RAW.name());
    }

    @AfterAll
    static void stopRecording() {
        topics.close();
    }

    /** The order check as notify-ingress runs it on its own: nobody to ask, every well-formed order number passes. */
    public static io.paygate.notify.orders.KnownOrders noOrderCheck() {
        return new io.paygate.notify.orders.KnownOrders(new NotifySettings(java.net.URI.create(REDIRECT),
                org.springframework.util.unit.DataSize.ofKilobytes(64), null, java.time.Duration.ofSeconds(1)));
    }
}
