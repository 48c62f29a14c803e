package io.paygate.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.payment.reconcile.Carried.Side;
import io.paygate.payment.reconcile.Matcher.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final Duration WINDOW = Duration.ofMinutes(30);

    @Test
    void aDayWhereBothSidesAgreeMatchesEveryRow() {
        var ours = List.of(payment("1", 1000, "10:00"), payment("2", 250, "11:00"), refund("1", "1R1", 300, "12:00"));
        var bill = List.of(payment("2", 250, "11:00"), payment("1", 1000, "10:00"), refund("1", "1R1", 300, "12:00"));

        Outcome outcome = match(ours, bill, List.of());

        assertThat(outcome.discrepancies()).isEmpty();
        assertThat(outcome.carriedOut()).isEmpty();
        assertThat(outcome.totals().matched()).isEqualTo(3);
        assertThat(outcome.totals().ourPayments()).isEqualTo(2);
        assertThat(outcome.totals().ourPaymentFen()).isEqualTo(1250);
        assertThat(outcome.totals().platformRefunds()).isEqualTo(1);
        assertThat(outcome.totals().platformRefundFen()).isEqualTo(300);
    }

    @Test
    void eachKindOfDisagreementIsFoundOnceWithBothSidesFigures() {
        var ours = List.of(payment("ok", 100, "09:00"), payment("here-only", 200, "09:10"), payment("differs", 300, "09:20"),
                refund("ok", "okR", 50, "10:00"), refund("ok", "ours-refund", 20, "10:10"));
        var bill = List.of(payment("ok", 100, "09:00"), payment("platform-only", 400, "09:30"), payment("differs", 301, "09:20"),
                refund("ok", "okR", 50, "10:00"), refund("ok", "bill-refund", 30, "10:20"));

        Outcome outcome = match(ours, bill, List.of());

        assertThat(outcome.counts()).containsEntry(DiscrepancyType.PAID_AT_PLATFORM_ONLY, 1)
                .containsEntry(DiscrepancyType.PAID_HERE_ONLY, 1).containsEntry(DiscrepancyType.AMOUNT_DIFFERS, 1)
                .containsEntry(DiscrepancyType.REFUND_MISSING_HERE, 1).containsEntry(DiscrepancyType.REFUND_MISSING_AT_PLATFORM, 1);
        assertThat(outcome.discrepancies()).extracting(Discrepancy::type, Discrepancy::orderNo, Discrepancy::refundNo,
                        Discrepancy::ourFen, Discrepancy::platformFen)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyType.PAID_AT_PLATFORM_ONLY, "platform-only", null, null, 400L),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyType.PAID_HERE_ONLY, "here-only", null, 200L, null),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyType.AMOUNT_DIFFERS, "differs", null, 300L, 301L),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyType.REFUND_MISSING_HERE, "ok", "bill-refund", null, 30L),
                        org.assertj.core.groups.Tuple.tuple(DiscrepancyType.REFUND_MISSING_AT_PLATFORM, "ok", "ours-refund", 20L, null));
        assertThat(outcome.totals().matched()).isEqualTo(2);
        var differs = outcome.discrepancies().get(2);
        assertThat(differs.ourTradeNo()).isEqualTo("T-differs-ours");
        assertThat(differs.platformTradeNo()).isEqualTo("T-differs-platform");
    }

    @Test
    void whatOneSideHasJustBeforeMidnightWaitsForTheNextDayInsteadOfBeingReported() {
        var ours = List.of(payment("late-here", 100, "23:50"), payment("early-here", 100, "08:00"));
        var bill = List.of(payment("late-there", 200, "23:59"), payment("early-there", 200, "23:20"));

        Outcome outcome = match(ours, bill, List.of());

        assertThat(outcome.carriedOut()).extracting(Carried::side, c -> c.item().orderNo())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Side.OURS, "late-here"),
                        org.assertj.core.groups.Tuple.tuple(Side.PLATFORM, "late-there"));
        assertThat(outcome.discrepancies()).extracting(Discrepancy::orderNo).containsExactlyInAnyOrder("early-here", "early-there");
        assertThat(outcome.totals().carriedOut()).isEqualTo(2);
    }

    @Test
    void whatWasCarriedOverClearsWhenTheOtherSideHasItTheNextDay() {
        var yesterday = DAY.minusDays(1);
        var carried = List.of(new Carried(Side.OURS, yesterday, payment("a", 100, "23:59").item()),
                new Carried(Side.PLATFORM, yesterday, payment("b", 200, "23:58").item()));
        var ours = List.of(payment("b", 200, "00:01"));
        var bill = List.of(payment("a", 100, "00:00"));

        Outcome outcome = match(ours, bill, carried);

        assertThat(outcome.discrepancies()).isEmpty();
        assertThat(outcome.totals().carriedIn()).isEqualTo(2);
        assertThat(outcome.totals().carriedInCleared()).isEqualTo(2);
        assertThat(outcome.totals().matched()).isZero();
    }

    @Test
    void whatWasCarriedOverAndIsStillUnmatchedIsReportedWithTheDayItCameFrom() {
        var yesterday = DAY.minusDays(1);
        var carried = List.of(new Carried(Side.OURS, yesterday, payment("a", 100, "23:59").item()),
                new Carried(Side.PLATFORM, yesterday, refund("b", "bR", 200, "23:58").item()));

        Outcome outcome = match(List.of(), List.of(), carried);

        assertThat(outcome.discrepancies()).extracting(Discrepancy::type, Discrepancy::carriedFrom).containsExactly(
                org.assertj.core.groups.Tuple.tuple(DiscrepancyType.PAID_HERE_ONLY, yesterday),
                org.assertj.core.groups.Tuple.tuple(DiscrepancyType.REFUND_MISSING_HERE, yesterday));
        assertThat(outcome.carriedOut()).isEmpty();
    }

    @Test
    void aCarriedOverPaymentFoundWithAnotherAmountIsAnAmountDifference() {
        var carried = List.of(new Carried(Side.PLATFORM, DAY.minusDays(1), payment("a", 100, "23:59").item()));

        Outcome outcome = match(List.of(payment("a", 90, "00:02")), List.of(), carried);

        assertThat(outcome.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo(DiscrepancyType.AMOUNT_DIFFERS);
            assertThat(d.ourFen()).isEqualTo(90);
            assertThat(d.platformFen()).isEqualTo(100);
            assertThat(d.carriedFrom()).isEqualTo(DAY.minusDays(1));
        });
    }

    @Test
    void progressIsReportedEveryFewRowsAndAtTheEnd() {
        var ours = new ArrayList<Item>();
        var bill = new ArrayList<Item>();
        for (int i = 0; i < 25; i++) {
            ours.add(payment("o" + i, 100, "10:00").item());
            bill.add(payment("o" + i, 100, "10:00").item());
        }
        var seen = new ArrayList<Long>();

        Matcher.match(DAY, BEIJING, WINDOW, ours, bill, List.of(), 20, seen::add);

        assertThat(seen).containsExactly(20L, 40L, 50L);
    }

    @Test
    void matchingIsTheSameWhicheverOrderTheRowsComeIn() {
        var ours = List.of(payment("1", 100, "10:00"), payment("2", 200, "11:00"), payment("3", 300, "12:00"));
        var bill = List.of(payment("4", 400, "13:00"), payment("2", 201, "11:00"), payment("1", 100, "10:00"));

        Outcome forwards = match(ours, bill, List.of());
        Outcome backwards = match(ours.reversed(), bill.reversed(), List.of());

        assertThat(backwards).isEqualTo(forwards);
    }

    private static Outcome match(List<?> ours, List<?> bill, List<Carried> carried) {
        return Matcher.match(DAY, BEIJING, WINDOW, items(ours, "ours"), items(bill, "platform"), carried, 1000, processed -> {
        });
    }

    private static List<Item> items(List<?> rows, String side) {
        return rows.stream().map(row -> row instanceof Row r ? r.item(side) : (Item) row).toList();
    }

    private static Row payment(String orderNo, long fen, String time) {
        return new Row(Item.Kind.PAYMENT, orderNo, null, fen, time);
    }

    private static Row refund(String orderNo, String refundNo, long fen, String time) {
        return new Row(Item.Kind.REFUND, orderNo, refundNo, fen, time);
    }

    /** A fixture row; the trade number tells which side wrote it. */
    private record Row(Item.Kind kind, String orderNo, String refundNo, long fen, String time) {

        Item item() {
            return item("x");
        }

        Item item(String side) {
            Instant at = DAY.atTime(LocalTime.parse(time)).atZone(BEIJING).toInstant();
            return new Item(kind, orderNo, refundNo, "T-" + orderNo + "-" + side, fen, 0, at);
        }
    }
}
