package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.localrun.check.CheckReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * G9: the broker is unreachable while Alipay and WeChat Pay notify (half of the payments each).
 * notify-ingress cannot get an acknowledgement, so it answers every notification with failure
 * (Alipay: {@code failure}; WeChat Pay: 503 {@code {"code":"FAIL"}}), within the 3 s the platform
 * contract leaves it (its 2 s ack timeout plus at most 800 ms asking payment-service about the
 * order); the platforms' retries (and the sweep) bring every payment in once the broker is back.
 */
@ExtendWith(FaultSystem.Lifecycle.class)
class KafkaOutageIT {

    private static final int PAYMENTS = FaultSizes.of("outage.payments", 100, 100);
    private static final Duration OUTAGE = Duration.ofSeconds(FaultSizes.of("outage.seconds", 30, 30));
    /** The platform's contract for an answer, kept as the one timed assertion of these tests. */
    private static final long ANSWER_BOUND_MILLIS = 3000;
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.get();
    }

    @Test
    void notificationsDuringABrokerOutageAreAnsweredFailureWithinThreeSecondsAndAllAppliedAfterIt() {
        Shop shop = system.shop;
        List<String> orders = Shop.inParallel(PAYMENTS, 6, i -> shop.orderAwaiting(channel(i), 2500, "outage" + i + "@example.com"));

        system.kafka.stop();
        long outageStarted = System.nanoTime();
        List<Shop.Answer> answers;
        try {
            // the buyers pay: the sandbox notifies each at once, and we deliver one more copy of each, timed
            for (int i = 0; i < PAYMENTS; i++) {
                shop.pay(channel(i), orders.get(i));
            }
            answers = Shop.inParallel(PAYMENTS, 10, i -> "ALIPAY".equals(channel(i))
                    ? shop.deliver(shop.paymentNotification(shop.trade(orders.get(i)), "outage-" + i))
                    : shop.deliverWechatAgain(orders.get(i)));
            Duration left = OUTAGE.minusNanos(System.nanoTime() - outageStarted);
            if (left.isPositive()) {
                await("the rest of the outage").pollDelay(left).atMost(left.plusSeconds(5)).until(() -> true);
            }
            for (int i = 0; i < PAYMENTS; i++) {
                String orderNo = orders.get(i);
                for (JsonNode attempt : shop.trade(channel(i), orderNo).get("notifications")) {
                    assertThat(attempt.get("acknowledged").asBoolean()).as(orderNo + " during the outage: " + attempt).isFalse();
                }
            }
        } finally {
            system.kafka.start();
        }
        long outageMillis = (System.nanoTime() - outageStarted) / 1_000_000;

        assertThat(answers).allSatisfy(answer -> {
            if (answer.notification() != null) {
                // Alipay reads the body: failure, with HTTP 200
                assertThat(answer.status()).as("HTTP status").isLessThan(500);
                assertThat(answer.body()).isEqualTo("failure");
            } else {
                // WeChat Pay reads the status: anything but 2xx is a failure; 503 says "try again"
                assertThat(answer.status()).as("HTTP status to WeChat Pay").isEqualTo(503);
                assertThat(answer.body()).contains("\"code\":\"FAIL\"");
            }
        });
        long slowest = answers.stream().mapToLong(Shop.Answer::millis).max().orElseThrow();
        System.out.printf("[outage] broker down %d ms; %d timed notifications (Alipay and WeChat Pay) answered failure, slowest %d ms, median %d ms%n",
                outageMillis, answers.size(), slowest, answers.stream().mapToLong(Shop.Answer::millis).sorted().skip(answers.size() / 2).findFirst().orElseThrow());
        assertThat(answers).allSatisfy(answer -> assertThat(answer.millis()).as("answer time").isLessThan(ANSWER_BOUND_MILLIS));

        CheckReport report = system.awaitSettled("kafka-outage", orders, PAYMENTS, Duration.ofMinutes(3));
        assertThat(report.clean()).as(report.toString()).isTrue();
        Map<String, Long> bySource = orders.stream()
                .map(orderNo -> system.topics.of(orderNo, "io.paygate.PaymentSucceeded.v1").getFirst())
                .map(record -> Browser.JSON.readTree(record.value()).path("source").asString("?"))
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.printf("[outage] first PaymentSucceeded per order by source: %s; notifications acknowledged after the outage: %d%n",
                bySource, orders.stream().filter(orderNo -> acknowledged(shop, orderNo)).count());
    }

    private static String channel(int i) {
        return i % 2 == 0 ? "ALIPAY" : "WECHAT";
    }

    /** Which channel an order of this test pays on: its WeChat Pay trade exists only if it was started there. */
    private static String channel(String orderNo) {
        return system.shop.trade("WECHAT", orderNo).has("outTradeNo") ? "WECHAT" : "ALIPAY";
    }

    private static boolean acknowledged(Shop shop, String orderNo) {
        for (JsonNode attempt : shop.trade(channel(orderNo), orderNo).get("notifications")) {
            if (attempt.get("acknowledged").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
