package io.paygate.fulfillment.orders;

import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundFailed;
import io.paygate.fulfillment.admin.AdminLinks;
import io.paygate.fulfillment.admin.AdminMessage.Kind;
import io.paygate.fulfillment.delivery.PlannedEffect;
import io.paygate.fulfillment.email.Wording;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Who hears about what. A paid order: a receipt for the customer, a message for the admins. A
 * refund: a notice for the customer, a message for the admins. Money that needs an admin's
 * decision (paid after the deadline, a wrong amount, paid twice) and a refund a platform refused:
 * a "needs review" message with a link to the order, and a mail to the admins.
 */
@Component
class Announcements {

    private final Wording wording;
    private final AdminLinks links;

    Announcements(Wording wording, AdminLinks links) {
        this.wording = wording;
        this.links = links;
    }

    /** One receipt per order, whatever event id its payment arrives under. */
    Reaction paid(OrderPaid paid) {
        return new Reaction("paid:" + paid.orderNo(), paid.orderNo(), Kind.ORDER_PAID, wording.paidLine(paid),
                paid.amountFen(), links.order(paid.orderNo()), List.of(PlannedEffect.customerMail(wording.receipt(paid))));
    }

    Reaction refunded(OrderRefunded refunded) {
        return new Reaction("refunded:" + refunded.orderNo() + ":" + refunded.refundNo(), refunded.orderNo(), Kind.REFUNDED,
                wording.refundedLine(refunded), refunded.amountFen(), links.order(refunded.orderNo()),
                List.of(PlannedEffect.customerMail(wording.refundNotice(refunded))));
    }

    Reaction paidAfterTimeout(OrderPaidAfterTimeout late) {
        String link = links.order(late.orderNo());
        return review("paid-after-timeout:" + late.orderNo() + ":" + late.platformTradeNo(), late.orderNo(),
                late.amountFen(), link, wording.paidAfterTimeout(late, link));
    }

    Reaction amountMismatch(PaymentAmountMismatched mismatch) {
        String link = links.order(mismatch.orderNo());
        return review("amount-mismatch:" + mismatch.orderNo() + ":" + mismatch.platformTradeNo(), mismatch.orderNo(),
                mismatch.amountFen(), link, wording.amountMismatch(mismatch, link));
    }

    Reaction duplicatePayment(DuplicatePaymentReceived duplicate) {
        String link = links.order(duplicate.orderNo());
        return review("duplicate-payment:" + duplicate.orderNo() + ":" + duplicate.platformTradeNo(), duplicate.orderNo(),
                duplicate.amountFen(), link, wording.duplicatePayment(duplicate, link));
    }

    Reaction refundFailed(RefundFailed failed) {
        String link = links.order(failed.orderNo());
        return review("refund-failed:" + failed.orderNo() + ":" + failed.refundNo(), failed.orderNo(), failed.amountFen(),
                link, wording.refundFailed(failed, link));
    }

    /** A refund asked for {@code open} ago that has not ended yet. */
    Reaction refundStuck(String orderNo, String refundNo, long amountFen, java.time.Instant requestedAt, java.time.Duration open) {
        String link = links.order(orderNo);
        return review("refund-overdue:" + orderNo + ":" + refundNo, orderNo, amountFen, link,
                wording.refundStuck(orderNo, refundNo, amountFen, requestedAt, open, link));
    }

    /**
     * A reconciliation run that found discrepancies, or failed: "needs review" with a link to the
     * day in the console. A clean run, or a day without a bill yet, tells nobody.
     */
    java.util.Optional<Reaction> reconciliation(io.paygate.events.ReconciliationCompleted run) {
        boolean failed = run.status() == io.paygate.events.ReconciliationCompleted.Status.FAILED;
        if (!failed && run.discrepancies().total() == 0) {
            return java.util.Optional.empty();
        }
        String link = links.reconciliation(run.channel().name(), run.day());
        return java.util.Optional.of(review("reconciliation:" + run.key() + ":" + run.runNo(), run.key(), 0, link,
                wording.reconciliation(run, link)));
    }

    private static Reaction review(String factKey, String orderNo, long amountFen, String link, Wording.Alert alert) {
        return new Reaction(factKey, orderNo, Kind.NEEDS_REVIEW, alert.line(), amountFen, link,
                List.of(PlannedEffect.adminMail(alert.mail())));
    }
}
