package io.paygate.sandbox.alipay;

import java.time.Instant;

/**
 * One delivery of a notification to the merchant and what came back.
 *
 * @param notifyId     the notification delivered (the same across its retries)
 * @param attempt      1 for the first delivery of the trade's notifications, counting up
 * @param at           when it was sent
 * @param trigger      the retry schedule or a manual "deliver now"
 * @param httpStatus   the merchant's HTTP status, or null when no answer came
 * @param responseBody the merchant's answer (shortened), or null
 * @param acknowledged whether the merchant answered HTTP 200 with exactly {@code success}
 * @param error        why no answer came (connection refused, timeout), or null
 */
record DeliveryAttempt(String notifyId, int attempt, Instant at, Trigger trigger, Integer httpStatus,
                       String responseBody, boolean acknowledged, String error) {

    enum Trigger { SCHEDULE, MANUAL }
}
