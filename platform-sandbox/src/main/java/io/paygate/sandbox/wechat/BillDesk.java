package io.paygate.sandbox.wechat;

import io.paygate.common.money.Yuan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpStatus;

/**
 * Trade bills (ref §9, §10.12), written from the sandbox's own orders for one day in Beijing time:
 * a payment row on the day an order was paid, a refund row on the day a refund succeeded.
 * {@code hash_value} is the SHA-1 of the uncompressed file; today (unless {@code bill-for-today}
 * is on: then its orders so far) and days without trades have no bill ({@code 400 NO_STATEMENT_EXIST}).
 */
final class BillDesk {

    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(WechatTime.BEIJING);
    private static final List<String> ALL_COLUMNS = List.of("交易时间", "公众账号ID", "商户号", "特约商户号", "设备号", "微信订单号",
            "商户订单号", "用户标识", "交易类型", "交易状态", "付款银行", "货币种类", "应结订单金额", "代金券金额", "微信退款单号",
            "商户退款单号", "退款金额", "充值券退款金额", "退款类型", "退款状态", "商品名称", "商户数据包", "手续费", "费率", "订单金额",
            "申请退款金额", "费率备注");
    private static final List<String> REFUND_ONLY = List.of("微信退款单号", "商户退款单号", "退款金额", "充值券退款金额", "退款类型",
            "退款状态", "申请退款金额");
    private static final List<String> TOTAL_COLUMNS = List.of("总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额",
            "手续费总金额", "订单总金额", "申请退款总金额");
    /** The 0.60 % fee: one fen costs 6 milli-fen (0.00006 yuan, the five decimals the bill writes). */
    private static final long FEE_MILLI_FEN_PER_FEN = 6;

    private final WechatSandboxSettings settings;
    private final Orders orders;
    private final Clock clock;
    private final ConcurrentHashMap<String, Download> downloads = new ConcurrentHashMap<>();

    BillDesk(WechatSandboxSettings settings, Orders orders, Clock clock) {
        this.settings = settings;
        this.orders = orders;
        this.clock = clock;
    }

