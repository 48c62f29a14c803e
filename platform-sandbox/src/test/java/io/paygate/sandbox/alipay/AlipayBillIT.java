package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.api.domain.AlipayDataDataserviceBillDownloadurlQueryModel;
import com.alipay.api.request.AlipayDataDataserviceBillDownloadurlQueryRequest;
import com.alipay.api.response.AlipayDataDataserviceBillDownloadurlQueryResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** Daily trade bills: the download-URL query through the real SDK, then the ZIP as a plain GET. */
class AlipayBillIT extends SandboxFixture {

    private static final Charset GBK = Charset.forName("GBK");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void yesterdaysBillListsItsPaymentsAndRefundsInAlipaysLayout() throws Exception {
        String orderNo = paidOrder("10.00");
        alipay.execute(refund(orderNo, "3.00", "R-bill-1"));
        browser.post().uri("/sandbox/alipay/trades/{o}/backdate?days=1", orderNo).exchange().expectStatus().isOk();
        LocalDate yesterday = LocalDate.now(BEIJING).minusDays(1);

        AlipayDataDataserviceBillDownloadurlQueryResponse response = alipay.execute(billQuery("trade", yesterday.toString()));
        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getBillFileCode()).isNull();
        Map<String, String> files = unzip(download(response.getBillDownloadUrl()));

