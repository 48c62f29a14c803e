package io.paygate.payment.reconcile;

import io.paygate.events.ReconciliationCompleted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** A run as the event downstream teams read. */
final class Events {

    private Events() {
    }

    /** The event for how the run ended; null while it is still running. A failed run carries no figures of its own. */
    static ReconciliationCompleted completed(RunView view, Instant now) {
        Instant ended = view.finishedAt() == null ? now : view.finishedAt();
        return switch (view.status()) {
            case RUNNING -> null;
            case FAILED -> new ReconciliationCompleted(view.channel(), view.day(), ReconciliationCompleted.Status.FAILED, view.runNo(),
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new ReconciliationCompleted.Discrepancies(0, 0, 0, 0, 0), view.reason(), ended);
            case COMPLETED, NO_BILL -> {
                var r = view.result();
                var t = r.totals();
                var c = r.counts();
                yield new ReconciliationCompleted(view.channel(), view.day(), view.status() == RunStatus.COMPLETED
                        ? ReconciliationCompleted.Status.COMPLETED : ReconciliationCompleted.Status.NO_BILL, view.runNo(),
                        t.ourPayments(), t.ourPaymentFen(), t.ourRefunds(), t.ourRefundFen(), t.platformPayments(),
                        t.platformPaymentFen(), t.platformRefunds(), t.platformRefundFen(), t.platformFeeMilliFen(), t.matched(),
                        t.carriedOut(), new ReconciliationCompleted.Discrepancies(c.get(DiscrepancyType.PAID_AT_PLATFORM_ONLY),
                        c.get(DiscrepancyType.PAID_HERE_ONLY), c.get(DiscrepancyType.AMOUNT_DIFFERS),
                        c.get(DiscrepancyType.REFUND_MISSING_HERE), c.get(DiscrepancyType.REFUND_MISSING_AT_PLATFORM)), null, ended);
            }
        };
    }

    /** Same figures, same id: what the event says, without its run number and time. */
    static String id(ReconciliationCompleted event) {
        String fact = String.join("|", "reconciliation", event.key(), event.status().name(),
                String.valueOf(event.ourPayments()), String.valueOf(event.ourPaymentFen()), String.valueOf(event.ourRefunds()),
                String.valueOf(event.ourRefundFen()), String.valueOf(event.platformPayments()), String.valueOf(event.platformPaymentFen()),
                String.valueOf(event.platformRefunds()), String.valueOf(event.platformRefundFen()), String.valueOf(event.matched()),
                String.valueOf(event.carriedOver()), event.discrepancies().toString(), String.valueOf(event.reason()));
        return "reconciliation-" + UUID.nameUUIDFromBytes(fact.getBytes(StandardCharsets.UTF_8));
    }
}
