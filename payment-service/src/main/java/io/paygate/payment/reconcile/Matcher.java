package io.paygate.payment.reconcile;

import io.paygate.payment.reconcile.Carried.Side;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Matches one day's payments and refunds, ours against the platform's bill, both ways. Pure: no
 * clock, no database. Payments match on the order number, refunds on the refund number.
 *
 * <p>Timing is not an error: what one side has and the other does not, within {@code window}
 * before the end of the day, is carried over to the next day's run instead of being reported;
 * that run first looks for it on its own day (the other side may have put it after midnight) and
 * reports it only if it is still unmatched there.
 */
final class Matcher {

    private Matcher() {
    }

    /**
     * @param ourPayments         our paid payments and succeeded refunds of the day
     * @param platformRows        the bill's payment and refund rows
     * @param carriedIn           what the previous day's run carried over
     * @param progressEvery       call {@code progress} after each this many items
     */
    static Outcome match(LocalDate day, ZoneId zone, Duration window, List<Item> ourPayments, List<Item> platformRows,
                         List<Carried> carriedIn, int progressEvery, LongConsumer progress) {
        Instant endOfDay = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant carryFrom = endOfDay.minus(window);
        var totals = new Counter();
        var discrepancies = new ArrayList<Discrepancy>();
        var carriedOut = new ArrayList<Carried>();
        long[] processed = {0};
        Runnable tick = () -> {
            if (++processed[0] % progressEvery == 0) {
                progress.accept(processed[0]);
            }
        };

        var platform = new LinkedHashMap<String, Item>();
        var leftoverPlatform = new ArrayList<Item>();
        for (Item row : platformRows) {
            totals.platform(row);
            if (platform.putIfAbsent(row.key(), row) != null) {
                leftoverPlatform.add(row); // the same payment or refund twice on one bill: the second matches nothing of ours
            }
            tick.run();
        }
        var leftoverOurs = new ArrayList<Item>();
        for (Item ours : ourPayments) {
            totals.ours(ours);
            Item theirs = platform.remove(ours.key());
            if (theirs == null) {
                leftoverOurs.add(ours);
            } else if (theirs.amountFen() == ours.amountFen()) {
                totals.matched++;
            } else {
                discrepancies.add(differs(ours, theirs, null));
            }
            tick.run();
        }
        leftoverPlatform.addAll(0, platform.values());

        var waitingForOurs = new HashMap<String, Carried>();
        var waitingForBill = new HashMap<String, Carried>();
        for (Carried carried : carriedIn) {
            (carried.side() == Side.PLATFORM ? waitingForOurs : waitingForBill).putIfAbsent(carried.item().key(), carried);
        }
        totals.carriedIn = carriedIn.size();

        for (Item ours : leftoverOurs) {
            Carried theirs = waitingForOurs.remove(ours.key());
            if (theirs != null) {
                clear(totals, discrepancies, ours, theirs.item(), theirs.day());
            } else if (near(ours, carryFrom)) {
                carriedOut.add(new Carried(Side.OURS, day, ours));
            } else {
                discrepancies.add(oursOnly(ours, null));
            }
        }
        for (Item theirs : leftoverPlatform) {
            Carried ours = waitingForBill.remove(theirs.key());
            if (ours != null) {
                clear(totals, discrepancies, ours.item(), theirs, ours.day());
            } else if (near(theirs, carryFrom)) {
                carriedOut.add(new Carried(Side.PLATFORM, day, theirs));
            } else {
                discrepancies.add(platformOnly(theirs, null));
            }
        }
        // carried over yesterday and not found today either: now they are reported
        waitingForOurs.values().forEach(carried -> discrepancies.add(platformOnly(carried.item(), carried.day())));
        waitingForBill.values().forEach(carried -> discrepancies.add(oursOnly(carried.item(), carried.day())));
        totals.carriedOut = carriedOut.size();
        if (processed[0] % progressEvery != 0) {
            progress.accept(processed[0]);
        }

        discrepancies.sort(Comparator.comparing(Discrepancy::type).thenComparing(Discrepancy::orderNo)
                .thenComparing(d -> d.refundNo() == null ? "" : d.refundNo()));
        return new Outcome(totals.freeze(), List.copyOf(discrepancies), List.copyOf(carriedOut));
    }

    /** Our side's totals alone, for a day the platform has no bill for yet. */
    static Totals oursOnly(List<Item> ours) {
        var totals = new Counter();
        ours.forEach(totals::ours);
        return totals.freeze();
    }

