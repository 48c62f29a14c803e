package io.paygate.localrun.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each platform's trade view, as the sandbox's controls write it, read as ground truth. */
class SandboxTruthTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anAlipayTradeRefundedInFullIsClosedButWasPaid() {
        var view = JSON.readTree("""
                {"tradeNo": "2026112622001400000001", "outTradeNo": "202611260000000001", "status": "TRADE_CLOSED",
                 "totalAmount": "50.00", "totalAmountFen": 5000, "paidAt": "2026-11-26T10:00:00+08:00",
                 "closedAt": "2026-11-26T11:00:00+08:00", "refundedFen": 5000, "notifications": []}""");

        assertThat(SandboxTruth.ALIPAY.reading().apply(view)).isEqualTo(
                new PlatformTrade("ALIPAY", "202611260000000001", "2026112622001400000001", 5000, true, 5000, true));
    }

    @Test
    void anUnpaidAlipayTradeIsNotPaid() {
        var view = JSON.readTree("""
                {"tradeNo": "2026112622001400000002", "outTradeNo": "202611260000000002", "status": "WAIT_BUYER_PAY",
                 "totalAmountFen": 100, "paidAt": null, "refundedFen": 0}""");

        assertThat(SandboxTruth.ALIPAY.reading().apply(view).paid()).isFalse();
    }

    @Test
    void aWechatOrderPartlyRefundedIsStillPaidUnderItsTransactionId() {
        var view = JSON.readTree("""
                {"outTradeNo": "202611260000000003", "transactionId": "4200000001202611260000000003", "state": "REFUND",
                 "totalFen": 8800, "paidFen": 8800, "refundedFen": 1000, "refundingFen": 0,
                 "successTime": "2026-11-26T10:00:00+08:00", "closedAt": null}""");

        assertThat(SandboxTruth.WECHAT.reading().apply(view)).isEqualTo(
                new PlatformTrade("WECHAT", "202611260000000003", "4200000001202611260000000003", 8800, true, 1000, false));
    }

    @Test
    void aClosedUnpaidWechatOrderIsClosedAndNotPaid() {
        var view = JSON.readTree("""
                {"outTradeNo": "202611260000000004", "transactionId": null, "state": "CLOSED", "totalFen": 100,
                 "paidFen": 0, "refundedFen": 0, "successTime": null, "closedAt": "2026-11-26T10:30:00+08:00"}""");

        PlatformTrade trade = SandboxTruth.WECHAT.reading().apply(view);

        assertThat(trade.paid()).isFalse();
        assertThat(trade.closed()).isTrue();
    }
}
