package io.paygate.payment.platform;

import java.util.List;

/** A platform's trade bill of one day, or why there is none. */
public sealed interface PlatformBill {

    /** One row of a bill; each platform has its own typed row, amounts in fen. */
    interface Entry {
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
