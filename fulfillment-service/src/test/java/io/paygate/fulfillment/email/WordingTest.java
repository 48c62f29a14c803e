package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.events.Channel;
import io.paygate.events.DuplicatePaymentReceived;
import io.paygate.events.OrderPaid;
import io.paygate.events.OrderPaidAfterTimeout;
import io.paygate.events.OrderRefunded;
import io.paygate.events.PaymentAmountMismatched;
import io.paygate.events.RefundFailed;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordingTest {

    private static final String ORDER = "202611261730050000000001";
    private static final String LINK = "https://console.example.com/admin/orders/" + ORDER;
    private final Wording chinese = wording(MailLanguage.ZH);
    private final Wording english = wording(MailLanguage.EN);

    @Test
    void chineseReceiptNamesTheOrderThePlatformAndTheAmountInYuanAtShanghaiTime() {
        Mail receipt = chinese.receipt(paid("年度会员", Channel.ALIPAY, 8888));

        assertThat(receipt.to()).containsExactly("buyer@example.com");
        assertThat(receipt.subject()).isEqualTo("支付成功：订单 " + ORDER);
        assertThat(receipt.text())
                .contains("订单号: " + ORDER)
                .contains("商品: 年度会员")
                .contains("金额: ¥88.88")
                .contains("支付平台: 支付宝")
                .contains("平台交易号: 2026112622001400000001")
                .contains("支付时间: 2026-11-26 17:30:05 (Asia/Shanghai)");
        assertThat(receipt.html()).contains("<td>¥88.88</td>", "<td>支付宝</td>", "2026-11-26 17:30:05", "lang=\"zh-CN\"");
    }

    @Test
    void englishReceiptSaysPaymentReceivedAndNamesWeChatPay() {
        Mail receipt = english.receipt(paid("Annual plan", Channel.WECHAT, 1));

        assertThat(receipt.subject()).isEqualTo("Payment received: order " + ORDER);
        assertThat(receipt.text()).contains("Amount: ¥0.01").contains("Paid with: WeChat Pay").contains("Paid at: 2026-11-26 17:30:05");
        assertThat(receipt.html()).contains("<th align=\"left\">Platform trade number</th><td>2026112622001400000001</td>");
    }

    @Test
    void anOrderACouponPaidSaysSoAndNamesNoPlatform() {
        var free = new OrderPaid(ORDER, "满减礼包", "buyer@example.com", 0, "CNY", null, null, Instant.parse("2026-11-26T09:30:05Z"));

        assertThat(chinese.receipt(free).text()).contains("金额: ¥0.00").contains("支付平台: 优惠券全额抵扣").contains("平台交易号: —");
        assertThat(chinese.paidLine(free)).isEqualTo("订单 " + ORDER + " 已由优惠券全额抵扣");
    }

    @Test
    void merchantTextIsEscapedInTheHtmlPartAndKeptOnOneLineInTheText() {
        Mail receipt = chinese.receipt(paid("<script>alert('x')</script> & \"more\"\nFake: line", Channel.ALIPAY, 100));

        assertThat(receipt.html()).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;");
        assertThat(receipt.text()).contains("商品: <script>alert('x')</script> & \"more\" Fake: line");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderStaysLiteral() {
        Mail receipt = chinese.receipt(paid("{{orderNo}}", Channel.ALIPAY, 100));

        assertThat(receipt.text()).contains("商品: {{orderNo}}");
    }

    @Test
    void theAdminLineOfAPaidOrderNamesAmountPlatformAndTradeNumber() {
        assertThat(chinese.paidLine(paid("年度会员", Channel.WECHAT, 8888)))
                .isEqualTo("订单 " + ORDER + " 已支付 ¥88.88 (微信支付 2026112622001400000001)");
        assertThat(english.paidLine(paid("x", Channel.ALIPAY, 8888)))
                .isEqualTo("Order " + ORDER + " paid ¥88.88 (Alipay 2026112622001400000001)");
    }

    @Test
    void aLatePaymentAlertsTheAdminsWithALinkToTheOrder() {
        var late = new OrderPaidAfterTimeout(ORDER, "年度会员", "buyer@example.com", 8888, "CNY", Channel.ALIPAY, "T1",
                Instant.parse("2026-11-26T09:31:00Z"), Instant.parse("2026-11-26T09:30:00Z"));

        Wording.Alert alert = chinese.paidAfterTimeout(late, LINK);

        assertThat(alert.line()).startsWith("需要处理：订单 " + ORDER).contains("¥88.88", "支付宝 T1");
        assertThat(alert.mail().to()).containsExactly("admin@example.com", "ops@example.com");
        assertThat(alert.mail().subject()).isEqualTo(alert.line());
        assertThat(alert.mail().text()).contains(LINK).contains("已晚于支付期限 2026-11-26 17:30:00");
        assertThat(alert.mail().html()).contains("<a href=\"" + LINK + "\">");
        assertThat(english.paidAfterTimeout(late, LINK).line()).startsWith("Needs review: order " + ORDER);
    }

    @Test
    void mismatchDuplicateAndRefusedRefundAlertsSayWhatHappened() {
        var mismatch = new PaymentAmountMismatched(ORDER, "s", "b@example.com", 8888, 1, "CNY", Channel.WECHAT, "T2",
                Instant.parse("2026-11-26T09:30:05Z"));
        var duplicate = new DuplicatePaymentReceived(ORDER, "s", "b@example.com", 8888, "CNY", Channel.WECHAT, "T3",
                Instant.parse("2026-11-26T09:30:05Z"), "R9");
        var refused = new RefundFailed(ORDER, "R7", 500, Channel.ALIPAY, "ACQ.SELLER_BALANCE_NOT_ENOUGH", "余额不足",
                Instant.parse("2026-11-26T09:30:05Z"));

        assertThat(chinese.amountMismatch(mismatch, LINK).line()).contains("应付 ¥88.88，实收 ¥0.01");
        assertThat(chinese.duplicatePayment(duplicate, LINK).mail().text()).contains("R9").contains(LINK);
        Wording.Alert alert = english.refundFailed(refused, LINK);
        assertThat(alert.line()).isEqualTo("Needs review: refund R7 (¥5.00) of order " + ORDER
                + " was refused by Alipay: ACQ.SELLER_BALANCE_NOT_ENOUGH");
        assertThat(alert.mail().text()).contains("余额不足");
    }

    @Test
    void theCustomerIsToldOfARefundInTheirLanguage() {
        var refunded = new OrderRefunded(ORDER, "R1", 1500, 3000, false, "buyer@example.com", Instant.parse("2026-11-26T10:00:00Z"));

        Mail chineseNotice = chinese.refundNotice(refunded);
        assertThat(chineseNotice.subject()).isEqualTo("退款成功：订单 " + ORDER);
        assertThat(chineseNotice.text()).contains("本次退款: ¥15.00", "累计退款: ¥30.00", "退款时间: 2026-11-26 18:00:00");
        assertThat(english.refundNotice(refunded).html()).contains("<td>¥15.00</td>").contains("The rest of the order is unchanged.");
        assertThat(chinese.refundedLine(refunded)).isEqualTo("订单 " + ORDER + " 已退款 ¥15.00（累计 ¥30.00）");
    }

    @Test
    void anotherCurrencyIsNeverShownAsYuan() {
        assertThat(Wording.amount(8888, "USD")).isEqualTo("88.88 USD");
    }

    private static Wording wording(MailLanguage language) {
        return new Wording(new MailSettings("paygate@example.com", List.of("admin@example.com", "ops@example.com"), language,
                ZoneId.of("Asia/Shanghai")));
    }

    private static OrderPaid paid(String subject, Channel channel, long amountFen) {
        return new OrderPaid(ORDER, subject, "buyer@example.com", amountFen, "CNY", channel, "2026112622001400000001",
                Instant.parse("2026-11-26T09:30:05Z"));
    }
}
