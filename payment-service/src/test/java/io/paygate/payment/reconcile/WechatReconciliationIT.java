package io.paygate.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.kafka.PaymentEventIds;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.payment.SandboxStack;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.RefundOrder;
import io.paygate.payment.wechat.WechatGateway;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation end to end on WeChat Pay: the sandbox's WeChat Pay writes each day's
 * {@code bill_type=ALL} bill (hash-checked by the SDK) from its own orders, paid and refunded
 * through the unchanged wechatpay-java and moved onto a past day with the sandbox's backdate
 * control; our side is this service's own tables; runs go through the admin API. Each test owns
 * its days, apart from each other and from the Alipay tests' (not that those could meet: runs
 * and carry-over are per channel).
 */
class WechatReconciliationIT extends ReconciliationFixture {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WechatGateway wechat;

    @Override
    Channel channel() {
        return Channel.WECHAT;
    }

    @Override
    Trade paidAtPlatform(long fen, int daysBack, long refundFen) {
        String orderNo = newOrderNo();
        wechat.nativePay(orderNo, "对账 reconciliation", fen, Instant.now().plus(Duration.ofMinutes(15))).block(WAIT);
        SandboxStack.get().payWechat(orderNo);
        if (refundFen > 0) {
            assertThat(wechat.refund(new RefundOrder(orderNo, orderNo + "R1", refundFen, fen, "test")).block(WAIT))
                    .isInstanceOfAny(PlatformRefund.Processing.class, PlatformRefund.Succeeded.class);
            // the sandbox settles it just after answering: backdate it only once it succeeded
            await().atMost(WAIT).until(() -> JSON.readTree(SandboxStack.get().wechatTrade(orderNo)).get("refundedFen").asLong() == refundFen);
        }
        JsonNode trade = JSON.readTree(SandboxStack.get().backdateWechat(orderNo, daysBack));
        return new Trade(orderNo, trade.get("transactionId").asString(), fen,
                OffsetDateTime.parse(trade.get("successTime").asString()).toInstant());
    }

    @Override
    Instant platformRefundTime(String orderNo) {
        JsonNode refund = JSON.readTree(SandboxStack.get().wechatTrade(orderNo)).get("refunds").get(0);
        return OffsetDateTime.parse(refund.get("successTime").asString()).toInstant();
    }

    @Test
    void aDayWhereBothSidesAgreeMatchesEveryPaymentAndRefund() {
        int back = 60;
        LocalDate day = daysAgo(back);
        var a = paidAtPlatform(1000, back);
        var b = paidAtPlatform(2550, back, 550);
        var c = paidAtPlatform(1, back);
        paidHere(a);
        paidHere(b);
        paidHere(c);
        refundedHere(b, 550);

        JsonNode run = reconcile(day);

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode totals = run.get("result").get("totals");
        assertThat(totals.get("matched").asInt()).isEqualTo(4);
        assertThat(totals.get("ourPayments").asInt()).isEqualTo(3);
        assertThat(totals.get("platformPayments").asInt()).isEqualTo(3);
        assertThat(totals.get("ourPaymentFen").asLong()).isEqualTo(3551);
        assertThat(totals.get("platformPaymentFen").asLong()).isEqualTo(3551);
        assertThat(totals.get("platformRefunds").asInt()).isEqualTo(1);
        assertThat(totals.get("platformRefundFen").asLong()).isEqualTo(550);
        // the sandbox's 0.60 %: 6 milli-fen a fen paid, given back on the refund
        assertThat(totals.get("platformFeeMilliFen").asLong()).isEqualTo((3551 - 550) * 6);
        assertThat(run.get("result").get("discrepancies").asInt()).isZero();
        assertThat(run.get("rowsProcessed").asInt()).isEqualTo(8);
        assertThat(csv(day).lines()).hasSize(1);
    }

