package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.faults.CrashPoints;
import io.paygate.localrun.check.CheckReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * G10: a service dies at each boundary where a crash could lose a payment or apply it twice,
 * and nothing is lost or done twice. Each service runs in a JVM of its own; a crash point armed
 * in it halts that JVM at once (no shutdown hook, no flush, no commit: what SIGKILL does), right
 * at the boundary, while the platform, the broker, the database and the other services run on.
 * The test then starts it again and waits for the checker. Every boundary is crossed
 * {@link #RUNS} times, alternately paid through Alipay and WeChat Pay.
 */
@ExtendWith(FaultSystem.Lifecycle.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
class BoundaryCrashIT {

    private static final int RUNS = FaultSizes.of("boundary.runs", 3, 10);
    private static final Duration CRASH_WITHIN = Duration.ofMinutes(2);
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(3);
    private static final String[] CHANNELS = {"ALIPAY", "WECHAT"};
    private static FaultSystem system;

    @BeforeAll
    static void startTheSystem() {
        system = FaultSystem.withServiceProcesses();
    }

    /** order-service committed the payment and its OrderPaid row, and died before the relay sent it. */
    @Test
    void b1_orderServiceDiesAfterTheCommitBeforeTheRelayPublishes() {
        crashWhilePaying("boundary-commit-publish", "order-service", "outbox.before-publish:io.paygate.OrderPaid.v1");
    }

    /** The broker acknowledged OrderPaid, and order-service died before marking the outbox row sent. */
    @Test
    void b2_orderServiceDiesAfterPublishingBeforeMarkingTheRow() {
        crashWhilePaying("boundary-publish-mark", "order-service", "outbox.after-publish:io.paygate.OrderPaid.v1");
    }

    /** order-service applied PaymentSucceeded and committed, and died before the offset commit. */
    @Test
    void b3_orderServiceDiesAfterApplyingAPaymentBeforeItsOffsetCommit() {
        crashWhilePaying("boundary-apply-offset", "order-service", "consumer.after-apply:io.paygate.PaymentSucceeded.v1");
    }

    /** The platform gave the money back, and payment-service died before it recorded the answer. */
    @Test
    void b4_paymentServiceDiesAfterThePlatformRefundedBeforeRecordingIt() {
        var orders = new ArrayList<String>();
        for (int run = 0; run < RUNS; run++) {
            String channel = CHANNELS[run % 2];
            long amount = 2_000 + run;
            String orderNo = system.shop.orderAwaiting(channel, amount, "crash-refund-" + run + "@example.com");
            system.shop.pay(channel, orderNo);
            system.awaitSettled("boundary-refund-paid", List.of(orderNo), 1, SETTLE_WITHIN);

            ServiceProcess payment = system.process("payment-service");
            payment.armCrash("refund.after-platform-call");
            var refund = system.shop.refund(orderNo, amount);
            assertThat(refund.status()).as(refund.body()).isEqualTo(201);
            long down = crashAndRestart(payment);

            await("refund of " + orderNo + " settled").atMost(SETTLE_WITHIN).pollInterval(Duration.ofSeconds(1)).until(() ->
                    "REFUNDED".equals(system.shop.order(orderNo).path("status").asString()));
            JsonNode trade = system.shop.trade(channel, orderNo);
            assertThat(trade.get("refundedFen").asLong()).as("%s refunded at %s", orderNo, channel).isEqualTo(amount);
            assertThat(trade.get("refunds")).as("refunds of %s at %s", orderNo, channel).hasSize(1);
            System.out.printf("[boundary-refund] run %d (%s): payment-service halted after the platform refunded %d fen,"
                    + " back in %d ms; refunded once at the platform, order REFUNDED%n", run + 1, channel, amount, down);
            orders.add(orderNo);
        }
        CheckReport report = system.awaitSettled("boundary-refund", orders, RUNS, SETTLE_WITHIN);
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    /**
     * The SMTP server accepted a receipt, and fulfillment-service died before marking it sent: the
     * receipt goes out again after the restart — the one extra mail per crash the design allows —
     * under the same Message-ID, so it is a copy of one receipt, not a second one.
     */
    @Test
    void b5_fulfillmentServiceDiesAfterTheSmtpServerAcceptedAReceiptBeforeRecordingIt() {
        List<String> orders = crashWhilePaying("boundary-smtp-record", "fulfillment-service", "delivery.after-send:CUSTOMER_MAIL",
                // the receipt the server accepted before the crash is sent again once its claim runs out
                orderNo -> await("every mail of " + orderNo + " recorded as sent").atMost(SETTLE_WITHIN)
                        .pollInterval(Duration.ofSeconds(1)).until(() -> system.unfinishedEffects(orderNo) == 0));
        CheckReport report = system.awaitSettled("boundary-smtp-record", orders, RUNS, SETTLE_WITHIN);
        System.out.printf("[boundary-smtp-record] %d crashes after the SMTP server accepted a receipt: %d receipts sent again"
                + " under their Message-ID (at most 1 per crash allowed)%n", RUNS, report.resentMails());
        assertThat(report.clean()).as(report.toString()).isTrue();
        // exactly one copy per crash: the one accepted before it, sent again after the restart
        assertThat(report.resentMails()).as("receipts sent again").isEqualTo(RUNS);
    }

    /** notify-ingress had the broker's acknowledgement, and died before answering the platform. */
    @Test
    void b6_notifyIngressDiesAfterTheKafkaAckBeforeAnswering() {
        crashWhilePaying("boundary-ack-answer", "notify-ingress", "notify.after-publish");
    }

    /**
     * For each run: an order awaiting payment, the crash point armed in {@code service}, the
     * buyer pays, the service halts at the point, it is started again, and the checker must find
     * the order paid once, mailed once, announced once.
     */
    private void crashWhilePaying(String scenario, String service, String point) {
        List<String> orders = crashWhilePaying(scenario, service, point, orderNo -> { });
        CheckReport report = system.awaitSettled(scenario, orders, RUNS, SETTLE_WITHIN);
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    /** The runs, each waiting for {@code afterRestart} before the checker; answers the orders. */
    private List<String> crashWhilePaying(String scenario, String service, String point,
                                          java.util.function.Consumer<String> afterRestart) {
        var orders = new ArrayList<String>();
        for (int run = 0; run < RUNS; run++) {
            String channel = CHANNELS[run % 2];
            String orderNo = system.shop.orderAwaiting(channel, 1_000 + run, scenario + "-" + run + "@example.com");
            ServiceProcess process = system.process(service);
            process.armCrash(point);
            system.shop.pay(channel, orderNo);
            long down = crashAndRestart(process);
            afterRestart.accept(orderNo);
            CheckReport report = system.awaitSettled(scenario, List.of(orderNo), 1, SETTLE_WITHIN);
            System.out.printf("[%s] run %d (%s): %s halted at %s, back in %d ms; %s%n", scenario, run + 1, channel, service,
                    point, down, report.line());
            orders.add(orderNo);
        }
        return orders;
    }

    /** Waits for the armed crash, checks it was the crash point that ended the process, starts it again; answers the restart's ms. */
    private static long crashAndRestart(ServiceProcess process) {
        int exit = process.awaitExit(CRASH_WITHIN);
        assertThat(exit).as("%s's exit code: the crash point, not another failure", process.name()).isEqualTo(CrashPoints.EXIT_CODE);
        assertThat(process.crashArmed()).isFalse();
        long started = System.nanoTime();
        process.start();
        return (System.nanoTime() - started) / 1_000_000;
    }
}
