package io.paygate.payment.reconcile;

import java.time.LocalDate;

/**
 * An item a day's run could not match close to midnight, carried over to the next day's run.
 *
 * @param side whose item it is: ours, or the platform's bill row
 * @param day  the day whose run carried it over
 */
record Carried(Side side, LocalDate day, Item item) {

    enum Side {
        OURS,
        PLATFORM
    }
}
