package io.paygate.notify;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.notify.alipay.AlipaySigner;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * notify-ingress configured to ask payment-service about every notification's order, with
 * payment-service not there: the notification is answered failure (so Alipay asks again) and
 * nothing is published.
 */
class OrderCheckUnavailableIT extends RunningIngress {

    @DynamicPropertySource
    static void paymentServiceAway(DynamicPropertyRegistry registry) throws java.io.IOException {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("paygate.notify.payment-service-url", () -> "http://127.0.0.1:" + port);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.test.web.reactive.server.WebTestClient web;

    @Test
    void aNotificationWhoseOrderCannotBeCheckedIsAnsweredFailureAndPublishesNothing() {
        String orderNo = newOrderNo();
        var alipay = new AlipaySigner(ALIPAY_KEYS.getPrivate());

        String answer = web.post().uri("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(AlipaySigner.form(alipay.sign(tradeSuccess(orderNo))))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(answer).isEqualTo("failure");
        assertThat(topics.all()).noneMatch(record -> record.key().equals(orderNo));
    }
}
