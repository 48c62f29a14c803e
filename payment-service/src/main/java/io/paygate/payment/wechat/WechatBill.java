package io.paygate.payment.wechat;

import io.paygate.payment.platform.PlatformBill;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * WeChat Pay's daily trade bill (ref §9): UTF-8 CSV, a plain header line, one row per payment or
 * refund whose every cell starts with a backtick, then a plain totals header and one totals row.
 * Cells are read by column name, so the ALL, SUCCESS and REFUND layouts all parse. Amounts are
 * yuan strings, read exactly: fen for amounts, milli-fen for fees (five decimals of a yuan).
 */
public final class WechatBill {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final java.time.ZoneId BEIJING = java.time.ZoneId.of("Asia/Shanghai");
    private static final Pattern FEN = Pattern.compile("-?(0|[1-9][0-9]{0,15})(\\.[0-9]{1,2})?");
    private static final Pattern MILLI_FEN = Pattern.compile("-?(0|[1-9][0-9]{0,13})(\\.[0-9]{1,5})?");

    private WechatBill() {
    }

    /** What a row is, from its {@code 交易状态}. */
    public enum Kind {
        PAYMENT,
        REFUND,
        REVOKED
    }

    /**
     * One bill row. Refund fields are null on payment rows (WeChat writes {@code 0} there).
     *
     * @param settlementFen  应结订单金额: what the payment settles (0 on refund rows)
     * @param feeMilliFen    手续费 in thousandths of a fen, negative on refund rows
     * @param rate           费率 as written, e.g. {@code 0.60%}
     * @param refundStatus   退款状态 as the bill writes it ({@code SUCCESS}, {@code PROCESSING}, {@code FAIL}, {@code CHANGE})
     */
    public record Row(Kind kind, LocalDateTime tradeTime, String appid, String mchid, String transactionId, String orderNo,
                      String openid, String tradeType, String tradeState, String bankType, String currency,
                      long settlementFen, long couponFen, String refundId, String refundNo, long refundFen,
                      long rechargeCouponRefundFen, String refundType, String refundStatus, String subject, String attach,
                      long feeMilliFen, String rate, long orderAmountFen, long requestedRefundFen) implements PlatformBill.Entry {

        /**
         * A payment is its order amount (订单金额); a refund what we asked back (申请退款金额), and only
         * a refund the bill calls SUCCESS moves money; REVOKED rows move none. Times are Beijing time.
         */
        @Override
        public PlatformBill.Line line() {
            var at = tradeTime.atZone(BEIJING).toInstant();
            return switch (kind) {
                case PAYMENT -> new PlatformBill.Line(PlatformBill.Line.Kind.PAYMENT, orderNo, null, transactionId,
                        orderAmountFen != 0 ? orderAmountFen : settlementFen, feeMilliFen, at);
                case REFUND -> new PlatformBill.Line(refundStatus == null || "SUCCESS".equals(refundStatus)
                        ? PlatformBill.Line.Kind.REFUND : PlatformBill.Line.Kind.OTHER, orderNo, refundNo, transactionId,
                        requestedRefundFen != 0 ? requestedRefundFen : refundFen, feeMilliFen, at);
                case REVOKED -> new PlatformBill.Line(PlatformBill.Line.Kind.OTHER, orderNo, null, transactionId, 0, feeMilliFen, at);
            };
        }
    }

    /** The totals line. */
    public record Totals(long count, long settlementFen, long refundFen, long rechargeCouponRefundFen, long feeMilliFen,
                         long orderAmountFen, long requestedRefundFen) implements PlatformBill.Totals {
    }

    /** A parsed bill. */
    public record Parsed(List<Row> rows, Totals totals) {
    }

