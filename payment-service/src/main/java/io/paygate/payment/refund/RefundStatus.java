package io.paygate.payment.refund;

/**
 * What we know of a refund we asked for. UNKNOWN: asked, no trustworthy answer yet (also while the
 * call is in flight). PROCESSING: the platform accepted it and has not finished. Both are asked
 * about again until the platform says SUCCEEDED or FAILED; no timer ever ends a refund here.
 */
enum RefundStatus {
    UNKNOWN,
    PROCESSING,
    SUCCEEDED,
    FAILED;

    boolean settled() {
        return this == SUCCEEDED || this == FAILED;
    }
}
