package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.localrun.check.CheckReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL restarts while payments are under way. Client apps retry what failed (with the
 * same idempotency key), the platform retries its notifications, and the services reconnect by
 * themselves: every payment ends up applied once, with no service restarted.
 */
@ExtendWith(FaultSystem.Lifecycle.class)
class PostgresRestartIT {

    private static final int PAYMENTS = FaultSizes.of("postgresRestart.payments", 500, 500);
    private static final Duration DOWN = Duration.ofSeconds(3);
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.get();
    }

    @Test
    void paymentsUnderWayWhenTheDatabaseRestartsAreAllAppliedOnce() {
        Shop shop = system.shop;
        var done = new AtomicInteger();
        List<Future<String>> payments;
        try (ExecutorService buyers = Executors.newFixedThreadPool(6)) {
            payments = IntStream.range(0, PAYMENTS).mapToObj(i -> buyers.submit(() -> {
                // Alipay and WeChat Pay in turn
                String channel = i % 2 == 0 ? "ALIPAY" : "WECHAT";
                String orderNo = retrying(() -> shop.orderAwaiting(channel, 1500, "pgrestart" + i + "@example.com", "pg-restart-" + i));
                retrying(() -> {
                    shop.pay(channel, orderNo);
                    return orderNo;
                });
                done.incrementAndGet();
                return orderNo;
            })).toList();

            await("a third of the payments made").atMost(Duration.ofMinutes(3)).until(() -> done.get() >= PAYMENTS / 3);
            system.postgres.stop();
            await("the database away for " + DOWN).pollDelay(DOWN).atMost(DOWN.plusSeconds(5)).until(() -> true);
            system.postgres.start();
        }
        List<String> orders = payments.stream().map(PostgresRestartIT::get).toList();

        CheckReport report = system.awaitSettled("postgres-restart", orders, PAYMENTS, Duration.ofMinutes(3));
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    /** What a client app does when a call fails: the same call again, a moment later. */
    private static String retrying(java.util.concurrent.Callable<String> call) {
        var result = new AtomicReference<String>();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> result.set(call.call()));
        return result.get();
    }

    private static String get(Future<String> payment) {
        try {
            return payment.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
