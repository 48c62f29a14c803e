package io.paygate.sandbox.alipay;

import io.paygate.common.money.Yuan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Daily trade bills (ref §10, §11.18): {@code alipay.data.dataservice.bill.downloadurl.query}
 * hands out a short-lived URL on the sandbox, and that URL serves a ZIP generated from the
 * sandbox's own trades and refunds of that Beijing day, in GBK as Alipay writes it.
 */
@Component
class Bills {

    static final Charset GBK = Charset.forName("GBK");
    static final String DOWNLOAD_PATH = "/alipay/bills/download";
    private static final DateTimeFormatter BILL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("yyyy年MM月dd日 HH:mm:ss");
    private static final String HEADER = "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
            + "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,"
            + "商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注";
    private static final String SUMMARY_HEADER = "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,"
            + "商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）";
    private static final String LINE = "\r\n";

    private final Trades trades;
    private final AlipaySandboxSettings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final java.util.Set<LocalDate> failingDays = ConcurrentHashMap.newKeySet();

    Bills(Trades trades, AlipaySandboxSettings settings, Clock clock) {
        this.trades = trades;
        this.settings = settings;
        this.clock = clock;
    }

    /** A downloadable bill: which day, and until when its URL works. */
    record Ticket(LocalDate day, Instant expiresAt) {
    }

    /** One bill file: its entry name and GBK bytes. */
    record BillFile(String fileName, byte[] zip) {
    }