    @Test
    void eachPlantedDisagreementIsFoundExactlyOnceAndAPaymentUnpaidHereIsPublished() {
        int back = 62;
        LocalDate day = daysAgo(back);
        var ok = paidAtPlatform(1000, back, 100);
        paidHere(ok);
        var unpaidHere = paidAtPlatform(700, back);
        startedHere(unpaidHere);
        var hereOnly = new Trade(newOrderNo(), "4200HEREONLY" + sequence.incrementAndGet(), 300, noon(day));
        paidHere(hereOnly);
        var differs = paidAtPlatform(1000, back);
        paidHere(new Trade(differs.orderNo(), differs.tradeNo(), 999, differs.paidAt()));
        refundNotSettledHere(ok, 100);
        refundedHere(new Trade(ok.orderNo(), ok.tradeNo(), ok.fen(), noon(day)), ok.orderNo() + "R9", 50);

        JsonNode run = reconcile(day);

        assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode counts = run.get("result").get("counts");
        for (DiscrepancyType type : DiscrepancyType.values()) {
            assertThat(counts.get(type.name()).asInt()).as(type.name()).isEqualTo(1);
        }
        assertThat(run.get("result").get("discrepancies").asInt()).isEqualTo(DiscrepancyType.values().length);
        assertThat(run.get("result").get("totals").get("matched").asInt()).isEqualTo(1);
        var rows = csv(day).lines().skip(1).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",WECHAT,PAID_AT_PLATFORM_ONLY," + unpaidHere.orderNo()
                + ",,,700,,7.00,," + unpaidHere.tradeNo()));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",WECHAT,PAID_HERE_ONLY," + hereOnly.orderNo() + ",,300,,3.00,,"
                + hereOnly.tradeNo() + ","));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",WECHAT,AMOUNT_DIFFERS," + differs.orderNo() + ",,999,1000,9.99,10.00,"
                + differs.tradeNo() + "," + differs.tradeNo()));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",WECHAT,REFUND_MISSING_HERE," + ok.orderNo() + "," + ok.orderNo()
                + "R1,,100,"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",WECHAT,REFUND_MISSING_AT_PLATFORM," + ok.orderNo() + ","
                + ok.orderNo() + "R9,50,,"));

        // the payment we held as unpaid: published under the id a WeChat Pay notification of it carries, and now paid here
        await().atMost(WAIT).until(() -> !paymentTopic.of(unpaidHere.orderNo(), "io.paygate.PaymentSucceeded.v1").isEmpty());
        var published = paymentTopic.of(unpaidHere.orderNo(), "io.paygate.PaymentSucceeded.v1");
        assertThat(published).hasSize(1);
        assertThat(TopicRecorder.header(published.getFirst(), "ce_id")).isEqualTo(PaymentEventIds.paid(Channel.WECHAT, unpaidHere.tradeNo()));
        assertThat(JSON.readTree(published.getFirst().value()).get("amountFen").asLong()).isEqualTo(700);
        assertThat(attemptStatus(unpaidHere.orderNo())).isEqualTo("SUCCEEDED");
        assertThat(paymentTopic.of(differs.orderNo(), "io.paygate.PaymentSucceeded.v1")).isEmpty();
    }

    @Test
    void aPaymentOnOneSideJustBeforeMidnightIsCarriedOverAndClearsTheNextDay() {
        assumeThat(LocalTime.now(BEIJING)).as("the sandbox's orders take today's time of day; not within a minute of midnight")
                .isBetween(LocalTime.of(0, 1), LocalTime.of(23, 58));
        LocalDate day = daysAgo(67);
        LocalDate next = daysAgo(66);
        // we recorded it paid a few seconds before midnight; the platform's bill has it on the next day
        var lateHere = paidAtPlatform(660, 66);
        paidHere(new Trade(lateHere.orderNo(), lateHere.tradeNo(), 660, day.atTime(23, 59, 50).atZone(BEIJING).toInstant()));
        // this one never shows up at the platform
        var lost = new Trade(newOrderNo(), "4200LOST" + sequence.incrementAndGet(), 440, day.atTime(23, 59, 40).atZone(BEIJING).toInstant());
        paidHere(lost);

        JsonNode first = reconcile(day);

        // WeChat Pay has no bill for a day without trades: compared as an empty one, with its code
        assertThat(first.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(first.get("result").get("billCode").asString()).isEqualTo("NO_STATEMENT_EXIST");
        assertThat(first.get("result").get("discrepancies").asInt()).isZero();
        assertThat(first.get("result").get("totals").get("carriedOut").asInt()).isEqualTo(2);

        JsonNode second = reconcile(next);

        assertThat(second.get("result").get("totals").get("carriedIn").asInt()).isEqualTo(2);
        assertThat(second.get("result").get("totals").get("carriedInCleared").asInt()).isEqualTo(1);
        assertThat(second.get("result").get("counts").get("PAID_HERE_ONLY").asInt()).isEqualTo(1);
        assertThat(second.get("result").get("discrepancies").asInt()).isEqualTo(1);
        assertThat(csv(next).lines().skip(1)).singleElement().satisfies(row -> assertThat(row)
                .startsWith(next + ",WECHAT,PAID_HERE_ONLY," + lost.orderNo() + ",").endsWith("," + day));
    }

    @Test
    void todayHasNoBillFromARealPlatformAndShowsOurSide() {
        LocalDate today = LocalDate.now(BEIJING);
        paidHere(new Trade(newOrderNo(), "4200TODAY" + sequence.incrementAndGet(), 1234, Instant.now()));

        JsonNode run = reconcile(today);

        assertThat(run.get("status").asString()).isEqualTo("NO_BILL");
        assertThat(run.get("result").get("billCode").asString()).isEqualTo("NO_STATEMENT_EXIST");
        assertThat(run.get("result").get("totals").get("ourPaymentFen").asLong()).isGreaterThanOrEqualTo(1234);
    }
}
