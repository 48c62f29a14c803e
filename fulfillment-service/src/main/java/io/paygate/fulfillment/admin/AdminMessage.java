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
 * @param at        when the message was made
 */
public record AdminMessage(long id, Kind kind, String orderNo, String text, long amountFen, Instant at) {

    public enum Kind {
        ORDER_PAID,
        /** Money arrived for a timed-out or cancelled order: an admin must refund or accept it. */
        NEEDS_REVIEW,
        /** Money went back to a customer. */
        REFUNDED
    }
}
