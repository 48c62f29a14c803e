package io.paygate.sandbox.alipay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Ground truth at scale, for bills of benchmark size: many trades paid on one Beijing day in one
 * call, without cashier, notifications or signatures (a day's bill is all they are for). Each is
 * an ordinary trade afterwards: queries, refunds and bills see it like any other.
 */
@Component
class BulkDay {

    static final int MAX_PAYMENTS = 1_000_000;
    static final String CSV_HEADER = "out_trade_no,trade_no,total_fen,paid_at,out_request_no,refund_fen,refunded_at\n";

    private final Trades trades;
    private final TradeNumbers numbers;
    private final AlipaySandboxSettings settings;

    BulkDay(Trades trades, TradeNumbers numbers, AlipaySandboxSettings settings) {
        this.trades = trades;
        this.numbers = numbers;
        this.settings = settings;
    }

    /**
     * {@code payments} trades paid on {@code day}, spread from 00:01 to about 23:55 Beijing time,
     * order numbers {@code prefix} and a 10-digit index, {@code 100 + i % 9900} fen each; the first
     * {@code refunds} of them have a tenth given back a minute after they were paid, as
     * {@code <order>R1}. Answers each as a CSV line (header first, times ISO instants).
     *
     * @throws IllegalArgumentException on counts out of range or an order number taken already
     */
    String write(LocalDate day, String prefix, int payments, int refunds) {
        if (payments < 1 || payments > MAX_PAYMENTS || refunds < 0 || refunds > payments) {
            throw new IllegalArgumentException("payments must be within [1, " + MAX_PAYMENTS + "] and refunds within [0, payments]");
        }
        if (!prefix.matches("\\d{1,22}")) {
            throw new IllegalArgumentException("prefix must be 1 to 22 digits (an order number is at most 32 characters)");
        }
        Instant start = day.atStartOfDay(AlipayTime.ZONE).toInstant().plus(Duration.ofMinutes(1));
        long spreadMillis = Duration.ofHours(23).plusMinutes(50).toMillis();
        var out = new StringBuilder(payments * 110).append(CSV_HEADER);
        for (int i = 0; i < payments; i++) {
            String orderNo = prefix + String.format("%010d", i);
            long fen = 100 + i % 9900;
            Instant paidAt = start.plusMillis(spreadMillis * i / payments);
            List<Refund> refunded = i < refunds ? List.of(new Refund(orderNo + "R1", fen / 10, paidAt.plusSeconds(60))) : List.of();
            var trade = new Trade(numbers.next(), orderNo, settings.appId(), Product.PAGE, StandardCharsets.UTF_8, SignType.RSA2, fen,
                    "对账压测", null, null, null, null, null, paidAt.minusSeconds(30), paidAt.plus(Duration.ofMinutes(15)),
                    TradeStatus.TRADE_SUCCESS, paidAt, null, refunded);
            if (!trades.add(trade)) {
                throw new IllegalArgumentException("order " + orderNo + " exists already at the sandbox");
            }
            out.append(orderNo).append(',').append(trade.tradeNo()).append(',').append(fen).append(',').append(paidAt);
            if (refunded.isEmpty()) {
                out.append(",,,\n");
            } else {
                Refund refund = refunded.getFirst();
                out.append(',').append(refund.outRequestNo()).append(',').append(refund.amountFen()).append(',').append(refund.at())
                        .append('\n');
            }
        }
        return out.toString();
    }
}
