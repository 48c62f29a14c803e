package io.paygate.payment.platform;

import java.time.Instant;
import java.util.List;

/** A platform's trade bill of one day, or why there is none. */
public sealed interface PlatformBill {

    /** One row of a bill; each platform has its own typed row, amounts in fen. */
    interface Entry {

        /** The row as reconciliation compares it, the same for every platform. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        Line line();
    }

    /**
     * A bill row reduced to what reconciliation matches on.
     *
     * @param kind        a payment, a refund, or a row that moves no money of ours (WeChat REVOKED, a refund not SUCCESS)
     * @param orderNo     our order number ({@code out_trade_no})
     * @param refundNo    our refund number on refund rows, else null
     * @param tradeNo     the platform's trade number
     * @param amountFen   what was paid, or given back (positive), in fen
     * @param feeMilliFen the platform's fee in thousandths of a fen, negative where a refund returns it
     * @param at          when the platform says it happened
     */
    record Line(Kind kind, String orderNo, String refundNo, String tradeNo, long amountFen, long feeMilliFen, Instant at) {

        public enum Kind {
            PAYMENT,
            REFUND,
            OTHER
        }
    }

    /** A bill's own totals line, where the platform has one. */
    interface Totals {
    }

    /** The bill, parsed; {@code totals} is null where the platform's file has none. */
    record Bill(List<? extends Entry> entries, Totals totals) implements PlatformBill {
    }

    /** The platform has no bill for that day (no business, not ready yet, too old), with its code. */
    record NoBill(String code) implements PlatformBill {
    }

    /** The bill could not be fetched or did not check out (download failed, hash mismatch): try again. */
    record Unknown(String reason) implements PlatformBill {
    }
}
