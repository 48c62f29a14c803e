package io.paygate.payment.alipay;

import io.paygate.payment.platform.PlatformTrade;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlipayMappingTest {

    @ParameterizedTest
    @CsvSource({
            "WAIT_BUYER_PAY, Waiting",
            "TRADE_CLOSED,   Closed",
            "TRADE_SUCCESS,  Paid",
            "TRADE_FINISHED, Paid",
            "TRADE_PENDING,  Unknown",
            "'',             Unknown"})
    void everyTradeStatusHasExactlyOneMeaning(String status, String outcome) {
        PlatformTrade trade = AlipayMapping.trade(status, "2026112622001400000000000001", "88.88", new Date(0));

        assertThat(trade.getClass().getSimpleName()).isEqualTo(outcome);
        if (trade instanceof PlatformTrade.Paid paid) {
            assertThat(paid.amountFen()).isEqualTo(8888);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ACQ.TRADE_NOT_EXIST,    NotFound",
            "ACQ.SYSTEM_ERROR,       Unknown",
            "isp.unknow-error,       Unknown",
            "aop.unknow-error,       Unknown",
            "ACQ.TRADE_STATUS_ERROR, Refused",
            "ACQ.INVALID_PARAMETER,  Refused",
            "isv.invalid-signature,  Refused"})
    void refusalsAreTypedAndSystemErrorsAreNotMistakenForNo(String subCode, String outcome) {
        assertThat(AlipayMapping.refusal(subCode, "msg").getClass().getSimpleName()).isEqualTo(outcome);
    }

    @org.junit.jupiter.api.Test
    void aPaidTradeWithAMalformedAmountIsNotTrusted() {
        assertThat(AlipayMapping.trade("TRADE_SUCCESS", "t", "88.8", null)).isInstanceOf(PlatformTrade.Unknown.class);
    }

    @ParameterizedTest
    @CsvSource({
            "REFUND_SUCCESS, Succeeded",
            "'',             NotFound",
            "REFUND_PENDING, Unknown"})
    void refundQueryStatusesAreExhaustive(String status, String outcome) {
        var refund = AlipayMapping.refundStatus(status.isEmpty() ? null : status, "2026112622001400000000000001", new Date(0));

        assertThat(refund.getClass().getSimpleName()).isEqualTo(outcome);
    }

    @ParameterizedTest
    @CsvSource({
            "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL, Refused,  Unknown",
            "ACQ.SELLER_BALANCE_NOT_ENOUGH,  Refused,  Unknown",
            "ACQ.DISCORDANT_REPEAT_REQUEST,  Refused,  Unknown",
            "ACQ.TRADE_NOT_EXIST,            Refused,  NotFound",
            "ACQ.SYSTEM_ERROR,               Unknown,  Unknown",
            "aop.unknow-error,               Unknown,  Unknown"})
    void refundRefusalsAreDefiniteButARefusedQuerySaysNothingOfTheRefund(String subCode, String onRefund, String onQuery) {
        assertThat(AlipayMapping.refundRefusal(subCode, "msg").getClass().getSimpleName()).isEqualTo(onRefund);
        assertThat(AlipayMapping.refundQueryRefusal(subCode, "msg").getClass().getSimpleName()).isEqualTo(onQuery);
    }
}