        String day = yesterday.toString().replace("-", "");
        assertThat(files.keySet()).containsExactly(SELLER_ID + "_" + day + "_业务明细.csv", SELLER_ID + "_" + day + "_业务明细(汇总).csv");
        List<String> lines = files.get(SELLER_ID + "_" + day + "_业务明细.csv").lines().toList();
        assertThat(lines.get(0)).isEqualTo("#支付宝业务明细查询");
        assertThat(lines.get(1)).isEqualTo("#账号：[" + SELLER_ID + "]");
        assertThat(lines.get(2)).startsWith("#起始日期：[" + yesterday.getYear() + "年").contains("00:00:00]   终止日期：[");
        assertThat(lines.get(3)).startsWith("#---").contains("业务明细列表");
        assertThat(lines.get(4)).startsWith("支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间")
                .contains("订单金额（元）,商家实收（元）").contains("退款批次号/请求号").endsWith("备注");
        List<String[]> mine = lines.stream().filter(l -> l.contains(orderNo)).map(l -> l.split(",", -1)).toList();
        assertThat(mine).hasSize(2);
        String[] payment = mine.get(0);
        assertThat(payment).hasSize(25);
        assertThat(payment[0]).endsWith("\t").isEqualTo(sandboxTrade(orderNo).get("tradeNo").asString() + "\t");
        assertThat(payment[1]).isEqualTo(orderNo + "\t");
        assertThat(payment[2]).isEqualTo("交易");
        assertThat(payment[11]).isEqualTo("10.00");
        assertThat(payment[12]).isEqualTo("10.00");
        assertThat(payment[5]).startsWith(yesterday.toString());
        String[] refundRow = mine.get(1);
        assertThat(refundRow[2]).isEqualTo("退款");
        assertThat(refundRow[12]).isEqualTo("-3.00");
        assertThat(refundRow[21].strip()).isEqualTo("R-bill-1");
        int end = lines.size();
        assertThat(lines.get(end - 4)).contains("业务明细列表结束");
        assertThat(lines.get(end - 3)).startsWith("#交易合计：").contains("笔，商家实收共");
        assertThat(lines.get(end - 2)).startsWith("#退款合计：").contains("商家实收退款共-");
        assertThat(lines.get(end - 1)).startsWith("#导出时间：[");
        assertThat(files.get(SELLER_ID + "_" + day + "_业务明细(汇总).csv")).startsWith("#支付宝业务汇总查询")
                .contains("业务汇总列表结束");
    }

    @Test
    void aDayWithoutBusinessStillHasAFile() throws Exception {
        var response = alipay.execute(billQuery("trade", "2020-01-01"));

        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getBillFileCode()).isEqualTo("EMPTY_DATA_WITH_BILL_FILE");
        List<String> lines = unzip(download(response.getBillDownloadUrl())).get(SELLER_ID + "_20200101_业务明细.csv").lines().toList();
        assertThat(lines.get(4)).startsWith("支付宝交易号,");
        assertThat(lines.get(5)).contains("业务明细列表结束");
        assertThat(lines.get(6)).isEqualTo("#交易合计：0笔，商家实收共0.00元，商家优惠共0.00元");
    }

    @Test
    void todayTheFutureAndMalformedDatesHaveNoBill() throws Exception {
        for (String date : List.of(LocalDate.now(BEIJING).toString(), LocalDate.now(BEIJING).plusDays(3).toString())) {
            var response = alipay.execute(billQuery("trade", date));
            assertThat(response.isSuccess()).as(date).isFalse();
            assertThat(response.getSubCode()).as(date).isEqualTo("BILL_NOT_EXIST");
        }
        assertThat(alipay.execute(billQuery("trade", "2026-02-30")).getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
        assertThat(alipay.execute(billQuery("nonsense", "2020-01-01")).getSubCode()).isEqualTo("ACQ.INVALID_PARAMETER");
    }

    @Test
    void aBulkDayIsOnItsBillRowForRowAsItsAnswerSaysAndItsOrderNumbersCannotBeTakenTwice() throws Exception {
        LocalDate day = LocalDate.now(BEIJING).minusDays(90);
        String prefix = "99" + System.currentTimeMillis() % 100_000_000;

        List<String> answered = browser.post().uri("/sandbox/alipay/bills/{day}/trades?prefix={p}&payments=5&refunds=2", day, prefix)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody().lines().toList();

        assertThat(answered).hasSize(6);
        assertThat(answered.getFirst()).isEqualTo("out_trade_no,trade_no,total_fen,paid_at,out_request_no,refund_fen,refunded_at");
        assertThat(answered.get(1)).startsWith(prefix + "0000000000,").contains(",100,").contains("," + prefix + "0000000000R1,10,");
        assertThat(answered.get(5)).startsWith(prefix + "0000000004,").contains(",104,").endsWith(",,,");
        var response = alipay.execute(billQuery("trade", day.toString()));
        String details = unzip(download(response.getBillDownloadUrl())).get(SELLER_ID + "_" + day.toString().replace("-", "") + "_业务明细.csv");
        List<String[]> rows = details.lines().filter(l -> l.contains(prefix)).map(l -> l.split(",", -1)).toList();
        assertThat(rows).hasSize(7);
        for (String line : answered.subList(1, answered.size())) {
            String[] ours = line.split(",", -1);
            assertThat(rows).anySatisfy(row -> {
                assertThat(row[0]).isEqualTo(ours[1] + "\t");
                assertThat(row[1]).isEqualTo(ours[0] + "\t");
                assertThat(row[2]).isEqualTo("交易");
                assertThat(row[11]).isEqualTo(io.paygate.common.money.Yuan.format(Long.parseLong(ours[2])));
                assertThat(row[5]).startsWith(day.toString());
            });
        }
        assertThat(rows).filteredOn(row -> row[2].equals("退款")).hasSize(2)
                .allSatisfy(row -> assertThat(row[21]).endsWith("R1\t"));
        browser.post().uri("/sandbox/alipay/bills/{day}/trades?prefix={p}&payments=1", day, prefix).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void theDownloadUrlExpires() throws Exception {
        String url = alipay.execute(billQuery("trade", "2020-01-02")).getBillDownloadUrl();
        download(url);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                browser.get().uri(local(url)).exchange().returnResult(String.class).getStatus().value() == 404);
        browser.get().uri(local(url)).exchange().expectStatus().isNotFound()
                .expectBody(String.class).value(problem -> assertThat(problem).contains("bill_url_expired"));
    }

    static AlipayDataDataserviceBillDownloadurlQueryRequest billQuery(String type, String date) {
        var model = new AlipayDataDataserviceBillDownloadurlQueryModel();
        model.setBillType(type);
        model.setBillDate(date);
        var request = new AlipayDataDataserviceBillDownloadurlQueryRequest();
        request.setBizModel(model);
        return request;
    }

    /** The URL names the sandbox's configured public address; the test reaches the same path on its random port. */
    private URI local(String url) {
        URI published = URI.create(url);
        return URI.create(base() + published.getRawPath() + "?" + published.getRawQuery());
    }

    private byte[] download(String url) {
        return browser.get().uri(local(url)).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    static Map<String, String> unzip(byte[] zip) throws Exception {
        var files = new LinkedHashMap<String, String>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), GBK)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), GBK));
            }
        }
        return files;
    }
}
