package io.paygate.sandbox.wechat;

import java.time.Instant;

/**
 * One delivery of a notification to the merchant and what came back.
 *
 * @param notificationId the envelope's {@code id}: the same across the retries of one notification
 * @param eventType      {@code TRANSACTION.SUCCESS}, {@code REFUND.SUCCESS}, …
 * @param url            where it was POSTed
 * @param attempt        1 for the order's first delivery, counting up across its notifications
 * @param trigger        the retry schedule, a manual "deliver now", or a signature probe
 * @param httpStatus     the merchant's HTTP status, or null when no answer came
 * @param responseBody   the merchant's answer (shortened), or null
 * @param acknowledged   whether the merchant answered 2xx in time (a probe is never acknowledged)
 * @param error          why no answer came (connection refused, timeout), or null
 * @param signature      the delivery's {@code Wechatpay-Signature}: new with every delivery (it signs the time and a nonce)
 */
record NotifyAttempt(String notificationId, String eventType, String url, int attempt, Instant at, Trigger trigger,
                     Integer httpStatus, String responseBody, boolean acknowledged, String error, String signature) {

    enum Trigger { SCHEDULE, MANUAL, PROBE }

    /** Whether the merchant answered 2xx, probe or not. */
    boolean answered2xx() {
        return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
    }
}