    /**
     * The answer to the download-URL query; only whole Beijing days before today have bills, and
     * today too (its trades so far) when {@code bill-for-today} is on.
     */
    Map<String, String> downloadUrl(JsonNode biz) {
        String billType = text(biz, "bill_type");
        if (!"trade".equals(billType)) {
            throw Failure.invalidParameter("bill_type must be trade").refusal();
        }
        String billDate = text(biz, "bill_date");
        if (billDate == null) {
            throw Failure.invalidParameter("bill_date is required").refusal();
        }
        if (billDate.matches("\\d{4}-\\d{2}")) {
            // monthly bills are not kept by the sandbox
            throw billNotExist();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(billDate, BILL_DATE);
        } catch (DateTimeParseException e) {
            throw Failure.invalidParameter("bill_date must be yyyy-MM-dd").refusal();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), AlipayTime.ZONE);
        if (day.isAfter(today) || day.equals(today) && !settings.billForToday()) {
            throw billNotExist();
        }
        Instant now = clock.instant();
        tickets.values().removeIf(ticket -> !now.isBefore(ticket.expiresAt()));
        String token = UUID.randomUUID().toString().replace("-", "");
        tickets.put(token, new Ticket(day, now.plus(settings.billUrlValidity())));
        var fields = new LinkedHashMap<String, String>();
        fields.put("bill_download_url", settings.publicBaseUrl().resolve(DOWNLOAD_PATH + "?bizType=trade&bizDates="
                + COMPACT.format(day) + "&downloadFileName=" + fileStem(day) + ".csv.zip&token=" + token).toString());
        if (rows(day).isEmpty()) {
            fields.put("bill_file_code", "EMPTY_DATA_WITH_BILL_FILE");
        }
        return fields;
    }

    /** Test control: downloads of the day's bill answer HTTP 500 (a failing file server) until switched off. */
    void failDownloads(LocalDate day, boolean failing) {
        if (failing) {
            failingDays.add(day);
        } else {
            failingDays.remove(day);
        }
    }

    /** Whether the download behind this token is switched to fail. */
    boolean failing(String token) {
        Ticket ticket = token == null ? null : tickets.get(token);
        return ticket != null && failingDays.contains(ticket.day());
    }

    /** The bill behind a download token, while it is valid. */
    Optional<BillFile> download(String token) {
        Ticket ticket = token == null ? null : tickets.get(token);
        if (ticket == null || !clock.instant().isBefore(ticket.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new BillFile(fileStem(ticket.day()) + ".csv.zip", zip(ticket.day())));
    }

    private String fileStem(LocalDate day) {
        return settings.sellerId() + "_" + COMPACT.format(day);
    }

    byte[] zip(LocalDate day) {
        List<Row> rows = rows(day);
        var bytes = new ByteArrayOutputStream();
        // entry names in GBK without the UTF-8 flag, as Alipay's archives are (ZipOutputStream sets it only for UTF-8)
        try (var zip = new ZipOutputStream(bytes, GBK)) {
            zip.putNextEntry(new ZipEntry(fileStem(day) + "_业务明细.csv"));
            zip.write(details(day, rows).getBytes(GBK));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(fileStem(day) + "_业务明细(汇总).csv"));
            zip.write(summary(day, rows).getBytes(GBK));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * One line of the bill: a payment, or a refund (negative amounts, its request number).
     *
     * @param signedFen what the merchant received: negative for a refund
     */
    private record Row(Trade trade, Instant at, long signedFen, String outRequestNo) {

        boolean isRefund() {
            return outRequestNo != null;
        }
    }

    private List<Row> rows(LocalDate day) {
        Instant from = day.atStartOfDay(AlipayTime.ZONE).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(AlipayTime.ZONE).toInstant();
        var rows = new ArrayList<Row>();
        for (Trade trade : trades.all()) {
            if (trade.wasPaid() && within(trade.paidAt(), from, to)) {
                rows.add(new Row(trade, trade.paidAt(), trade.totalFen(), null));
            }
            for (Refund refund : trade.refunds()) {
                if (within(refund.at(), from, to)) {
                    rows.add(new Row(trade, refund.at(), -refund.amountFen(), refund.outRequestNo()));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::at));
        return rows;
    }

    private String details(LocalDate day, List<Row> rows) {
        var out = new StringBuilder();
        header(out, "#支付宝业务明细查询", day);
        out.append("#-----------------------------------------业务明细列表----------------------------------------").append(LINE);
        out.append(HEADER).append(LINE);
        for (Row row : rows) {
            Trade trade = row.trade();
            // the trailing TABs keep spreadsheets from turning long numbers into exponents (ref §10)
            List<String> cells = List.of(trade.tradeNo() + "\t", trade.outTradeNo() + "\t", row.isRefund() ? "退款" : "交易",
                    csv(trade.subject()), AlipayTime.format(trade.createdAt()), AlipayTime.format(row.at()), "", "", "", "",
                    Trade.BUYER_LOGON_ID, Yuan.format(trade.totalFen()), signed(row.signedFen()), "0.00", "0.00", "0.00",
                    "0.00", "0.00", "", "0.00", "0.00", row.isRefund() ? row.outRequestNo() + "\t" : "", "0.00", "0.00", "");
            out.append(String.join(",", cells)).append(LINE);
        }
        out.append("#-----------------------------------------业务明细列表结束------------------------------------").append(LINE);
        long paid = rows.stream().filter(r -> !r.isRefund()).mapToLong(Row::signedFen).sum();
        long refunded = -rows.stream().filter(Row::isRefund).mapToLong(Row::signedFen).sum();
        out.append("#交易合计：").append(rows.stream().filter(r -> !r.isRefund()).count()).append("笔，商家实收共")
                .append(Yuan.format(paid)).append("元，商家优惠共0.00元").append(LINE);
        out.append("#退款合计：").append(rows.stream().filter(Row::isRefund).count()).append("笔，商家实收退款共")
                .append(signed(-refunded)).append("元，商家优惠退款共0.00元").append(LINE);
        out.append("#导出时间：[").append(CHINESE.format(clock.instant().atZone(AlipayTime.ZONE))).append("]").append(LINE);
        return out.toString();
    }

    private String summary(LocalDate day, List<Row> rows) {
        var out = new StringBuilder();
        header(out, "#支付宝业务汇总查询", day);
        out.append("#-----------------------------------------业务汇总列表----------------------------------------").append(LINE);
        out.append(SUMMARY_HEADER).append(LINE);
        long payments = rows.stream().filter(r -> !r.isRefund()).count();
        long refunds = rows.stream().filter(Row::isRefund).count();
        long ordered = rows.stream().filter(r -> !r.isRefund()).mapToLong(Row::signedFen).sum();
        long net = rows.stream().mapToLong(Row::signedFen).sum();
        out.append(String.join(",", List.of("合计", "", String.valueOf(payments), String.valueOf(refunds), Yuan.format(ordered),
                signed(net), "0.00", "0.00", "0.00", "0.00", "0.00", signed(net)))).append(LINE);
        out.append("#-----------------------------------------业务汇总列表结束------------------------------------").append(LINE);
        out.append("#导出时间：[").append(CHINESE.format(clock.instant().atZone(AlipayTime.ZONE))).append("]").append(LINE);
        return out.toString();
    }

    private void header(StringBuilder out, String title, LocalDate day) {
        out.append(title).append(LINE);
        out.append("#账号：[").append(settings.sellerId()).append("]").append(LINE);
        out.append("#起始日期：[").append(CHINESE.format(day.atStartOfDay())).append("]   终止日期：[")
                .append(CHINESE.format(day.plusDays(1).atStartOfDay())).append("]").append(LINE);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /** Yuan with a sign: the bill is the one place where amounts go negative. */
    private static String signed(long fen) {
        return fen < 0 ? "-" + Yuan.format(-fen) : Yuan.format(fen);
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Failure.AlipayRefusal billNotExist() {
        return Failure.business("BILL_NOT_EXIST", "账单不存在").refusal();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isEmpty() ? null : value.asString();
    }
}
