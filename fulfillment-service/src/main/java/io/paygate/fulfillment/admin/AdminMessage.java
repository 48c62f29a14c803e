package io.paygate.fulfillment.admin;

import java.time.Instant;

/**
 * One message for the admins, as sent on {@code /admin/v1/stream} and listed by
 * {@code /admin/v1/messages}.
 *
 * @param id        increasing within one run of the service; the SSE event id
 * @param kind      what happened
 * @param orderNo   the order it is about
 * @param text      a line for people, e.g. {@code 订单 2026… 已支付 ¥88.88 (支付宝 2026…)}
 * @param amountFen the amount involved, in fen
 * @param link      the order in the admin console
 * @param at        when the message was made
 */
public record AdminMessage(long id, Kind kind, String orderNo, String text, long amountFen, String link, Instant at) {

    public enum Kind {
        ORDER_PAID,
        /**
         * An admin must act: money arrived for a timed-out order, with the wrong amount or twice,
         * or a platform refused a refund.
         */
        NEEDS_REVIEW,
        /** Money went back to a customer. */
        REFUNDED,
        /** A mail or chat robot message failed after every retry and went to the dead-letter topic. */
        DELIVERY_FAILED
    }
}
