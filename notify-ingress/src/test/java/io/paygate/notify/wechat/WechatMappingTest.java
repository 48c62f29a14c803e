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
}
