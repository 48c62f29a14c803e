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
}
