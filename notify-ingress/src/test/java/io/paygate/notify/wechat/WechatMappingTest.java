package io.paygate.notify.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.service.payments.model.Transaction.TradeStateEnum;
import io.paygate.events.Channel;
import io.paygate.events.PaymentSucceeded;
import io.paygate.notify.wechat.WechatMapping.Meaning;
import io.paygate.notify.wechat.WechatMapping.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WechatMappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void everyTradeStateTheSdkKnowsHasAMeaning() {
        assertThat(WechatMapping.TRADE_STATES).containsOnlyKeys(TradeStateEnum.values());
    }

    @Test
    void successBecomesPaymentSucceededWithWechatsFields() {
        Outcome outcome = WechatMapping.map(payment(TradeStateEnum.SUCCESS, "2026-11-26T17:31:02+08:00"), RECEIVED);

        assertThat(outcome).isEqualTo(new Outcome.Paid(new PaymentSucceeded("20261126173000000001", Channel.WECHAT,
                "4200000000202611261234567890", 8888, "CNY", Instant.parse("2026-11-26T09:31:02Z"), "wxd678efh567hg6787",
                PaymentSucceeded.Source.NOTIFICATION)));
    }

    @Test
    void successWithoutAReadableSuccessTimeIsPaidWhenReceived() {
        Outcome outcome = WechatMapping.map(payment(TradeStateEnum.SUCCESS, "yesterday"), RECEIVED);

        assertThat(((Outcome.Paid) outcome).payment().paidAt()).isEqualTo(RECEIVED);
    }

    @ParameterizedTest
    @EnumSource(value = TradeStateEnum.class, names = "SUCCESS", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherTradeStateIsExplicitlyNoPayment(TradeStateEnum state) {
        assertThat(WechatMapping.map(payment(state, null), RECEIVED)).isInstanceOf(Outcome.NoPayment.class);
    }

    @Test
    void refundStateIsAPaidTradeBeingRefundedNotANewPayment() {
        assertThat(WechatMapping.map(payment(TradeStateEnum.REFUND, "2026-11-26T17:31:02+08:00"), RECEIVED))
                .isEqualTo(new Outcome.NoPayment(Meaning.REFUNDING));
    }

    private static WechatPayment payment(TradeStateEnum state, String successTime) {
        return new WechatPayment("EV-1", "20261126173000000001", "4200000000202611261234567890", 8888, "CNY",
                "wxd678efh567hg6787", state, successTime);
    }

    /** One row per refund status WeChat Pay sends in {@code REFUND.*}: what it publishes and with which code. */
    @ParameterizedTest(name = "refund_status {0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "SUCCESS,  io.paygate.events.RefundSucceeded, ",
            "CLOSED,   io.paygate.events.RefundFailed,    CLOSED",
            "ABNORMAL, io.paygate.events.RefundFailed,    ABNORMAL"})
    void everyRefundStatusEndsTheRefundOneWay(String status, String event, String code) {
        var refund = new WechatRefund("1230000109", "20261126173000000001", "4200000000202611260000000001", "50302",
                "20261126173000000001R2", status, "2026-11-26T18:00:00+08:00", new WechatRefund.Amount(8888L, 888L));

        Outcome outcome = WechatMapping.map(refund, RECEIVED);

        switch (outcome) {
            case Outcome.Refunded refunded -> {
                assertThat(event).isEqualTo("io.paygate.events.RefundSucceeded");
                assertThat(refunded.refund()).isEqualTo(new io.paygate.events.RefundSucceeded("20261126173000000001",
                        "20261126173000000001R2", 888, Channel.WECHAT, "4200000000202611260000000001",
                        Instant.parse("2026-11-26T10:00:00Z")));
            }
            case Outcome.RefundEnded ended -> {
                assertThat(event).isEqualTo("io.paygate.events.RefundFailed");
                assertThat(ended.refund().code()).isEqualTo(code);
                assertThat(ended.refund().refundNo()).isEqualTo("20261126173000000001R2");
                assertThat(ended.refund().amountFen()).isEqualTo(888);
            }
            default -> throw new AssertionError("a refund notification mapped to " + outcome);
        }
    }
}
