package io.paygate.localrun.check;

import java.util.List;

/**
 * The checker's figures, per order: each defect counts an order once, whatever number of its
 * trades or effects show it. {@link #line()} is what a run is quoted from.
 *
 * @param orders        orders looked at (ours and the platforms' together)
 * @param paid          of them, paid at a platform
 * @param lost          paid at a platform, not paid here (or that platform trade not recorded here)
 * @param phantom       paid here, not at the platform
 * @param doubled       more than one transition, OrderPaid event, receipt or admin message for one payment
 * @param overRefund    more given back at the platform than was paid there, or than we decided to give back
 * @param mails         receipts received by the SMTP server
 * @param adminMessages "order paid" messages the admins got
 * @param redelivered   OrderPaid records that repeat an event already on the topic (at-least-once; not a defect)
 * @param resentMails   receipts received again with the {@code Message-ID} of one already received (a mail
 *                      sent again after a crash right after the SMTP server accepted it; reported, not a defect)
 * @param findings      one line per defect, naming the order
 */
public record CheckReport(int orders, int paid, int lost, int phantom, int doubled, int overRefund, int mails,
                          int adminMessages, int redelivered, int resentMails, List<String> findings) {

    public CheckReport {
        findings = List.copyOf(findings);
    }

    public String line() {
        return ("checker: orders=%d lost=%d phantom=%d double=%d overRefund=%d (paid=%d, mails=%d, adminMessages=%d,"
                + " redeliveredOrderPaid=%d, resentMails=%d)")
                .formatted(orders, lost, phantom, doubled, overRefund, paid, mails, adminMessages, redelivered, resentMails);
    }

    public boolean clean() {
        return lost == 0 && phantom == 0 && doubled == 0 && overRefund == 0;
    }

    @Override
    public String toString() {
        return findings.isEmpty() ? line() : line() + "\n  " + String.join("\n  ", findings);
    }
}
