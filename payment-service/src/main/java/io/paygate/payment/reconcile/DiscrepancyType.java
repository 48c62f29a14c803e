package io.paygate.payment.reconcile;

/** What a reconciliation can find wrong; docs/reconciliation.md says what an admin does about each. */
public enum DiscrepancyType {
    /** The bill has a payment we do not know, or know as unpaid. */
    PAID_AT_PLATFORM_ONLY,
    /** We hold a payment as paid that the bill does not have. */
    PAID_HERE_ONLY,
    /** Both sides have the payment or refund, with different amounts. */
    AMOUNT_DIFFERS,
    /** The bill has a refund that we do not hold as succeeded. */
    REFUND_MISSING_HERE,
    /** We hold a refund as succeeded that the bill does not have. */
    REFUND_MISSING_AT_PLATFORM
}
