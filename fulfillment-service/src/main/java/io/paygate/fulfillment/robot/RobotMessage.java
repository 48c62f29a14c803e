package io.paygate.fulfillment.robot;

import java.time.Instant;

/**
 * One admin message as the chat robot gets it.
 *
 * @param id        stable across retries of the same message, so the receiver can drop repeats
 * @param kind      what happened, e.g. {@code NEEDS_REVIEW}
 * @param orderNo   the order it is about
 * @param text      the line for people
 * @param amountFen the amount involved, in fen
 * @param link      the order in the admin console
 * @param at        when the message was made
 */
public record RobotMessage(String id, String kind, String orderNo, String text, long amountFen, String link, Instant at) {
}