    /** The answer of {@code GET /v3/bill/tradebill}. */
    Map<String, Object> tradeBill(String billDate, String billType, String tarType) {
        LocalDate day;
        try {
            day = LocalDate.parse(billDate == null ? "" : billDate, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: bill_date 格式应为 yyyy-MM-dd",
                    Map.of("field", "bill_date", "issue", "format", "location", "query"));
        }
        String type = Optional.ofNullable(billType).orElse("ALL");
        if (!List.of("ALL", "SUCCESS", "REFUND").contains(type)) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: bill_type 应为 ALL、SUCCESS 或 REFUND",
                    Map.of("field", "bill_type", "issue", "enum", "location", "query"));
        }
        if (tarType != null && !"GZIP".equals(tarType)) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: tar_type 只能为 GZIP",
                    Map.of("field", "tar_type", "issue", "enum", "location", "query"));
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), WechatTime.BEIJING);
        if (day.isAfter(today) || day.equals(today) && !settings.billForToday()) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "NO_STATEMENT_EXIST", "账单日期不能是今天或以后：账单次日生成");
        }
        List<Row> rows = rows(day, type);
        if (rows.isEmpty()) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "NO_STATEMENT_EXIST", "当日无交易，账单不存在");
        }
        byte[] file = write(rows, type).getBytes(StandardCharsets.UTF_8);
        String token = WechatCrypto.alphanumeric(24);
        downloads.put(token, new Download("GZIP".equals(tarType) ? gzip(file) : file,
                clock.instant().plus(settings.billUrlValidity())));
        var answer = new LinkedHashMap<String, Object>();
        answer.put("hash_type", "SHA1");
        answer.put("hash_value", sha1(file));
        answer.put("download_url", settings.apiBaseUrl().resolve("/v3/billdownload/file") + "?token=" + token);
        return answer;
    }

    /** The file behind a {@code download_url}, while the URL is valid. */
    byte[] download(String token) {
        Download download = token == null ? null : downloads.get(token);
        if (download == null || clock.instant().isAfter(download.expiresAt())) {
            throw new WechatError(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", "下载链接已过期或无效，请重新申请账单");
        }
        return download.bytes();
    }

    private record Download(byte[] bytes, Instant expiresAt) {
    }

    /** One bill row; refund fields are null on payment rows. */
    private record Row(Instant at, WechatOrder order, WechatRefund refund) {
    }

    private List<Row> rows(LocalDate day, String type) {
        var rows = new ArrayList<Row>();
        for (WechatOrder order : orders.all()) {
            if (!type.equals("REFUND") && order.successAt() != null && onDay(order.successAt(), day)) {
                rows.add(new Row(order.successAt(), order, null));
            }
            if (!type.equals("SUCCESS")) {
                for (WechatRefund refund : order.refunds()) {
                    if (refund.status() == RefundStatus.SUCCESS && onDay(refund.successAt(), day)) {
                        rows.add(new Row(refund.successAt(), order, refund));
                    }
                }
            }
        }
        rows.sort((a, b) -> a.at().compareTo(b.at()));
        return rows;
    }

    private static boolean onDay(Instant at, LocalDate day) {
        return LocalDate.ofInstant(at, WechatTime.BEIJING).equals(day);
    }

    private String write(List<Row> rows, String type) {
        List<String> columns = new ArrayList<>(ALL_COLUMNS);
        if (type.equals("SUCCESS")) {
            columns.removeAll(REFUND_ONLY);
        }
        if (type.equals("REFUND")) {
            columns.add("退款申请时间");
            columns.add("退款成功时间");
        }
        var out = new StringBuilder(String.join(",", columns)).append("\r\n");
        long settled = 0;
        long refunded = 0;
        long fees = 0;
        long ordered = 0;
        for (Row row : rows) {
            Map<String, String> cells = cells(row);
            settled += row.refund() == null ? row.order().totalFen() : 0;
            refunded += row.refund() == null ? 0 : row.refund().refundFen();
            fees += fee(row);
            ordered += row.refund() == null ? row.order().totalFen() : 0;
            out.append(String.join(",", columns.stream().map(c -> "`" + cells.getOrDefault(c, "")).toList())).append("\r\n");
        }
        out.append(String.join(",", TOTAL_COLUMNS)).append("\r\n");
        out.append(String.join(",", List.of(Integer.toString(rows.size()), Yuan.format(settled), Yuan.format(refunded), "0.00",
                milliFen(fees), Yuan.format(ordered), Yuan.format(refunded)).stream().map(c -> "`" + c).toList())).append("\r\n");
        return out.toString();
    }

    private Map<String, String> cells(Row row) {
        WechatOrder order = row.order();
        WechatRefund refund = row.refund();
        var cells = new LinkedHashMap<String, String>();
        cells.put("交易时间", ROW_TIME.format(row.at()));
        cells.put("公众账号ID", order.appid());
        cells.put("商户号", order.mchid());
        cells.put("特约商户号", "0");
        cells.put("设备号", "");
        cells.put("微信订单号", order.transactionId());
        cells.put("商户订单号", order.outTradeNo());
        cells.put("用户标识", order.payerOpenid());
        cells.put("交易类型", order.tradeType().name());
        cells.put("交易状态", refund == null ? "SUCCESS" : "REFUND");
        cells.put("付款银行", WechatOrder.BANK_TYPE);
        cells.put("货币种类", "CNY");
        cells.put("应结订单金额", refund == null ? Yuan.format(order.totalFen()) : "0.00");
        cells.put("代金券金额", "0.00");
        cells.put("微信退款单号", refund == null ? "0" : refund.refundId());
        cells.put("商户退款单号", refund == null ? "0" : refund.outRefundNo());
        cells.put("退款金额", refund == null ? "0.00" : Yuan.format(refund.refundFen()));
        cells.put("充值券退款金额", "0.00");
        cells.put("退款类型", refund == null ? "" : "ORIGINAL");
        cells.put("退款状态", refund == null ? "" : "SUCCESS");
        cells.put("商品名称", plain(order.description()));
        cells.put("商户数据包", plain(order.attach()));
        cells.put("手续费", milliFen(fee(row)));
        cells.put("费率", "0.60%");
        cells.put("订单金额", Yuan.format(order.totalFen()));
        cells.put("申请退款金额", refund == null ? "0.00" : Yuan.format(refund.refundFen()));
        cells.put("费率备注", "");
        if (refund != null) {
            cells.put("退款申请时间", ROW_TIME.format(refund.createdAt()));
            cells.put("退款成功时间", ROW_TIME.format(refund.successAt()));
        }
        return cells;
    }

    /** The fee in milli-fen: positive on payments, negative (given back) on refunds. */
    private static long fee(Row row) {
        return row.refund() == null ? row.order().totalFen() * FEE_MILLI_FEN_PER_FEN : -row.refund().refundFen() * FEE_MILLI_FEN_PER_FEN;
    }

    /** Milli-fen as yuan with five decimals: 6 → {@code 0.00006}. */
    private static String milliFen(long milliFen) {
        return BigDecimal.valueOf(milliFen, 5).toPlainString();
    }

    /** Merchant text must not break the comma-separated layout. */
    private static String plain(String text) {
        return text == null ? "" : text.replaceAll("[,\\r\\n`]", " ");
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        var out = new ByteArrayOutputStream();
        try (var zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