    public static Parsed parse(String text) {
        String[] lines = text.startsWith("\uFEFF") ? text.substring(1).split("\r?\n") : text.split("\r?\n");
        Map<String, Integer> columns = null;
        Map<String, Integer> totalsColumns = null;
        var rows = new ArrayList<Row>();
        Totals totals = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            boolean data = line.startsWith("`");
            if (!data && columns == null) {
                columns = header(line);
            } else if (!data && totalsColumns == null) {
                totalsColumns = header(line);
            } else if (!data) {
                throw new IllegalArgumentException("unexpected line after the totals header: " + abbreviate(line));
            } else if (columns == null) {
                throw new IllegalArgumentException("the bill starts with data before its header");
            } else if (totalsColumns == null) {
                rows.add(row(cells(line), columns));
            } else if (totals == null) {
                totals = totals(cells(line), totalsColumns);
            } else {
                throw new IllegalArgumentException("more than one totals row");
            }
        }
        if (columns == null) {
            throw new IllegalArgumentException("the bill has no header line");
        }
        if (totals == null) {
            throw new IllegalArgumentException("the bill has no totals (总交易单数) row: it is cut short");
        }
        return new Parsed(List.copyOf(rows), totals);
    }

    private static Map<String, Integer> header(String line) {
        var columns = new HashMap<String, Integer>();
        String[] names = line.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip(), i);
        }
        return columns;
    }

    /** Every cell starts with a backtick (so spreadsheets keep long numbers as text): strip it. */
    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].strip();
            cells[i] = cell.startsWith("`") ? cell.substring(1) : cell;
        }
        return cells;
    }

    private static Row row(String[] cells, Map<String, Integer> columns) {
        String state = required(cells, columns, "交易状态");
        Kind kind = switch (state) {
            case "SUCCESS" -> Kind.PAYMENT;
            case "REFUND" -> Kind.REFUND;
            case "REVOKED" -> Kind.REVOKED;
            default -> throw new IllegalArgumentException("unknown 交易状态 " + state);
        };
        return new Row(kind,
                LocalDateTime.parse(required(cells, columns, "交易时间"), TIME),
                text(cells, columns, "公众账号ID"),
                text(cells, columns, "商户号"),
                required(cells, columns, "微信订单号"),
                required(cells, columns, "商户订单号"),
                text(cells, columns, "用户标识"),
                text(cells, columns, "交易类型"),
                state,
                text(cells, columns, "付款银行"),
                text(cells, columns, "货币种类"),
                fen(required(cells, columns, "应结订单金额")),
                fen(optional(cells, columns, "代金券金额")),
                id(text(cells, columns, "微信退款单号")),
                id(text(cells, columns, "商户退款单号")),
                fen(optional(cells, columns, "退款金额")),
                fen(optional(cells, columns, "充值券退款金额")),
                text(cells, columns, "退款类型"),
                text(cells, columns, "退款状态"),
                text(cells, columns, "商品名称"),
                text(cells, columns, "商户数据包"),
                milliFen(optional(cells, columns, "手续费")),
                text(cells, columns, "费率"),
                fen(optional(cells, columns, "订单金额")),
                fen(optional(cells, columns, "申请退款金额")));
    }

    private static Totals totals(String[] cells, Map<String, Integer> columns) {
        String count = required(cells, columns, "总交易单数");
        if (!count.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("总交易单数 is not a count: " + count);
        }
        return new Totals(Long.parseLong(count),
                fen(required(cells, columns, "应结订单总金额")),
                fen(optional(cells, columns, "退款总金额")),
                fen(optional(cells, columns, "充值券退款总金额")),
                milliFen(optional(cells, columns, "手续费总金额")),
                fen(optional(cells, columns, "订单总金额")),
                fen(optional(cells, columns, "申请退款总金额")));
    }

    private static String required(String[] cells, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        if (at == null) {
            throw new IllegalArgumentException("the bill has no column " + name);
        }
        if (at >= cells.length || cells[at].isEmpty()) {
            throw new IllegalArgumentException("a bill row has no " + name);
        }
        return cells[at];
    }

    /** A column some layouts leave out (e.g. refund columns of {@code bill_type=SUCCESS}): empty when absent. */
    private static String optional(String[] cells, Map<String, Integer> columns, String name) {
        Integer at = columns.get(name);
        return at == null || at >= cells.length ? "" : cells[at];
    }

    private static String text(String[] cells, Map<String, Integer> columns, String name) {
        String value = optional(cells, columns, name);
        return value.isEmpty() ? null : value;
    }

    /** WeChat writes {@code 0} where a payment row has no refund id. */
    private static String id(String value) {
        return value == null || "0".equals(value) ? null : value;
    }

    static long fen(String yuan) {
        if (yuan.isEmpty()) {
            return 0;
        }
        if (!FEN.matcher(yuan).matches()) {
            throw new IllegalArgumentException("not a yuan amount: '" + yuan + "'");
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    static long milliFen(String yuan) {
        if (yuan.isEmpty()) {
            return 0;
        }
        if (!MILLI_FEN.matcher(yuan).matches()) {
            throw new IllegalArgumentException("not a fee amount: '" + yuan + "'");
        }
        return new BigDecimal(yuan).movePointRight(5).longValueExact();
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "…" : line;
    }
}
