package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class WechatBillTest {

    private static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
            + "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,"
            + "订单金额,申请退款金额,费率备注";
    private static final String TOTALS_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

    /** The layout of ref §9: a payment, a partial refund of it, CRLF line ends as some bills have. */
    static String allBill() {
        return String.join("\r\n",
                HEADER,
                "`2026-11-25 12:01:00,`wxd678efh567hg6787,`1230000109,`0,`,`4200000000202611251234567890,`202611251200000000000007,"
                        + "`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`SUCCESS,`OTHERS,`CNY,`88.88,`0.00,`0,`0,`0.00,`0.00,`,`,`年度会员,`,"
                        + "`0.53000,`0.60%,`88.88,`0.00,`",
                "`2026-11-25 13:00:00,`wxd678efh567hg6787,`1230000109,`0,`,`4200000000202611251234567890,`202611251200000000000007,"
                        + "`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`NATIVE,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50300000012026112500000000001,"
                        + "`202611251200000000000007R1,`10.00,`0.00,`ORIGINAL,`SUCCESS,`年度会员,`,`-0.06000,`0.60%,`0.00,`10.00,`",
                TOTALS_HEADER,
                "`2,`88.88,`10.00,`0.00,`0.47000,`88.88,`10.00",
                "");
    }

    @Test
    void readsPaymentAndRefundRowsByColumnNameWithBackticksStrippedAndAmountsInFen() {
        var bill = WechatBill.parse(allBill());

        assertThat(bill.rows()).hasSize(2);
        var payment = bill.rows().get(0);
        assertThat(payment.kind()).isEqualTo(WechatBill.Kind.PAYMENT);
        assertThat(payment.tradeTime()).isEqualTo(LocalDateTime.parse("2026-11-25T12:01:00"));
        assertThat(payment.transactionId()).isEqualTo("4200000000202611251234567890");
        assertThat(payment.orderNo()).isEqualTo("202611251200000000000007");
        assertThat(payment.tradeType()).isEqualTo("NATIVE");
        assertThat(payment.settlementFen()).isEqualTo(8888);
        assertThat(payment.orderAmountFen()).isEqualTo(8888);
        assertThat(payment.refundId()).isNull();
        assertThat(payment.refundNo()).isNull();
        assertThat(payment.feeMilliFen()).isEqualTo(53_000);
        assertThat(payment.rate()).isEqualTo("0.60%");
        assertThat(payment.subject()).isEqualTo("年度会员");
        assertThat(payment.attach()).isNull();

        var refund = bill.rows().get(1);
        assertThat(refund.kind()).isEqualTo(WechatBill.Kind.REFUND);
        assertThat(refund.settlementFen()).isZero();
        assertThat(refund.refundId()).isEqualTo("50300000012026112500000000001");
        assertThat(refund.refundNo()).isEqualTo("202611251200000000000007R1");
        assertThat(refund.refundFen()).isEqualTo(1000);
        assertThat(refund.requestedRefundFen()).isEqualTo(1000);
        assertThat(refund.refundType()).isEqualTo("ORIGINAL");
        assertThat(refund.refundStatus()).isEqualTo("SUCCESS");
        assertThat(refund.feeMilliFen()).isEqualTo(-6_000);

        assertThat(bill.totals()).isEqualTo(new WechatBill.Totals(2, 8888, 1000, 0, 47_000, 8888, 1000));
    }

    @Test
    void theSuccessLayoutWithoutRefundColumnsParsesToo() {
        String text = String.join("\n",
                "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,"
                        + "代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注",
                "`2026-11-25 12:01:00,`wx1,`1230000109,`0,`,`4200000000202611251234567890,`202611251200000000000007,`o1,`APP,"
                        + "`SUCCESS,`CMB_DEBIT,`CNY,`0.01,`0.00,`会员,`attach-1,`0.00000,`0.60%,`0.01,`",
                "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额",
                "`1,`0.01,`0.00,`0.00,`0.00000,`0.01,`0.00");

        var bill = WechatBill.parse(text);

        assertThat(bill.rows()).singleElement().satisfies(row -> {
            assertThat(row.settlementFen()).isEqualTo(1);
            assertThat(row.refundFen()).isZero();
            assertThat(row.refundStatus()).isNull();
            assertThat(row.attach()).isEqualTo("attach-1");
        });
        assertThat(bill.totals().count()).isEqualTo(1);
    }

    @Test
    void aBillWithoutItsTotalsIsCutShortAndRefused() {
        String cut = allBill().substring(0, allBill().indexOf(TOTALS_HEADER));

        assertThatThrownBy(() -> WechatBill.parse(cut)).hasMessageContaining("总交易单数");
    }

    @Test
    void amountsAreReadExactlyOrNotAtAll() {
        assertThat(WechatBill.fen("0.01")).isEqualTo(1);
        assertThat(WechatBill.fen("12345678.90")).isEqualTo(1234567890);
        assertThat(WechatBill.milliFen("0.00600")).isEqualTo(600);
        assertThatThrownBy(() -> WechatBill.fen("1.005")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WechatBill.fen("1e3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WechatBill.parse(allBill().replace("`88.88,`0.00,`0,", "`88.8x,`0.00,`0,")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownTradeStateIsRefusedRatherThanGuessed() {
        assertThatThrownBy(() -> WechatBill.parse(allBill().replace("`NATIVE,`SUCCESS,", "`NATIVE,`PENDING,")))
                .hasMessageContaining("PENDING");
    }
}
