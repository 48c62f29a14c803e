package io.paygate.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A reconciliation run of one channel's day ended. Emitted by payment-service after each run
 * (scheduled or asked for by an admin) has stored its result, or failed. Key: {@code CHANNEL/day}
 * (e.g. {@code ALIPAY/2026-11-25}), on {@code paygate.reconciliation.v1}. Consumed by
 * fulfillment-service, which alerts the admins when discrepancies were found or the run failed.
 * A re-run with the same result carries the same event id.
 *
 * @param channel             the platform whose bill was compared
 * @param day                 the business day (Asia/Shanghai)
 * @param status              how the run ended
 * @param runNo               the run's number for that day (a re-run counts up)
 * @param ourPayments         payments we hold as paid that day
 * @param ourPaymentFen       their sum, in fen
 * @param ourRefunds          refunds we hold as succeeded that day
 * @param ourRefundFen        their sum, in fen
 * @param platformPayments    payment rows on the bill
 * @param platformPaymentFen  their sum, in fen
 * @param platformRefunds     refund rows on the bill
 * @param platformRefundFen   their sum, in fen
 * @param platformFeeMilliFen the platform's fees on the bill, in thousandths of a fen
 * @param matched             pairs that agree
 * @param carriedOver         items left for the next day's run (near midnight on one side only)
 * @param discrepancies       discrepancies by type
 * @param reason              why a FAILED run failed; null otherwise
 * @param endedAt             when the run ended
 */
public record ReconciliationCompleted(
        Channel channel,
        LocalDate day,
        Status status,
        int runNo,
        int ourPayments,
        long ourPaymentFen,
        int ourRefunds,
        long ourRefundFen,
        int platformPayments,
        long platformPaymentFen,
        int platformRefunds,
        long platformRefundFen,
        long platformFeeMilliFen,
        int matched,
        int carriedOver,
        Discrepancies discrepancies,
        String reason,
        Instant endedAt) implements ReconciliationEvent {

    /** How a run ended: compared; the platform has no bill for the day yet; could not be done. */
    public enum Status {
        COMPLETED,
        NO_BILL,
        FAILED
    }

    /** Discrepancies found, by type. */
    public record Discrepancies(int paidAtPlatformOnly, int paidHereOnly, int amountDiffers, int refundMissingHere,
                                int refundMissingAtPlatform) {

        public int total() {
            return paidAtPlatformOnly + paidHereOnly + amountDiffers + refundMissingHere + refundMissingAtPlatform;
        }
    }

    @Override
    public String key() {
        return channel.name() + "/" + day;
    }
}
