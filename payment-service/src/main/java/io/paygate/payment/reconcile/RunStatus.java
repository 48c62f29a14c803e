package io.paygate.payment.reconcile;

/**
 * Where a reconciliation of a day stands. COMPLETED: the bill was compared with our records.
 * NO_BILL: the platform has no bill for the day yet (today, or later), so nothing was compared.
 * FAILED: the bill could not be had or the run broke off; nothing of it was applied.
 */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    NO_BILL,
    FAILED
}
