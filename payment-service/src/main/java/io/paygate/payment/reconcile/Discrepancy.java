package io.paygate.payment.reconcile;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One thing the two sides disagree on. Amounts and trade numbers are null on the side that has
 * nothing.
 *
 * @param refundNo    the refund's number, for refund discrepancies
 * @param at          when it happened, as the side that has it says
 * @param carriedFrom the earlier day it was carried over from, if it waited a day before being reported
 */
public record Discrepancy(DiscrepancyType type, String orderNo, String refundNo, Long ourFen, Long platformFen,
                          String ourTradeNo, String platformTradeNo, Instant at, LocalDate carriedFrom) {
}
