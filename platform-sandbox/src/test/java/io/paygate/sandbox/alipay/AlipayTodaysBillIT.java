package io.paygate.sandbox.alipay;

import static io.paygate.sandbox.alipay.AlipayBillIT.billQuery;
import static io.paygate.sandbox.alipay.AlipayBillIT.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code bill-for-today} on (the local run), today has a bill of its trades so far; later days still have none. */
@TestPropertySource(properties = "paygate.sandbox.alipay.bill-for-today=true")
class AlipayTodaysBillIT extends SandboxFixture {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Test
    void todaysBillListsTodaysPaymentsSoFarAndTomorrowStillHasNone() throws Exception {
        String orderNo = paidOrder("12.34");
        LocalDate today = LocalDate.now(BEIJING);

        var response = alipay.execute(billQuery("trade", today.toString()));

        assertThat(response.isSuccess()).isTrue();
        assertThat(response.getBillFileCode()).isNull();
        URI published = URI.create(response.getBillDownloadUrl());
        byte[] zip = browser.get().uri(URI.create(base() + published.getRawPath() + "?" + published.getRawQuery())).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        String details = unzip(zip).get(SELLER_ID + "_" + today.toString().replace("-", "") + "_业务明细.csv");
        List<String[]> mine = details.lines().filter(l -> l.contains(orderNo)).map(l -> l.split(",", -1)).toList();
        assertThat(mine).singleElement().satisfies(row -> {
            assertThat(row[2]).isEqualTo("交易");
            assertThat(row[11]).isEqualTo("12.34");
            assertThat(row[5]).startsWith(today.toString());
        });

        var tomorrow = alipay.execute(billQuery("trade", today.plusDays(1).toString()));
        assertThat(tomorrow.isSuccess()).isFalse();
        assertThat(tomorrow.getSubCode()).isEqualTo("BILL_NOT_EXIST");
    }
}
