package io.paygate.payment.reconcile;

import io.paygate.common.money.Yuan;
import io.paygate.events.Channel;
import java.time.LocalDate;

/** Discrepancies as CSV: amounts in fen and in yuan (for people), empty where a side has nothing. */
final class DiscrepancyCsv {

    static final String HEADER = "day,channel,type,order_no,refund_no,our_fen,platform_fen,our_yuan,platform_yuan,"
            + "our_trade_no,platform_trade_no,occurred_at,carried_from\r\n";

    private DiscrepancyCsv() {
    }

    static String line(Channel channel, LocalDate day, Discrepancy d) {
        return String.join(",", day.toString(), channel.name(), d.type().name(), cell(d.orderNo()), cell(d.refundNo()),
                d.ourFen() == null ? "" : d.ourFen().toString(), d.platformFen() == null ? "" : d.platformFen().toString(),
                yuan(d.ourFen()), yuan(d.platformFen()), cell(d.ourTradeNo()), cell(d.platformTradeNo()),
                d.at() == null ? "" : d.at().toString(), d.carriedFrom() == null ? "" : d.carriedFrom().toString()) + "\r\n";
    }

    private static String yuan(Long fen) {
        if (fen == null) {
            return "";
        }
        return fen < 0 ? "-" + Yuan.format(-fen) : Yuan.format(fen);
    }

    /** Numbers and codes only in practice; quoted anyway if a cell ever holds a comma, quote or line break. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
