package io.paygate.localrun.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker on planted data: each defect, planted once beside healthy orders, is counted exactly once. */
class CheckerTest {

    private final List<PlatformTrade> truth = new ArrayList<>();
    private final List<OrderState> state = new ArrayList<>();

    @Test
    void healthyOrdersCountNoDefect() {
        healthyPaidOrders(5);
        unpaidOrder("20260101000000000100");

        CheckReport report = Checker.check(truth, state);

        assertThat(report.line()).startsWith("checker: orders=6 lost=0 phantom=0 double=0 overRefund=0");
        assertThat(report.paid()).isEqualTo(5);
        assertThat(report.mails()).isEqualTo(5);
        assertThat(report.adminMessages()).isEqualTo(5);
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aPaymentPaidAtThePlatformButPendingHereIsLost() {
        healthyPaidOrders(3);
        truth.add(paidTrade("20260101000000000200", 500));
        state.add(order("20260101000000000200", "PENDING_PAYMENT", 500, List.of(), OrderState.Effects.NONE));

        assertCounted(Checker.check(truth, state), 1, 0, 0, 0);
    }

    @Test
    void aPaidTradeThatNeverReachedUsAtAllIsLost() {
        healthyPaidOrders(3);
        truth.add(paidTrade("20260101000000000201", 500));

        assertCounted(Checker.check(truth, state), 1, 0, 0, 0);
    }

    @Test
    void aSecondPaidTradeOfAPaidOrderNotRecordedHereIsLost() {
        healthyPaidOrders(3);
        truth.add(new PlatformTrade("WECHAT", "20260101000000000001", "4200000001", 100, true, 0, false));

        assertCounted(Checker.check(truth, state), 1, 0, 0, 0);
    }

    @Test
    void anOrderPaidHereThatThePlatformNeverSawPaidIsAPhantom() {
        healthyPaidOrders(3);
        truth.add(new PlatformTrade("ALIPAY", "20260101000000000300", "2026000300", 700, false, 0, false));
        state.add(order("20260101000000000300", "PAID", 700, List.of(payment("2026000300", 700)), once()));

        assertCounted(Checker.check(truth, state), 0, 1, 0, 0);
    }

    @Test
    void eachDoubledEffectCountsItsOrderOnce() {
        for (var doubled : List.of(
                new OrderState.Effects(2, 0, 1, 1, 1, 1),
                new OrderState.Effects(1, 0, 2, 2, 1, 1),
                new OrderState.Effects(1, 0, 1, 1, 2, 1),
                new OrderState.Effects(1, 0, 1, 1, 1, 2),
                new OrderState.Effects(0, 2, 0, 0, 0, 0))) {
            truth.clear();
            state.clear();
            healthyPaidOrders(3);
            truth.add(paidTrade("20260101000000000400", 900));
            String status = doubled.lateTransitions() > 0 ? "PAID_AFTER_TIMEOUT" : "PAID";
            state.add(order("20260101000000000400", status, 900, List.of(payment("2026000400", 900)), doubled));

            assertCounted(Checker.check(truth, state), 0, 0, 1, 0);
        }
    }

    @Test
    void aRedeliveredOrderPaidRecordOfTheSameEventIsNoDoubleEffect() {
        healthyPaidOrders(2);
        truth.add(paidTrade("20260101000000000450", 900));
        state.add(order("20260101000000000450", "PAID", 900, List.of(payment("2026000450", 900)), new OrderState.Effects(1, 0, 1, 3, 1, 1)));

        CheckReport report = Checker.check(truth, state);

        assertCounted(report, 0, 0, 0, 0);
        assertThat(report.redelivered()).isEqualTo(2);
    }

    @Test
    void aReceiptReceivedAgainUnderItsOwnMessageIdIsAResentMailNotADoubleEffect() {
        healthyPaidOrders(2);
        truth.add(paidTrade("20260101000000000460", 900));
        state.add(order("20260101000000000460", "PAID", 900, List.of(payment("2026000460", 900)), new OrderState.Effects(1, 0, 1, 1, 1, 1, 2)));

        CheckReport report = Checker.check(truth, state);

        assertCounted(report, 0, 0, 0, 0);
        assertThat(report.resentMails()).isEqualTo(1);
        assertThat(report.line()).contains("resentMails=1");
    }

    @Test
    void moreGivenBackAtThePlatformThanWeDecidedIsAnOverRefund() {
        healthyPaidOrders(3);
        truth.add(new PlatformTrade("ALIPAY", "20260101000000000500", "2026000500", 1000, true, 1000, true));
        state.add(new OrderState("20260101000000000500", "REFUNDED", 1000, 600, List.of(payment("2026000500", 1000)),
                List.of(new OrderState.Refund(600, "SUCCEEDED", "ORDER")), once()));

        assertCounted(Checker.check(truth, state), 0, 0, 0, 1);
    }

    @Test
    void aRefundInOurBooksBeyondWhatWasPaidIsAnOverRefund() {
        healthyPaidOrders(3);
        truth.add(new PlatformTrade("ALIPAY", "20260101000000000501", "2026000501", 1000, true, 1000, true));
        state.add(new OrderState("20260101000000000501", "REFUNDED", 1000, 1200, List.of(payment("2026000501", 1000)),
                List.of(new OrderState.Refund(1000, "SUCCEEDED", "ORDER")), once()));

        assertCounted(Checker.check(truth, state), 0, 0, 0, 1);
    }

    @Test
    void aDoublePaymentRefundedInFullIsNoOverRefund() {
        healthyPaidOrders(2);
        truth.add(paidTrade("20260101000000000600", 800));
        truth.add(new PlatformTrade("WECHAT", "20260101000000000600", "4200000600", 800, true, 800, true));
        state.add(new OrderState("20260101000000000600", "PAID", 800, 0,
                List.of(payment("2026000600", 800), new OrderState.Payment("WECHAT", "4200000600", 800, "NOT_PAYABLE")),
                List.of(new OrderState.Refund(800, "SUCCEEDED", "PAYMENT")), once()));

        assertCounted(Checker.check(truth, state), 0, 0, 0, 0);
    }

    @Test
    void everyDefectPlantedOnceInOneRunIsCountedOnceEach() {
        healthyPaidOrders(10);
        truth.add(paidTrade("20260101000000000700", 100));
        state.add(order("20260101000000000700", "TIMED_OUT", 100, List.of(), OrderState.Effects.NONE));
        truth.add(new PlatformTrade("ALIPAY", "20260101000000000701", "2026000701", 100, false, 0, true));
        state.add(order("20260101000000000701", "PAID", 100, List.of(payment("2026000701", 100)), once()));
        truth.add(paidTrade("20260101000000000702", 100));
        state.add(order("20260101000000000702", "PAID", 100, List.of(payment("2026000702", 100)), new OrderState.Effects(1, 0, 1, 1, 2, 1)));
        truth.add(new PlatformTrade("ALIPAY", "20260101000000000703", "2026000703", 100, true, 150, true));
        state.add(new OrderState("20260101000000000703", "REFUNDED", 100, 100, List.of(payment("2026000703", 100)),
                List.of(new OrderState.Refund(100, "SUCCEEDED", "ORDER")), once()));

        CheckReport report = Checker.check(truth, state);

        assertCounted(report, 1, 1, 1, 1);
        assertThat(report.orders()).isEqualTo(14);
        assertThat(report.findings()).hasSize(4);
        assertThat(report.line()).startsWith("checker: orders=14 lost=1 phantom=1 double=1 overRefund=1");
    }

    private static void assertCounted(CheckReport report, int lost, int phantom, int doubled, int overRefund) {
        assertThat(report.lost()).as(report.toString()).isEqualTo(lost);
        assertThat(report.phantom()).as(report.toString()).isEqualTo(phantom);
        assertThat(report.doubled()).as(report.toString()).isEqualTo(doubled);
        assertThat(report.overRefund()).as(report.toString()).isEqualTo(overRefund);
    }

    private void healthyPaidOrders(int count) {
        for (int i = 1; i <= count; i++) {
            String orderNo = "20260101000000%06d".formatted(i);
            truth.add(paidTrade(orderNo, 100));
            state.add(order(orderNo, "PAID", 100, List.of(payment("2026%06d".formatted(i), 100)), once()));
        }
    }

    private void unpaidOrder(String orderNo) {
        truth.add(new PlatformTrade("ALIPAY", orderNo, "2026" + orderNo.substring(14), 100, false, 0, false));
        state.add(order(orderNo, "PENDING_PAYMENT", 100, List.of(), OrderState.Effects.NONE));
    }

    private static PlatformTrade paidTrade(String orderNo, long fen) {
        return new PlatformTrade("ALIPAY", orderNo, "2026" + orderNo.substring(14), fen, true, 0, false);
    }

    private static OrderState.Payment payment(String tradeNo, long fen) {
        return new OrderState.Payment("ALIPAY", tradeNo, fen, "APPLIED");
    }

    private static OrderState order(String orderNo, String status, long fen, List<OrderState.Payment> payments, OrderState.Effects effects) {
        return new OrderState(orderNo, status, fen, 0, payments, List.of(), effects);
    }

    private static OrderState.Effects once() {
        return new OrderState.Effects(1, 0, 1, 1, 1, 1);
    }
}
