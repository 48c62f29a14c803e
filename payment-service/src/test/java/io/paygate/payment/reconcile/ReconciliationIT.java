package io.paygate.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.kafka.PaymentEventIds;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.payment.SandboxStack;
import io.paygate.payment.alipay.AlipayGateway;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.RefundOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation end to end on Alipay: the platform sandbox's Alipay writes each day's bill from
 * its own trades (payments and refunds made through the unchanged SDK, moved onto a past day with
 * the sandbox's backdate control), our side is this service's own tables, and runs are started
 * and read through the admin API. Each test owns its days, far enough apart that no two share a
 * carry-over.
 */
class ReconciliationIT extends ReconciliationFixture {

    @Autowired
    AlipayGateway alipay;

    @Override
    Channel channel() {
        return Channel.ALIPAY;
    }

    @Override
    Trade paidAtPlatform(long fen, int daysBack, long refundFen) {
        String orderNo = newOrderNo();
        var page = alipay.pagePay(orderNo, "对账 reconciliation", fen, Instant.now().plus(Duration.ofMinutes(15))).block();
        SandboxStack.get().open(page.redirectUrl());
        SandboxStack.get().payAlipay(orderNo);
        if (refundFen > 0) {
            assertThat(alipay.refund(new RefundOrder(orderNo, orderNo + "R1", refundFen, fen, "test")).block())
                    .isInstanceOf(PlatformRefund.Succeeded.class);
        }
        JsonNode trade = JSON.readTree(SandboxStack.get().backdateAlipay(orderNo, daysBack));
        return new Trade(orderNo, trade.get("tradeNo").asString(), fen, OffsetDateTime.parse(trade.get("paidAt").asString()).toInstant());
    }

    @Override
    Instant platformRefundTime(String orderNo) {
        JsonNode refund = JSON.readTree(SandboxStack.get().alipayTrade(orderNo)).get("refunds").get(0);
        return OffsetDateTime.parse(refund.get("at").asString()).toInstant();
    }

    @Test
    void aDayWhereBothSidesAgreeMatchesEveryPaymentAndRefund() {
        int back = 40;
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
        JsonNode result = run.get("result");
        assertThat(result.get("totals").get("matched").asInt()).isEqualTo(4);
        assertThat(result.get("totals").get("ourPayments").asInt()).isEqualTo(3);
        assertThat(result.get("totals").get("platformPayments").asInt()).isEqualTo(3);
        assertThat(result.get("totals").get("ourPaymentFen").asLong()).isEqualTo(3551);
        assertThat(result.get("totals").get("platformPaymentFen").asLong()).isEqualTo(3551);
        assertThat(result.get("totals").get("platformRefundFen").asLong()).isEqualTo(550);
        assertThat(result.get("discrepancies").asInt()).isZero();
        assertThat(run.get("rowsProcessed").asInt()).isEqualTo(8);
        assertThat(csv(day).lines()).hasSize(1);
    }

    @Test
    void eachPlantedDisagreementIsFoundExactlyOnceAndAPaymentUnpaidHereIsPublished() {
        int back = 42;
        LocalDate day = daysAgo(back);
        var ok = paidAtPlatform(1000, back, 100);
        paidHere(ok);
        var unpaidHere = paidAtPlatform(700, back);
        startedHere(unpaidHere);
        var hereOnly = new Trade(newOrderNo(), "2026HEREONLY" + sequence.incrementAndGet(), 300, noon(day));
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
        assertThat(run.get("result").get("totals").get("matched").asInt()).isEqualTo(1);
        var rows = csv(day).lines().skip(1).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",ALIPAY,PAID_AT_PLATFORM_ONLY," + unpaidHere.orderNo()
                + ",,,700,,7.00,," + unpaidHere.tradeNo()));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",ALIPAY,PAID_HERE_ONLY," + hereOnly.orderNo() + ",,300,,3.00,,"
                + hereOnly.tradeNo() + ","));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",ALIPAY,AMOUNT_DIFFERS," + differs.orderNo() + ",,999,1000,9.99,10.00,"
                + differs.tradeNo() + "," + differs.tradeNo()));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",ALIPAY,REFUND_MISSING_HERE," + ok.orderNo() + "," + ok.orderNo()
                + "R1,,100,"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(day + ",ALIPAY,REFUND_MISSING_AT_PLATFORM," + ok.orderNo() + ","
                + ok.orderNo() + "R9,50,,"));

        // the payment we held as unpaid: published under the id a notification of it carries, and now paid here
        await().atMost(Duration.ofSeconds(20)).until(() -> !paymentTopic.of(unpaidHere.orderNo(), "io.paygate.PaymentSucceeded.v1").isEmpty());
        var published = paymentTopic.of(unpaidHere.orderNo(), "io.paygate.PaymentSucceeded.v1");
        assertThat(published).hasSize(1);
        assertThat(TopicRecorder.header(published.getFirst(), "ce_id")).isEqualTo(PaymentEventIds.paid(Channel.ALIPAY, unpaidHere.tradeNo()));
        assertThat(JSON.readTree(published.getFirst().value()).get("amountFen").asLong()).isEqualTo(700);
        assertThat(attemptStatus(unpaidHere.orderNo())).isEqualTo("SUCCEEDED");
        assertThat(paymentTopic.of(differs.orderNo(), "io.paygate.PaymentSucceeded.v1")).isEmpty();
    }

    @Test
    void reRunningADayReplacesItsResultWithTheSameOne() {
        int back = 44;
        LocalDate day = daysAgo(back);
        var ok = paidAtPlatform(1200, back);
        paidHere(ok);
        var notOurs = paidAtPlatform(800, back);
        var differs = paidAtPlatform(500, back);
        paidHere(new Trade(differs.orderNo(), differs.tradeNo(), 501, differs.paidAt()));
        paidHere(new Trade(newOrderNo(), "2026HEREONLY" + sequence.incrementAndGet(), 300, noon(day)));

        JsonNode first = reconcile(day);
        String firstCsv = csv(day);
        JsonNode second = reconcile(day);

        assertThat(second.get("runNo").asInt()).isEqualTo(first.get("runNo").asInt() + 1);
        assertThat(second.get("result").get("totals")).isEqualTo(first.get("result").get("totals"));
        assertThat(second.get("result").get("counts")).isEqualTo(first.get("result").get("counts"));
        assertThat(csv(day)).isEqualTo(firstCsv);
        assertThat(firstCsv.lines().skip(1)).hasSize(3);
        // an order we never started a payment of is reported, not published
        assertThat(first.get("result").get("counts").get("PAID_AT_PLATFORM_ONLY").asInt()).isEqualTo(1);
        assertThat(paymentTopic.of(notOurs.orderNo(), "io.paygate.PaymentSucceeded.v1")).isEmpty();
        // both runs announced, under one event id: consumers alert once
        await().atMost(Duration.ofSeconds(20)).until(() -> reconciliationTopic.of("ALIPAY/" + day,
                "io.paygate.ReconciliationCompleted.v1").size() == 2);
        var announced = reconciliationTopic.of("ALIPAY/" + day, "io.paygate.ReconciliationCompleted.v1");
        assertThat(announced.stream().map(r -> TopicRecorder.header(r, "ce_id")).distinct()).hasSize(1);
        JsonNode event = JSON.readTree(announced.getLast().value());
        assertThat(event.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(event.get("runNo").asInt()).isEqualTo(second.get("runNo").asInt());
        assertThat(event.get("discrepancies").get("paidHereOnly").asInt()).isEqualTo(1);
        assertThat(event.get("discrepancies").get("amountDiffers").asInt()).isEqualTo(1);
        assertThat(event.get("discrepancies").get("paidAtPlatformOnly").asInt()).isEqualTo(1);
    }

    @Test
    void aPaymentOnOneSideJustBeforeMidnightIsCarriedOverAndClearsTheNextDay() {
        assumeThat(LocalTime.now(BEIJING)).as("the sandbox's trades take today's time of day; not within a minute of midnight")
                .isBetween(LocalTime.of(0, 1), LocalTime.of(23, 58));
        LocalDate day = daysAgo(47);
        LocalDate next = daysAgo(46);
        // we recorded it paid a few seconds before midnight; the platform's bill has it on the next day
        var lateHere = paidAtPlatform(660, 46);
        paidHere(new Trade(lateHere.orderNo(), lateHere.tradeNo(), 660, day.atTime(23, 59, 50).atZone(BEIJING).toInstant()));
        // this one never shows up at the platform
        var lost = new Trade(newOrderNo(), "2026LOST" + sequence.incrementAndGet(), 440, day.atTime(23, 59, 40).atZone(BEIJING).toInstant());
        paidHere(lost);

        JsonNode first = reconcile(day);

        assertThat(first.get("result").get("discrepancies").asInt()).isZero();
        assertThat(first.get("result").get("totals").get("carriedOut").asInt()).isEqualTo(2);

        JsonNode second = reconcile(next);

        assertThat(second.get("result").get("totals").get("carriedIn").asInt()).isEqualTo(2);
        assertThat(second.get("result").get("totals").get("carriedInCleared").asInt()).isEqualTo(1);
        assertThat(second.get("result").get("counts").get("PAID_HERE_ONLY").asInt()).isEqualTo(1);
        assertThat(csv(next).lines().skip(1)).singleElement().satisfies(row -> assertThat(row)
                .startsWith(next + ",ALIPAY,PAID_HERE_ONLY," + lost.orderNo() + ",").endsWith("," + day));
    }

    @Test
    void aFailedDownloadIsTriedAgainThenTheRunFailsAndThePreviousResultStands() {
        int back = 50;
        LocalDate day = daysAgo(back);
        paidHere(paidAtPlatform(900, back));
        JsonNode before = reconcile(day);
        assertThat(before.get("result").get("totals").get("matched").asInt()).isEqualTo(1);

        paidHere(new Trade(newOrderNo(), "2026HEREONLY" + sequence.incrementAndGet(), 300, noon(day)));
        SandboxStack.get().failAlipayBillDownloads(day, true);
        try {
            JsonNode failed = reconcile(day);

            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("reason").asString()).contains("500").contains("2 tries");
            assertThat(failed.get("result").get("runNo").asInt()).isEqualTo(before.get("runNo").asInt());
            assertThat(failed.get("result").get("totals")).isEqualTo(before.get("result").get("totals"));
            assertThat(failed.get("result").get("discrepancies").asInt()).isZero();
            assertThat(csv(day).lines()).hasSize(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> reconciliationTopic.of("ALIPAY/" + day,
                    "io.paygate.ReconciliationCompleted.v1").stream().anyMatch(r -> JSON.readTree(r.value()).get("status").asString()
                    .equals("FAILED")));
        } finally {
            SandboxStack.get().failAlipayBillDownloads(day, false);
        }
        assertThat(reconcile(day).get("result").get("counts").get("PAID_HERE_ONLY").asInt()).isEqualTo(1);
    }

    @Test
    void todayHasNoBillYetAndShowsOurSide() {
        LocalDate today = LocalDate.now(BEIJING);
        var trade = new Trade(newOrderNo(), "2026TODAY" + sequence.incrementAndGet(), 1234, Instant.now());
        paidHere(trade);

        JsonNode run = reconcile(today);

        assertThat(run.get("status").asString()).isEqualTo("NO_BILL");
        assertThat(run.get("result").get("billCode").asString()).isEqualTo("BILL_NOT_EXIST");
        assertThat(run.get("result").get("totals").get("ourPaymentFen").asLong()).isGreaterThanOrEqualTo(1234);
        assertThat(run.get("result").get("discrepancies").asInt()).isZero();
    }

    @Test
    void theApiNeedsAdminCredentialsAndKnowsOnlyItsPlatforms() {
        web.get().uri("/admin/v1/reconciliations/alipay/2026-01-01").exchange().expectStatus().isUnauthorized();
        web.post().uri("/admin/v1/reconciliations/paypal/2026-01-01").header("Authorization", admin()).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/admin/v1/reconciliations/alipay/1999-01-01").header("Authorization", admin()).exchange()
                .expectStatus().isNotFound();
    }
}
