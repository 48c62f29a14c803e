package io.paygate.sandbox.wechat;

import static io.paygate.sandbox.wechat.WechatPaymentIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.service.billdownload.BillDownloadServiceExtension;
import com.wechat.pay.java.service.billdownload.model.BillType;
import com.wechat.pay.java.service.billdownload.model.GetTradeBillRequest;
import com.wechat.pay.java.service.billdownload.model.TarType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Trade bills through BillDownloadServiceExtension: the real layout, a SHA-1 that verifies, gzip too. */
class WechatBillIT extends WechatFixture {

    @Test
    void yesterdaysBillListsThePaymentAndTheRefundAndItsHashVerifies() throws Exception {
        String orderNo = paidOrder(1234);
        refunds.create(WechatRefundIT.refund(orderNo, orderNo + "R1", 234, 1234, orderNo + "-refund"));
        awaitNotifications(orderNo + "-refund", 1);
        browser.post().uri("/sandbox/wechat/trades/{o}/backdate?days=1", orderNo).exchange().expectStatus().isOk();

        for (TarType tar : new TarType[] {null, TarType.GZIP}) {
            var entity = bills().getTradeBill(request(yesterday(), BillType.ALL, tar));
            String text;
            try (var in = entity.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(entity.verifyHash()).isTrue();
            String[] lines = text.split("\r\n");
            assertThat(lines[0]).startsWith("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号");
            assertThat(text).contains("`" + orderNo + ",").contains("`SUCCESS,").contains("`REFUND,")
                    .contains("`12.34,").contains("`2.34,").contains("`" + orderNo + "R1,");
            assertThat(lines[lines.length - 2]).isEqualTo("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额");
            assertThat(lines[lines.length - 1]).startsWith("`");
        }
    }

    @Test
    void aDayWithoutTradesAndTodayHaveNoStatement() {
        assertRefused(() -> bills().getTradeBill(request(LocalDate.now(WechatTime.BEIJING).minusDays(40), BillType.ALL, null)),
                400, "NO_STATEMENT_EXIST");
        assertRefused(() -> bills().getTradeBill(request(LocalDate.now(WechatTime.BEIJING), BillType.ALL, null)),
                400, "NO_STATEMENT_EXIST");
    }

    private BillDownloadServiceExtension bills() {
        return new BillDownloadServiceExtension.Builder().config(config).httpClient(http).build();
    }

    private static LocalDate yesterday() {
        return LocalDate.now(WechatTime.BEIJING).minusDays(1);
    }

    static GetTradeBillRequest request(LocalDate day, BillType type, TarType tar) {
        var request = new GetTradeBillRequest();
        request.setBillDate(day.toString());
        request.setBillType(type);
        request.setTarType(tar);
        return request;
    }
}
