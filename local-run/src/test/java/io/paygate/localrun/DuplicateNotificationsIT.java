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
 * G1: Alipay sends the same notification many times over, much of it at once. Every delivery is
 * answered success and the payment takes effect once: one transition, one OrderPaid, one
 * receipt, one admin message per order.
 */
@ExtendWith(FaultSystem.Lifecycle.class)
class DuplicateNotificationsIT {

    private static final int ORDERS = FaultSizes.of("duplicates.orders", 20, 100);
    private static final int PARALLEL = 50;
    private static final int REPLAYS = 10;
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.get();
    }

    @Test
    void fiftyParallelAndTenLaterCopiesOfEachNotificationPayEachOrderOnce() {
        Shop shop = system.shop;
        List<String> orders = shop.ordersAwaitingAlipay(ORDERS, 1999, i -> "dup" + i + "@example.com");
        orders.forEach(shop::pay);

        // 50 copies of each order's notification at once, on top of the sandbox's own delivery
        List<Page> parallel = Shop.inParallel(ORDERS * PARALLEL, PARALLEL, i -> shop.notifyAgain(orders.get(i / PARALLEL)));
        await().atMost(Duration.ofSeconds(90)).until(() -> orders.stream()
                .allMatch(orderNo -> "PAID".equals(shop.order(orderNo).get("status").asString())));
        // and 10 more later, once each order is paid
        List<Page> later = Shop.inParallel(ORDERS * REPLAYS, ORDERS, i -> shop.notifyAgain(orders.get(i % ORDERS)));

        var sandboxCalls = new ArrayList<>(parallel);
        sandboxCalls.addAll(later);
        assertThat(sandboxCalls).allSatisfy(call -> assertThat(call.status()).as(call.body()).isEqualTo(200));
        int deliveries = 0;
        for (String orderNo : orders) {
            JsonNode attempts = shop.trade(orderNo).get("notifications");
            deliveries += attempts.size();
            assertThat(attempts.size()).as(orderNo).isGreaterThanOrEqualTo(PARALLEL + REPLAYS);
            for (JsonNode attempt : attempts) {
                assertThat(attempt.get("httpStatus").asInt()).as(orderNo + ": " + attempt).isEqualTo(200);
                assertThat(attempt.get("acknowledged").asBoolean()).as(orderNo + ": " + attempt).isTrue();
            }
        }

        CheckReport report = system.awaitSettled("duplicates", orders, ORDERS, Duration.ofMinutes(2));
        System.out.printf("[duplicates] %d orders, %d deliveries, all answered success (HTTP 200 \"success\"), 0 5xx%n", ORDERS, deliveries);
        assertThat(report.clean()).as(report.toString()).isTrue();
        for (OrderState order : system.states(orders)) {
            assertThat(order.effects()).as(order.orderNo()).isEqualTo(new OrderState.Effects(1, 0, 1, 1, 1, 1));
        }
    }
}
