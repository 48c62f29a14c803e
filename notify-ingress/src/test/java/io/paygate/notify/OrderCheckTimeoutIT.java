package io.paygate.notify;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.devstack.SilentServer;
import io.paygate.notify.alipay.AlipaySigner;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * payment-service accepting notify-ingress's connection and never answering: the order check
 * gives up within {@code paygate.notify.order-check-timeout} and the notification is answered
 * failure (Alipay retries), publishing nothing.
 */
class OrderCheckTimeoutIT extends RunningIngress {

    private static final SilentServer PAYMENT_SERVICE = new SilentServer();

    @DynamicPropertySource
    static void paymentServiceSilent(DynamicPropertyRegistry registry) {
        registry.add("paygate.notify.payment-service-url", () -> PAYMENT_SERVICE.uri("").toString());
    }

    @Autowired
    WebTestClient web;
    @Autowired
    NotifySettings settings;

    @AfterAll
    static void stopServer() {
        PAYMENT_SERVICE.close();
    }

    @Test
    void aNotificationWhoseOrderCheckHangsIsAnsweredFailureWithinTheCheckTimeoutAndPublishesNothing() {
        String orderNo = newOrderNo();
        var alipay = new AlipaySigner(ALIPAY_KEYS.getPrivate());
        long start = System.nanoTime();

        String answer = web.mutate().responseTimeout(Duration.ofSeconds(60)).build()
                .post().uri("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(AlipaySigner.form(alipay.sign(tradeSuccess(orderNo))))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer).isEqualTo("failure");
        assertThat(PAYMENT_SERVICE.connections()).isPositive();
        assertThat(took).isLessThan(settings.orderCheckTimeout().plusSeconds(10));
        assertThat(topics.all()).noneMatch(record -> record.key().equals(orderNo));
    }
}
