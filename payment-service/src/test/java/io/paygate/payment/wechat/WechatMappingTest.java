package io.paygate.payment.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.HttpMethod;
import com.wechat.pay.java.core.http.HttpRequest;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.Status;
import io.paygate.payment.platform.PlatformRefund;
import io.paygate.payment.platform.PlatformTrade;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class WechatMappingTest {

    @ParameterizedTest
    @EnumSource(Transaction.TradeStateEnum.class)
    void everyTradeStateHasAMeaning(Transaction.TradeStateEnum state) {
        var transaction = new Transaction();
        transaction.setTradeState(state);
        transaction.setTransactionId("4200000000202611260000000001");
        transaction.setSuccessTime("2026-11-26T17:30:05+08:00");
        var amount = new TransactionAmount();
        amount.setTotal(8888);
        transaction.setAmount(amount);

        PlatformTrade trade = WechatMapping.trade(transaction);

        switch (state) {
            case SUCCESS, REFUND -> assertThat(trade).isEqualTo(new PlatformTrade.Paid("4200000000202611260000000001", 8888,
                    Instant.parse("2026-11-26T09:30:05Z")));
            case NOTPAY, USERPAYING, ACCEPT -> assertThat(trade).isInstanceOf(PlatformTrade.Waiting.class);
            case CLOSED, REVOKED, PAYERROR -> assertThat(trade).isInstanceOf(PlatformTrade.Closed.class);
        }
    }

    @Test
    void aTradeStateWeChatAddedLaterIsNotTrusted() {
        assertThat(WechatMapping.trade(new Transaction())).isInstanceOf(PlatformTrade.Unknown.class);
    }

    @ParameterizedTest
    @EnumSource(Status.class)
    void everyRefundStatusHasExactlyOneMeaning(Status status) {
        var refund = new Refund();
        refund.setStatus(status);
        refund.setRefundId("50000000382019052709732678859");
        refund.setSuccessTime("2026-11-26T18:00:00+08:00");

        PlatformRefund outcome = WechatMapping.refund(refund);

        switch (status) {
            case SUCCESS -> assertThat(outcome).isEqualTo(new PlatformRefund.Succeeded("50000000382019052709732678859",
                    Instant.parse("2026-11-26T10:00:00Z")));
            case PROCESSING -> assertThat(outcome).isEqualTo(new PlatformRefund.Processing("50000000382019052709732678859"));
            case CLOSED, ABNORMAL -> assertThat(outcome).isInstanceOfSatisfying(PlatformRefund.Refused.class,
                    refused -> assertThat(refused.code()).isEqualTo(status.name()));
        }
    }

    @Test
    void aRefundWithoutStatusIsNotTrusted() {
        assertThat(WechatMapping.refund(new Refund())).isInstanceOf(PlatformRefund.Unknown.class);
    }

    @ParameterizedTest
    @CsvSource({
            // status, code,                 on create, on query
            "400, PARAM_ERROR,             Refused, Unknown",
            "400, INVALID_REQUEST,         Refused, Unknown",
            "403, NOT_ENOUGH,              Refused, Unknown",
            "403, USER_ACCOUNT_ABNORMAL,   Refused, Unknown",
            "404, RESOURCE_NOT_EXISTS,     Refused, NotFound",
            "429, FREQUENCY_LIMITED,       Unknown, Unknown",
            "500, SYSTEM_ERROR,            Unknown, Unknown",
            "502, SERVICE_UNAVAILABLE,     Unknown, Unknown",
            "503, SERVICE_UNAVAILABLE,     Unknown, Unknown",
            "401, SIGN_ERROR,              Refused, Unknown"})
    void refundErrorsAreTypedAndTransientOnesAreNotMistakenForNo(int status, String code, String onCreate, String onQuery) {
        var failure = serviceException(status, code);

        assertThat(WechatMapping.refundFailure(failure, false).getClass().getSimpleName()).isEqualTo(onCreate);
        assertThat(WechatMapping.refundFailure(failure, true).getClass().getSimpleName()).isEqualTo(onQuery);
        if (WechatMapping.refundFailure(failure, false) instanceof PlatformRefund.Refused refused) {
            assertThat(refused.code()).isEqualTo(code);
        }
    }

    @Test
    void timeoutsAndUnverifiableAnswersAreUnknown() {
        var request = request();
        assertThat(WechatMapping.refundFailure(new HttpException(request, new java.net.SocketTimeoutException("read timed out")), false))
                .isInstanceOf(PlatformRefund.Unknown.class);
        // a missing or stale Wechatpay-Timestamp surfaces as IllegalArgumentException (ref §12)
        assertThat(WechatMapping.refundFailure(new IllegalArgumentException("timestamp[null] is invalid"), true))
                .isInstanceOf(PlatformRefund.Unknown.class);
    }

    @ParameterizedTest
    @CsvSource({
            "404, ORDER_NOT_EXIST, NotFound",
            "500, SYSTEM_ERROR,    Unknown",
            "429, FREQUENCY_LIMITED, Unknown",
            "403, TRADE_ERROR,     Refused",
            "400, ORDER_CLOSED,    Refused"})
    void tradeErrorsAreTyped(int status, String code, String outcome) {
        assertThat(WechatMapping.tradeFailure(serviceException(status, code)).getClass().getSimpleName()).isEqualTo(outcome);
    }

    static ServiceException serviceException(int status, String code) {
        return new ServiceException(request(), status, "{\"code\":\"" + code + "\",\"message\":\"m\"}");
    }

    private static HttpRequest request() {
        return new HttpRequest.Builder().httpMethod(HttpMethod.POST)
                .url("https://api.mch.weixin.qq.com/v3/refund/domestic/refunds").build();
    }
}
