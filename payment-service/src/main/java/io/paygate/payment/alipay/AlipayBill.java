package io.paygate.payment.alipay;

import io.paygate.common.money.Yuan;
import io.paygate.payment.platform.PlatformBill;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

/**
 * Alipay's daily trade bill: a ZIP of GBK CSV files; the detail file (业务明细) holds one row per
 * payment or refund between marker lines. Rows are read by column name, cells trimmed of the
 * tabs Alipay adds to keep spreadsheets from reformatting numbers.
 */
public final class AlipayBill {

    private static final Charset GBK = Charset.forName("GBK");
    private static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayBill() {
    }

    /** What one bill row records. Amounts are signed: a refund row is negative. */
    public record Row(Kind kind, String tradeNo, String orderNo, String subject, LocalDateTime createdAt,
                      LocalDateTime finishedAt, long orderAmountFen, long receivedFen, String refundRequestNo, long feeFen)
            implements PlatformBill.Entry {

        /** A payment is its order amount; a refund what it gave back (its negative 商家实收); times are Beijing time. */
        @Override
        public PlatformBill.Line line() {
            LocalDateTime when = finishedAt != null ? finishedAt : createdAt;
            return kind == Kind.REFUND
                    ? new PlatformBill.Line(PlatformBill.Line.Kind.REFUND, orderNo, refundRequestNo, tradeNo, -receivedFen,
                            feeFen * 1000, when == null ? null : when.atZone(ZONE).toInstant())
                    : new PlatformBill.Line(PlatformBill.Line.Kind.PAYMENT, orderNo, null, tradeNo, orderAmountFen,
                            feeFen * 1000, when == null ? null : when.atZone(ZONE).toInstant());
        }
    }

    public enum Kind {
        PAYMENT,
        REFUND
    }

    public static List<Row> parseZip(byte[] zip) {
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().contains("业务明细") && !entry.getName().contains("汇总")) {
                    return parseDetail(new String(in.readAllBytes(), GBK));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable bill archive", e);
        }
        throw new IllegalArgumentException("the bill archive has no detail (业务明细) file");
    }

    static List<Row> parseDetail(String text) {
        var rows = new ArrayList<Row>();
        Map<String, Integer> columns = null;
        boolean inList = false;
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("#")) {
                if (line.contains("业务明细列表结束")) {
                    break;
                }
                inList = inList || line.contains("业务明细列表");
                continue;
            }
            if (!inList || line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns == null) {
                columns = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    columns.put(cells[i].strip(), i);
                }
                continue;
            }
            rows.add(row(cells, columns));
        }
        if (columns == null) {
            throw new IllegalArgumentException("the bill has no 业务明细列表 header");
        }
        return rows;
    }

    private static Row row(String[] cells, Map<String, Integer> columns) {
        String kind = cell(cells, columns, "业务类型");
        return new Row(
                "退款".equals(kind) ? Kind.REFUND : Kind.PAYMENT,
                cell(cells, columns, "支付宝交易号"),
                cell(cells, columns, "商户订单号"),
                cell(cells, columns, "商品名称"),
                time(cell(cells, columns, "创建时间")),
                time(cell(cells, columns, "完成时间")),
                signedFen(cell(cells, columns, "订单金额（元）")),
                signedFen(cell(cells, columns, "商家实收（元）")),
                emptyToNull(cell(cells, columns, "退款批次号/请求号")),
                signedFen(cell(cells, columns, "服务费（元）")));
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        if (at == null) {
            throw new IllegalArgumentException("the bill has no column " + name);
        }
        return at < cells.length ? cells[at].strip() : "";
    }

    private static long signedFen(String yuan) {
        if (yuan.isEmpty()) {
            return 0;
        }
        return yuan.startsWith("-") ? -Yuan.parseFen(yuan.substring(1)) : Yuan.parseFen(yuan);
    }

    private static LocalDateTime time(String value) {
        return value.isEmpty() ? null : LocalDateTime.parse(value, TIME);
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
