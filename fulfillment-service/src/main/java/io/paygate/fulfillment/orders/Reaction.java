package io.paygate.fulfillment.orders;

import io.paygate.fulfillment.admin.AdminMessage;
import io.paygate.fulfillment.delivery.PlannedEffect;
import java.util.List;

/**
 * What one fact makes this service do: one admin message (live stream and, if configured, the
 * chat robot) and the mails in {@code mails}.
 *
 * @param factKey   identifies the fact, e.g. {@code paid:<order number>}
 * @param orderNo   the order
 * @param kind      the admin message's kind
 * @param line      the admin message's text
 * @param amountFen the amount the message is about
 * @param link      the order in the admin console
 * @param mails     the mails to send
 */
record Reaction(String factKey, String orderNo, AdminMessage.Kind kind, String line, long amountFen, String link,
                List<PlannedEffect> mails) {
}
