package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static io.paygate.notify.wechat.WechatNotificationFixture.newOrderNo;
import static io.paygate.notify.wechat.WechatNotificationFixture.paid;
import static io.paygate.notify.wechat.WechatNotificationFixture.transactionIdFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.notify.publish.EventIds;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** Takes the shared broker away for real and gives it back. */
class WechatKafkaOutageIT extends RunningWechatIngress {

    @Test
    void withoutBrokerTheAnswerIs5xxWithinSecondsAndARetryAfterRecoveryIsAccepted() {
        String orderNo = newOrderNo();
        var kafka = SharedStack.get().kafka();

        kafka.stop();
        try {
            long started = System.nanoTime();
            EntityExchangeResult<String> answer = post("/notify/wechat/payment",
                    OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.getStatus().is5xxServerError()).isTrue();
            assertThat(answer.getResponseBody()).contains("\"code\":\"FAIL\"");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
        } finally {
            kafka.start();
        }

        // WeChat Pay retries, freshly signed each time, until it reads 2xx
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                post("/notify/wechat/payment", OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now()))
                        .getStatus() == HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(20)).until(() -> !topics.of(orderNo, PAID).isEmpty());
        assertThat(topics.of(orderNo, PAID)).extracting(record -> TopicRecorder.header(record, "ce_id"))
                .containsOnly(EventIds.paid(Channel.WECHAT, transactionIdFor(orderNo)));
    }
}
