package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.localrun.check.CheckReport;
import io.paygate.notify.publish.EventIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * G2: the broker process is killed with SIGKILL, twice, while notifications stream in, and
 * restarted on its port and data. notify-ingress answers success only after the broker
 * acknowledged, so every notification answered success is on the topic afterwards; the rest
 * are answered failure and the payments come in anyway. Half of the orders are paid through
 * Alipay (signed forms we send ourselves), half through WeChat Pay (deliveries the sandbox makes
 * on demand, each with its own signature).
 */
@ExtendWith(FaultSystem.Lifecycle.class)
class BrokerKillIT {

    private static final int NOTIFICATIONS = FaultSizes.of("brokerKill.notifications", 2000, 10000);
    private static final int ORDERS = FaultSizes.of("brokerKill.orders", 100, 500);
    private static final int SENDERS = 8;
    private static final String RAW = "io.paygate.NotificationReceived.v1";
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.get();
    }

    @Test
    void noNotificationAnsweredSuccessIsMissingFromTheTopicAfterTheBrokerIsKilledTwice() throws Exception {
        Shop shop = system.shop;
        List<String> orders = Shop.inParallel(ORDERS, 6, i -> shop.orderAwaiting(channel(i), 1200, "kill" + i + "@example.com"));
        for (int i = 0; i < ORDERS; i++) {
            if ("ALIPAY".equals(channel(i))) {
                // Alipay's own deliveries are switched off: every Alipay notification is one we send and count
                shop.fault(orders.get(i), Map.of("dropNotifications", true));
            }
            shop.pay(channel(i), orders.get(i));
        }
        List<JsonNode> trades = java.util.stream.IntStream.range(0, ORDERS)
                .mapToObj(i -> "ALIPAY".equals(channel(i)) ? shop.trade(orders.get(i)) : null).toList();

        var sent = new AtomicInteger();
        List<Future<Shop.Answer>> answers;
        long[] killedAt = new long[2];
        try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            answers = java.util.stream.IntStream.range(0, NOTIFICATIONS)
                    .mapToObj(i -> senders.submit(() -> {
                        int order = i % ORDERS;
                        Shop.Answer answer = null;
                        if ("ALIPAY".equals(channel(order))) {
                            answer = shop.deliver(shop.paymentNotification(trades.get(order), "kill-" + i));
                        } else {
                            // the sandbox delivers the order's notification once more, now, freshly signed
                            shop.notifyAgain("WECHAT", orders.get(order));
                        }
                        sent.incrementAndGet();
                        return answer;
                    }))
                    .toList();
            for (int kill = 0; kill < 2; kill++) {
                int at = NOTIFICATIONS * (kill + 1) / 3;
                await("notification " + at).atMost(Duration.ofMinutes(5)).until(() -> sent.get() >= at);
                killedAt[kill] = sent.get();
                system.kafka.kill();
                system.kafka.start();
            }
        }

        List<Shop.Answer> all = answers.stream().map(BrokerKillIT::get).filter(java.util.Objects::nonNull).toList();
        List<Shop.Answer> succeeded = all.stream().filter(Shop.Answer::success).toList();
        long serverErrors = all.stream().filter(a -> a.status() >= 500).count();
        Set<String> acknowledged = succeeded.stream()
                .map(a -> EventIds.notification(Channel.ALIPAY, a.notification().get("notify_id"), a.notification().get("sign")))
                .collect(Collectors.toCollection(java.util.HashSet::new));
        // WeChat Pay: every delivery the sandbox made (scheduled or on demand), as the sandbox recorded it
        int wechatDeliveries = 0, wechatAcknowledged = 0;
        var wechatRefusals = new java.util.TreeMap<String, Integer>();
        for (int i = 0; i < ORDERS; i++) {
            if (!"WECHAT".equals(channel(i))) {
                continue;
            }
            for (JsonNode attempt : shop.trade("WECHAT", orders.get(i)).get("notifications")) {
                wechatDeliveries++;
                if (attempt.get("acknowledged").asBoolean()) {
                    wechatAcknowledged++;
                    acknowledged.add(EventIds.notification(Channel.WECHAT, attempt.get("notificationId").asString(),
                            attempt.get("signature").asString()));
                } else {
                    wechatRefusals.merge(attempt.path("httpStatus").isNull() ? "no answer" : attempt.get("httpStatus").asString(), 1,
                            Integer::sum);
                }
            }
        }
        try {
            await("every acknowledged notification on the raw topic").atMost(Duration.ofMinutes(2))
                    .until(() -> missing(acknowledged).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported below with the figures
        }
        Set<String> missing = missing(acknowledged);
        System.out.printf("[broker-kill] %d notifications to %d orders, broker SIGKILLed after %d and %d sent. Alipay: %d sent,"
                        + " %d answered success, %d failure, %d 5xx, slowest answer %d ms. WeChat Pay: %d deliveries, %d acknowledged,"
                        + " not acknowledged by status %s. Acknowledged but missing from the topic: %d%n",
                NOTIFICATIONS, ORDERS, killedAt[0], killedAt[1], all.size(), succeeded.size(), all.size() - succeeded.size(),
                serverErrors, all.stream().mapToLong(Shop.Answer::millis).max().orElse(0), wechatDeliveries, wechatAcknowledged,
                wechatRefusals, missing.size());
        assertThat(missing).as("acknowledged yet missing from paygate.notify.raw.v1").isEmpty();
        assertThat(serverErrors).isZero();
        assertThat(all.size() - succeeded.size()).as("Alipay notifications answered failure while the broker was away").isPositive();
        // WeChat Pay reads any non-2xx as "retry"; notify-ingress says so with 503, never with a 500
        assertThat(wechatRefusals.keySet()).as("WeChat Pay deliveries not acknowledged, by status").isSubsetOf("503", "no answer");

        CheckReport report = system.awaitSettled("broker-kill", orders, ORDERS, Duration.ofMinutes(3));
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    /** Alipay for even orders, WeChat Pay for odd ones. */
    private static String channel(int i) {
        return i % 2 == 0 ? "ALIPAY" : "WECHAT";
    }

    private static Set<String> missing(Set<String> acknowledged) {
        Set<String> onTopic = system.topics.all().stream()
                .filter(r -> RAW.equals(TopicRecorder.header(r, "ce_type")))
                .map(r -> TopicRecorder.header(r, "ce_id"))
                .collect(Collectors.toSet());
        return acknowledged.stream().filter(id -> !onTopic.contains(id)).collect(Collectors.toSet());
    }

    private static Shop.Answer get(Future<Shop.Answer> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
