package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.localrun.Browser.Page;
import io.paygate.localrun.check.CheckReport;
import io.paygate.localrun.check.OrderState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * G1: the platform sends the same notification many times over, much of it at once — Alipay for
 * half of the orders, WeChat Pay for the other half. Every delivery is answered success and the
 * payment takes effect once: one transition, one OrderPaid, one receipt, one admin message per
 * order.
 */
@ExtendWith(FaultSystem.Lifecycle.class)
class DuplicateNotificationsIT {

    /** Orders per platform. */
    private static final int ORDERS = FaultSizes.of("duplicates.orders", 20, 100);
    private static final List<String> CHANNELS = List.of("ALIPAY", "WECHAT");
    private static final int PARALLEL = 50;
    private static final int REPLAYS = 10;
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.get();
    }

    @Test
    void fiftyParallelAndTenLaterCopiesOfEachNotificationPayEachOrderOnceOnBothPlatforms() {
        Shop shop = system.shop;
        var channelOf = new java.util.HashMap<String, String>();
        for (String channel : CHANNELS) {
            Shop.inParallel(ORDERS, 6, i -> shop.orderAwaiting(channel, 1999, "dup-" + channel.toLowerCase() + i + "@example.com"))
                    .forEach(orderNo -> channelOf.put(orderNo, channel));
        }
        List<String> orders = List.copyOf(channelOf.keySet());
        orders.forEach(orderNo -> shop.pay(channelOf.get(orderNo), orderNo));

        // 50 copies of each order's notification at once, on top of the sandbox's own delivery
        List<Page> parallel = Shop.inParallel(orders.size() * PARALLEL, PARALLEL, i -> {
            String orderNo = orders.get(i / PARALLEL);
            return shop.notifyAgain(channelOf.get(orderNo), orderNo);
        });
        await().atMost(Duration.ofSeconds(120)).until(() -> orders.stream()
                .allMatch(orderNo -> "PAID".equals(shop.order(orderNo).get("status").asString())));
        // and 10 more later, once each order is paid
        List<Page> later = Shop.inParallel(orders.size() * REPLAYS, ORDERS, i -> {
            String orderNo = orders.get(i % orders.size());
            return shop.notifyAgain(channelOf.get(orderNo), orderNo);
        });

        var sandboxCalls = new ArrayList<>(parallel);
        sandboxCalls.addAll(later);
        assertThat(sandboxCalls).allSatisfy(call -> assertThat(call.status()).as(call.body()).isEqualTo(200));
        var deliveries = new java.util.TreeMap<String, Integer>();
        for (String orderNo : orders) {
            String channel = channelOf.get(orderNo);
            JsonNode attempts = shop.trade(channel, orderNo).get("notifications");
            deliveries.merge(channel, attempts.size(), Integer::sum);
            assertThat(attempts.size()).as(orderNo).isGreaterThanOrEqualTo(PARALLEL + REPLAYS);
            for (JsonNode attempt : attempts) {
                // Alipay's success is HTTP 200 "success"; WeChat Pay's any 2xx (notify-ingress answers 200 or 204)
                assertThat(attempt.get("httpStatus").asInt()).as(orderNo + ": " + attempt).isBetween(200, 299);
                assertThat(attempt.get("acknowledged").asBoolean()).as(orderNo + ": " + attempt).isTrue();
            }
        }

        CheckReport report = system.awaitSettled("duplicates", orders, orders.size(), Duration.ofMinutes(3));
        System.out.printf("[duplicates] %d orders (%d per platform), deliveries %s, all answered success, 0 5xx%n",
                orders.size(), ORDERS, deliveries);
        assertThat(report.clean()).as(report.toString()).isTrue();
        for (OrderState order : system.states(orders)) {
            assertThat(order.effects()).as(order.orderNo()).isEqualTo(new OrderState.Effects(1, 0, 1, 1, 1, 1));
        }
    }
}
