package io.paygate.localrun.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Holds what the platforms say happened against what paygate ended up with, order by order.
 * Pure: it reads nothing itself ({@link SandboxTruth} and {@link SystemStateReader} do), so it
 * is tested on planted data.
 */
public final class Checker {

    /** Statuses in which an order's payment is known here. */
    static final Set<String> PAID_HERE = Set.of("PAID", "PAID_AFTER_TIMEOUT", "REFUNDING", "REFUNDED");

    private Checker() {
    }

    public static CheckReport check(Collection<PlatformTrade> truth, Collection<OrderState> state) {
        Map<String, List<PlatformTrade>> trades = truth.stream()
                .collect(Collectors.groupingBy(PlatformTrade::outTradeNo, LinkedHashMap::new, Collectors.toList()));
        Map<String, OrderState> orders = state.stream()
                .collect(Collectors.toMap(OrderState::orderNo, o -> o, (a, b) -> a, LinkedHashMap::new));
        Set<String> orderNos = new TreeSet<>(trades.keySet());
        orderNos.addAll(orders.keySet());

        var findings = new ArrayList<String>();
        int paid = 0, lost = 0, phantom = 0, doubled = 0, overRefund = 0, mails = 0, adminMessages = 0, redelivered = 0, resent = 0;
        for (String orderNo : orderNos) {
            List<PlatformTrade> there = trades.getOrDefault(orderNo, List.of());
            OrderState here = orders.get(orderNo);
            List<PlatformTrade> paidThere = there.stream().filter(PlatformTrade::paid).toList();
            if (!paidThere.isEmpty()) {
                paid++;
            }
            if (lost(orderNo, paidThere, here, findings)) {
                lost++;
            }
            if (here == null) {
                continue;
            }
            if (phantom(orderNo, paidThere, here, findings)) {
                phantom++;
            }
            if (doubled(orderNo, here.effects(), findings)) {
                doubled++;
            }
            if (overRefunded(orderNo, there, here, findings)) {
                overRefund++;
            }
            mails += here.effects().receiptMails();
            adminMessages += here.effects().paidAdminMessages();
            redelivered += here.effects().orderPaidRecords() - here.effects().orderPaidEvents();
            resent += here.effects().receiptCopies() - here.effects().receiptMails();
        }
        return new CheckReport(orderNos.size(), paid, lost, phantom, doubled, overRefund, mails, adminMessages, redelivered, resent, findings);
    }

    /** Each trade paid at a platform must be recorded here, and its order must be paid here. */
    private static boolean lost(String orderNo, List<PlatformTrade> paidThere, OrderState here, List<String> findings) {
        var what = new ArrayList<String>();
        for (PlatformTrade trade : paidThere) {
            if (here == null) {
                what.add(trade.channel() + " " + trade.tradeNo() + " paid, no such order here");
                continue;
            }
            boolean recorded = here.payments().stream().anyMatch(p -> p.channel().equals(trade.channel())
                    && p.platformTradeNo().equals(trade.tradeNo()));
            if (!recorded || !PAID_HERE.contains(here.status())) {
                what.add(trade.channel() + " " + trade.tradeNo() + " paid, here " + here.status() + (recorded ? "" : ", trade not recorded"));
            }
        }
        return found("lost", orderNo, what, findings);
    }

    /** Paid here, or a payment recorded here, that no platform shows as paid. Free orders pay nobody. */
    private static boolean phantom(String orderNo, List<PlatformTrade> paidThere, OrderState here, List<String> findings) {
        var what = new ArrayList<String>();
        if (PAID_HERE.contains(here.status()) && here.payableFen() > 0 && paidThere.isEmpty()) {
            what.add(here.status() + " here, paid at no platform");
        }
        for (OrderState.Payment payment : here.payments()) {
            boolean there = paidThere.stream().anyMatch(t -> t.channel().equals(payment.channel())
                    && t.tradeNo() != null && t.tradeNo().equals(payment.platformTradeNo()));
            if (!there) {
                what.add("recorded payment " + payment.channel() + " " + payment.platformTradeNo() + " is not paid at the platform");
            }
        }
        return found("phantom", orderNo, what, findings);
    }

    /** One finding per order and defect, however many of its trades or effects show it. */
    private static boolean found(String defect, String orderNo, List<String> what, List<String> findings) {
        if (what.isEmpty()) {
            return false;
        }
        findings.add(defect + ": " + orderNo + " " + String.join("; ", what));
        return true;
    }

    private static boolean doubled(String orderNo, OrderState.Effects effects, List<String> findings) {
        var what = new ArrayList<String>();
        if (effects.paidTransitions() > 1) {
            what.add(effects.paidTransitions() + " transitions to PAID");
        }
        if (effects.lateTransitions() > 1) {
            what.add(effects.lateTransitions() + " transitions to PAID_AFTER_TIMEOUT");
        }
        if (effects.orderPaidEvents() > 1) {
            what.add(effects.orderPaidEvents() + " OrderPaid events");
        }
        if (effects.receiptMails() > 1) {
            what.add(effects.receiptMails() + " receipts");
        }
        if (effects.paidAdminMessages() > 1) {
            what.add(effects.paidAdminMessages() + " admin messages");
        }
        return found("double", orderNo, what, findings);
    }

    /**
     * More went back at the platform than came in there, or than the refunds we decided on; or
     * our own books refund more than the order was paid.
     */
    private static boolean overRefunded(String orderNo, List<PlatformTrade> there, OrderState here, List<String> findings) {
        long paidThere = there.stream().filter(PlatformTrade::paid).mapToLong(PlatformTrade::totalFen).sum();
        long refundedThere = there.stream().mapToLong(PlatformTrade::refundedFen).sum();
        long decided = here.refunds().stream().filter(r -> "SUCCEEDED".equals(r.status())).mapToLong(OrderState.Refund::amountFen).sum();
        var what = new ArrayList<String>();
        if (refundedThere > paidThere) {
            what.add("platform refunded " + refundedThere + " of " + paidThere + " fen paid");
        }
        if (refundedThere > decided) {
            what.add("platform refunded " + refundedThere + " fen, our succeeded refunds total " + decided);
        }
        if (here.refundedFen() > here.payableFen()) {
            what.add("we refunded " + here.refundedFen() + " of " + here.payableFen() + " fen payable");
        }
        return found("overRefund", orderNo, what, findings);
    }
}
