package io.paygate.payment.reconcile;

import io.paygate.common.money.Yuan;
import io.paygate.payment.alipay.AlipayBill;
import io.paygate.payment.platform.PlatformBill;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A benchmark, not a test: one day of 100,000 bill rows (95,000 payments, 5,000 refunds) as
 * Alipay's GBK ZIP, parsed by the production parser and matched against 100,000 records of ours
 * with 1 % planted discrepancies and a few near-midnight rows. Measures the in-memory part of a
 * run (parse, reduce to lines, match); the database part (our day's query, the result's insert)
 * is not in it. Arguments: rows (100000), rounds (5); docs/reconciliation.md has the command and
 * the figure.
 */
public final class ReconcileBench {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    private ReconcileBench() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var ours = new ArrayList<Item>(rows);
        byte[] zip = bill(rows, ours);
        System.out.printf("bill: %,d rows, %,d bytes zipped; ours: %,d%n", rows, zip.length, ours.size());
        long best = Long.MAX_VALUE;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            List<AlipayBill.Row> parsed = AlipayBill.parseZip(zip);
            long parsedAt = System.nanoTime();
            var items = new ArrayList<Item>(parsed.size());
            for (AlipayBill.Row row : parsed) {
                PlatformBill.Line line = row.line();
                items.add(new Item(line.kind() == PlatformBill.Line.Kind.REFUND ? Item.Kind.REFUND : Item.Kind.PAYMENT, line.orderNo(),
                        line.refundNo(), line.tradeNo(), line.amountFen(), line.feeMilliFen(), line.at()));
            }
            var outcome = Matcher.match(DAY, BEIJING, Duration.ofMinutes(30), ours, items, List.of(), 10_000, processed -> {
            });
            long end = System.nanoTime();
            best = Math.min(best, end - start);
            System.out.printf("round %d: %,d ms (parse %,d ms, match %,d ms); matched %,d, discrepancies %s, carried over %d%n", round,
                    (end - start) / 1_000_000, (parsedAt - start) / 1_000_000, (end - parsedAt) / 1_000_000,
                    outcome.totals().matched(), outcome.counts(), outcome.carriedOut().size());
        }
        System.out.printf("best of %d: %,d ms for %,d bill rows (%,.0f rows/s)%n", rounds, best / 1_000_000, rows,
                rows / (best / 1e9));
    }

    /** Alipay's detail file layout (ref §10) in a GBK ZIP; ours gets the same rows, 1 % of them altered. */
    private static byte[] bill(int rows, List<Item> ours) throws IOException {
        var text = new StringBuilder("#支付宝业务明细查询\r\n#账号：[2088000000000001]\r\n")
                .append("#-----------------------------------------业务明细列表----------------------------------------\r\n")
                .append("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,"
                        + "商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,"
                        + "卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r\n");
        Instant start = DAY.atStartOfDay(BEIJING).toInstant();
        int refunds = rows / 20;
        for (int i = 0; i < rows; i++) {
            boolean refund = i >= rows - refunds;
            int of = refund ? i - (rows - refunds) : i;
            String orderNo = "20261125" + String.format("%016d", of);
            String tradeNo = "2026112522001" + String.format("%015d", of);
            long fen = 100 + (of % 9_900);
            long signed = refund ? -(fen / 2) : fen;
            Instant at = start.plusSeconds((long) i * 86_000 / rows);
            text.append(tradeNo).append("\t,").append(orderNo).append("\t,").append(refund ? "退款" : "交易").append(",商品,")
                    .append(TIME.format(at)).append(',').append(TIME.format(at)).append(",,,,,buyer,").append(Yuan.format(fen)).append(',')
                    .append(signed < 0 ? "-" + Yuan.format(-signed) : Yuan.format(signed))
                    .append(",0.00,0.00,0.00,0.00,0.00,,0.00,0.00,").append(refund ? orderNo + "R1\t" : "").append(",0.00,0.00,\r\n");
            if (i % 100 == 7) {
                continue; // paid at the platform only
            }
            long ourFen = i % 100 == 13 ? Math.abs(signed) + 1 : Math.abs(signed);
            ours.add(refund ? Item.refund(orderNo, orderNo + "R1", tradeNo, ourFen, at) : Item.payment(orderNo, tradeNo, ourFen, at));
        }
        text.append("#-----------------------------------------业务明细列表结束------------------------------------\r\n");
        var bytes = new ByteArrayOutputStream();
        Charset gbk = Charset.forName("GBK");
        try (var zip = new ZipOutputStream(bytes, gbk)) {
            zip.putNextEntry(new ZipEntry("2088000000000001_20261125_业务明细.csv"));
            zip.write(text.toString().getBytes(gbk));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