    private static boolean near(Item item, Instant carryFrom) {
        return item.at() != null && !item.at().isBefore(carryFrom);
    }

    private static void clear(Counter totals, List<Discrepancy> discrepancies, Item ours, Item theirs, LocalDate carriedFrom) {
        if (ours.amountFen() == theirs.amountFen()) {
            totals.carriedInCleared++;
        } else {
            discrepancies.add(differs(ours, theirs, carriedFrom));
        }
    }

    private static Discrepancy differs(Item ours, Item theirs, LocalDate carriedFrom) {
        return new Discrepancy(DiscrepancyType.AMOUNT_DIFFERS, ours.orderNo(), ours.refundNo(), ours.amountFen(), theirs.amountFen(),
                ours.tradeNo(), theirs.tradeNo(), theirs.at(), carriedFrom);
    }

    private static Discrepancy oursOnly(Item ours, LocalDate carriedFrom) {
        var type = ours.kind() == Item.Kind.PAYMENT ? DiscrepancyType.PAID_HERE_ONLY : DiscrepancyType.REFUND_MISSING_AT_PLATFORM;
        return new Discrepancy(type, ours.orderNo(), ours.refundNo(), ours.amountFen(), null, ours.tradeNo(), null, ours.at(),
                carriedFrom);
    }

    private static Discrepancy platformOnly(Item theirs, LocalDate carriedFrom) {
        var type = theirs.kind() == Item.Kind.PAYMENT ? DiscrepancyType.PAID_AT_PLATFORM_ONLY : DiscrepancyType.REFUND_MISSING_HERE;
        return new Discrepancy(type, theirs.orderNo(), theirs.refundNo(), null, theirs.amountFen(), null, theirs.tradeNo(),
                theirs.at(), carriedFrom);
    }

    /**
     * What the two sides hold and how much of it matched. Counts of payments and refunds, amounts
     * in fen, the platform's fees in thousandths of a fen.
     *
     * @param matched          pairs found on this day with equal amounts
     * @param carriedIn        items the previous day carried over
     * @param carriedInCleared of those, found today with equal amounts
     * @param carriedOut       items carried over to the next day
     */
    record Totals(int ourPayments, long ourPaymentFen, int ourRefunds, long ourRefundFen, int platformPayments,
                  long platformPaymentFen, int platformRefunds, long platformRefundFen, long platformFeeMilliFen, int matched,
                  int carriedIn, int carriedInCleared, int carriedOut) {

        static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** A run's result: totals, discrepancies in a stable order, and what waits for the next day. */
    record Outcome(Totals totals, List<Discrepancy> discrepancies, List<Carried> carriedOut) {

        Map<DiscrepancyType, Integer> counts() {
            var counts = new EnumMap<DiscrepancyType, Integer>(DiscrepancyType.class);
            for (DiscrepancyType type : DiscrepancyType.values()) {
                counts.put(type, 0);
            }
            discrepancies.forEach(d -> counts.merge(d.type(), 1, Integer::sum));
            return counts;
        }
    }

    private static final class Counter {
        int ourPayments;
        long ourPaymentFen;
        int ourRefunds;
        long ourRefundFen;
        int platformPayments;
        long platformPaymentFen;
        int platformRefunds;
        long platformRefundFen;
        long platformFeeMilliFen;
        int matched;
        int carriedIn;
        int carriedInCleared;
        int carriedOut;

        void ours(Item item) {
            if (item.kind() == Item.Kind.PAYMENT) {
                ourPayments++;
                ourPaymentFen = Math.addExact(ourPaymentFen, item.amountFen());
            } else {
                ourRefunds++;
                ourRefundFen = Math.addExact(ourRefundFen, item.amountFen());
            }
        }

        void platform(Item item) {
            platformFeeMilliFen = Math.addExact(platformFeeMilliFen, item.feeMilliFen());
            if (item.kind() == Item.Kind.PAYMENT) {
                platformPayments++;
                platformPaymentFen = Math.addExact(platformPaymentFen, item.amountFen());
            } else {
                platformRefunds++;
                platformRefundFen = Math.addExact(platformRefundFen, item.amountFen());
            }
        }

        Totals freeze() {
            return new Totals(ourPayments, ourPaymentFen, ourRefunds, ourRefundFen, platformPayments, platformPaymentFen,
                    platformRefunds, platformRefundFen, platformFeeMilliFen, matched, carriedIn, carriedInCleared, carriedOut);
        }
    }
}
