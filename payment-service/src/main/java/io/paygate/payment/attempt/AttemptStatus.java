package io.paygate.payment.attempt;

/**
 * What we know of an attempt. PENDING: the platform has not decided. UNKNOWN: a call's outcome
 * is not known and must be queried. Both differ from FAILED.
 */
public enum AttemptStatus {
    PENDING,
    UNKNOWN,
    SUCCEEDED,
    CLOSED,
    FAILED
}
