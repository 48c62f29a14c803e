package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.events.Channel;
import io.paygate.events.OrderPaid;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReceiptTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void chineseReceiptNamesTheOrderThePlatformAndTheAmountInYuanAtShanghaiTime() {
        Receipt receipt = Receipt.of(paid("年度会员", Channel.ALIPAY, 8888), ReceiptLanguage.ZH, SHANGHAI);

        assertThat(receipt.subject()).isEqualTo("支付成功：订单 202611261730050000000001");
        assertThat(receipt.text())
                .contains("订单号: 202611261730050000000001")
                .contains("商品: 年度会员")
                .contains("金额: ¥88.88")
                .contains("支付平台: 支付宝")
                .contains("平台交易号: 2026112622001400000001")
                .contains("支付时间: 2026-11-26 17:30:05 (Asia/Shanghai)");
        assertThat(receipt.html()).contains("¥88.88").contains("支付宝").contains("2026-11-26 17:30:05");
    }

    @Test
    void anOrderACouponPaidSaysSoAndNamesNoPlatform() {
        var free = new OrderPaid("202611261730050000000002", "满减礼包", "buyer@example.com", 0, "CNY", null, null,
                Instant.parse("2026-11-26T09:30:05Z"));

        Receipt receipt = Receipt.of(free, ReceiptLanguage.ZH, SHANGHAI);

        assertThat(receipt.text()).contains("金额: ¥0.00").contains("支付平台: 优惠券全额抵扣").contains("平台交易号: —");
    }

    @Test
    void englishReceiptSaysPaymentReceivedAndNamesWeChatPay() {
        Receipt receipt = Receipt.of(paid("Annual plan", Channel.WECHAT, 1), ReceiptLanguage.EN, SHANGHAI);

        assertThat(receipt.subject()).isEqualTo("Payment received: order 202611261730050000000001");
        assertThat(receipt.text()).contains("Amount: ¥0.01").contains("Paid with: WeChat Pay");
    }

    @Test
    void merchantTextIsEscapedInTheHtmlPart() {
        Receipt receipt = Receipt.of(paid("<script>alert(1)</script>", Channel.ALIPAY, 100), ReceiptLanguage.ZH, SHANGHAI);

        assertThat(receipt.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(receipt.text()).contains("<script>alert(1)</script>");
    }

    @Test
    void anotherCurrencyIsNeverShownAsYuan() {
        assertThat(Receipt.amount(8888, "USD")).isEqualTo("88.88 USD");
    }

    private static OrderPaid paid(String subject, Channel channel, long amountFen) {
        return new OrderPaid("202611261730050000000001", subject, "buyer@example.com", amountFen, "CNY", channel,
                "2026112622001400000001", Instant.parse("2026-11-26T09:30:05Z"));
    }
}
