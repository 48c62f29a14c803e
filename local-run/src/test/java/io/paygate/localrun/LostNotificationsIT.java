package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.localrun.check.CheckReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * G8: the platform never notifies 5 % of the payments (Alipay and WeChat Pay, half of them each).
 * The lost-notification sweep asks the platform about every attempt with no outcome and brings
 * each of them in.
 */
@ExtendWith(FaultSystem.Lifecycle.class)
class LostNotificationsIT {

    private static final int PAYMENTS = FaultSizes.of("lost.payments", 100, 1000);
    private static final int EVERY = 20;
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.get();
    }

    /** Alipay for even orders, WeChat Pay for odd ones. */
    private static String channel(int i) {
        return i % 2 == 0 ? "ALIPAY" : "WECHAT";
    }

    @Test
    void paymentsWhoseNotificationsTheSandboxDropsAreAllFoundByTheSweep() {
        Shop shop = system.shop;
        List<String> orders = Shop.inParallel(PAYMENTS, 6, i -> shop.orderAwaiting(channel(i), 3000, "lost" + i + "@example.com"));
        var dropped = new ArrayList<String>();
        var channels = new HashMap<String, String>();
        // every 20th order, from the 1st and from the 12th: half Alipay, half WeChat Pay
        for (int i = 0; i < orders.size(); i++) {
            channels.put(orders.get(i), channel(i));
            if (i % EVERY == 0 || i % EVERY == EVERY / 2 + 1) {
                if (dropped.size() < PAYMENTS / EVERY) {
                    shop.fault(channel(i), orders.get(i), Map.of("dropNotifications", true));
                    dropped.add(orders.get(i));
                }
            }
        }
        var paidAt = new HashMap<String, Long>();
        for (String orderNo : orders) {
            shop.pay(channels.get(orderNo), orderNo);
            paidAt.put(orderNo, System.currentTimeMillis());
        }

        CheckReport report = system.awaitSettled("lost-notifications", orders, PAYMENTS, Duration.ofMinutes(3));

        assertThat(report.clean()).as(report.toString()).isTrue();
        long slowest = 0;
        for (String orderNo : dropped) {
            assertThat(shop.trade(channels.get(orderNo), orderNo).get("notifications")).as(orderNo + " was never notified").isEmpty();
            ConsumerRecord<String, byte[]> found = system.topics.of(orderNo, "io.paygate.PaymentSucceeded.v1").getFirst();
            assertThat(Browser.JSON.readTree(found.value()).get("source").asString()).as(orderNo).isEqualTo("QUERY");
            slowest = Math.max(slowest, found.timestamp() - paidAt.get(orderNo));
        }
        System.out.printf("[lost] %d of %d payments never notified (%d Alipay, %d WeChat Pay), all found by the sweep; slowest found"
                + " %d ms after payment (sweep interval %d ms, 2 intervals = %d ms)%n", dropped.size(), PAYMENTS,
                dropped.stream().filter(o -> "ALIPAY".equals(channels.get(o))).count(),
                dropped.stream().filter(o -> "WECHAT".equals(channels.get(o))).count(), slowest,
                FaultSystem.SWEEP_INTERVAL.toMillis(), 2 * FaultSystem.SWEEP_INTERVAL.toMillis());
        // two schedule steps, plus the sweep's own 500 ms poll and room for a busy machine: a sweep
        // that stalls (as it once did for 60 s on a claim that waited for itself) fails here
        assertThat(slowest).as("slowest payment found by the sweep, ms after it was paid")
                .isLessThan(2 * FaultSystem.SWEEP_INTERVAL.toMillis() + 500 + 5_000);
    }
}
