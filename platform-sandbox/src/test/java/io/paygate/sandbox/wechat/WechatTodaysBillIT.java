package io.paygate.sandbox.wechat;

import static io.paygate.sandbox.wechat.WechatBillIT.request;
import static io.paygate.sandbox.wechat.WechatPaymentIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.model.BillType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code bill-for-today} on (the local run), today has a bill of its orders so far; later days still have none. */
@TestPropertySource(properties = "paygate.sandbox.wechat.bill-for-today=true")
class WechatTodaysBillIT extends WechatFixture {

    @Test
    void todaysBillListsTodaysPaymentsSoFarAndTomorrowStillHasNone() throws Exception {
        String orderNo = paidOrder(4321);
        LocalDate today = LocalDate.now(WechatTime.BEIJING);
        var bills = new BillDownloadServiceExtension.Builder().config(config).httpClient(http).build();

        var entity = bills.getTradeBill(request(today, BillType.ALL, null));
        String text;
        try (var in = entity.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(entity.verifyHash()).isTrue();
        assertThat(text.lines().filter(l -> l.contains("`" + orderNo + ","))).singleElement().satisfies(row ->
                assertThat(row).startsWith("`" + today + " ").contains("`SUCCESS,").contains("`43.21,"));
        assertRefused(() -> bills.getTradeBill(request(today.plusDays(1), BillType.ALL, null)), 400, "NO_STATEMENT_EXIST");
    }
}
