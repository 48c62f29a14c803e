package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.notify.RunningIngress;
import io.paygate.notify.publish.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Takes the shared broker away for real and gives it back. */
class KafkaOutageIT extends RunningIngress {

    private static final String PAID = "io.paygate.PaymentSucceeded.v1";

    @Autowired
    WebTestClient web;

    @Test
    void withoutBrokerTheAnswerIsFailureWithinSecondsAndAlipaysRetryAfterRecoverySucceeds() {
        String orderNo = newOrderNo();
        Map<String, String> signed = new AlipaySigner(ALIPAY_KEYS.getPrivate()).sign(tradeSuccess(orderNo));
        String body = AlipaySigner.form(signed);
        var kafka = SharedStack.get().kafka();

        kafka.stop();
        try {
            long started = System.nanoTime();
            String answer = post(body);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer).isNotEqualTo("success").isEqualTo("failure");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            web.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        } finally {
            kafka.start();
        }

        // Alipay re-sends the same notification until it reads success
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> "success".equals(post(body)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !topics.of(orderNo, PAID).isEmpty());
        assertThat(topics.of(orderNo, PAID)).extracting(record -> TopicRecorder.header(record, "ce_id"))
                .containsOnly(EventIds.paid(Channel.ALIPAY, signed.get("trade_no")));
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private String post(String body) {
        return web.mutate().responseTimeout(Duration.ofSeconds(15)).build()
                .post().uri("/notify/alipay")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue(body.getBytes(StandardCharsets.US_ASCII))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
