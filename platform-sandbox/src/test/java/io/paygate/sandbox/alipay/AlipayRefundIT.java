package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeRefundResponse;
import com.alipay.api.domain.AlipayTradeQueryModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code alipay.trade.refund} and {@code alipay.trade.fastpay.refund.query} as the real SDK sees them. */
class AlipayRefundIT extends SandboxFixture {

    @Test
    void partialRefundsAddUpAndARefundBeyondTheRemainderIsRefused() throws Exception {
        String orderNo = paidOrder("10.00");
        String tradeNo = sandboxTrade(orderNo).get("tradeNo").asString();

        AlipayTradeRefundResponse first = alipay.execute(refund(orderNo, "3.00", "R1"));
        assertThat(first.isSuccess()).isTrue();
        assertThat(first.getCode()).isEqualTo("10000");
        assertThat(first.getFundChange()).isEqualTo("Y");
        assertThat(first.getRefundFee()).isEqualTo("3.00");
        assertThat(first.getTradeNo()).isEqualTo(tradeNo);
        assertThat(first.getOutTradeNo()).isEqualTo(orderNo);
        assertThat(first.getBuyerLogonId()).contains("***");
        assertThat(first.getGmtRefundPay()).isCloseTo(new java.util.Date(), 60_000);

        AlipayTradeRefundResponse second = alipay.execute(refund(orderNo, "4.50", "R2"));
        assertThat(second.isSuccess()).isTrue();
        assertThat(second.getFundChange()).isEqualTo("Y");
        assertThat(second.getRefundFee()).isEqualTo("7.50");

        AlipayTradeRefundResponse exceeding = alipay.execute(refund(orderNo, "2.51", "R3"));
        assertThat(exceeding.isSuccess()).isFalse();
        assertThat(exceeding.getCode()).isEqualTo("40004");
        assertThat(exceeding.getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");

        var trade = sandboxTrade(orderNo);
        assertThat(trade.get("status").asString()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.get("refundedFen").asLong()).isEqualTo(750);
        assertThat(trade.get("refunds")).hasSize(2);
        assertThat(trade.get("refunds").get(0).get("outRequestNo").asString()).isEqualTo("R1");
        assertThat(trade.get("refunds").get(0).get("amount").asString()).isEqualTo("3.00");
        assertThat(trade.get("refunds").get(1).get("at").asString()).contains("+08:00");
        assertThat(alipay.execute(query(orderNo)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void anIdenticalRetryMovesNothingAndADifferentAmountUnderTheSameNumberIsDiscordant() throws Exception {
        String orderNo = paidOrder("10.00");
        assertThat(alipay.execute(refund(orderNo, "3.00", "R1")).getFundChange()).isEqualTo("Y");

        AlipayTradeRefundResponse retry = alipay.execute(refund(orderNo, "3.00", "R1"));
        assertThat(retry.isSuccess()).isTrue();
        assertThat(retry.getFundChange()).isEqualTo("N");
        assertThat(retry.getRefundFee()).isEqualTo("3.00");

        AlipayTradeRefundResponse discordant = alipay.execute(refund(orderNo, "3.01", "R1"));
        assertThat(discordant.isSuccess()).isFalse();
        assertThat(discordant.getSubCode()).isEqualTo("ACQ.DISCORDANT_REPEAT_REQUEST");
        assertThat(sandboxTrade(orderNo).get("refundedFen").asLong()).isEqualTo(300);
    }

    @Test
    void withoutOutRequestNoTheOrderNumberIsTheRequestNumber() throws Exception {
        String orderNo = paidOrder("5.00");
        var model = new AlipayTradeRefundModel();
        model.setOutTradeNo(orderNo);
        model.setRefundAmount("1.00");
        var request = new AlipayTradeRefundRequest();
        request.setBizModel(model);

        assertThat(alipay.execute(request).getFundChange()).isEqualTo("Y");
        assertThat(alipay.execute(request).getFundChange()).isEqualTo("N");

        var refundQuery = alipay.execute(refundQuery(orderNo, orderNo));
        assertThat(refundQuery.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(refundQuery.getRefundAmount()).isEqualTo("1.00");
    }

    @Test
    void aFullRefundClosesTheTradeAndNotifiesTradeClosedWithTheRefundFields() throws Exception {
        String orderNo = paidOrder("10.00");
        awaitNotifications(orderNo, 1);

        var partial = alipay.execute(refund(orderNo, "4.00", "R1"));
        awaitNotifications(orderNo, 2);
        var partialNotice = merchant.notificationsFor(orderNo).get(1).params();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(partialNotice), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        assertThat(partialNotice).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("refund_fee", "4.00")
                .containsEntry("out_biz_no", "R1").containsEntry("total_amount", "10.00").containsKey("gmt_refund");
        assertThat(partialNotice.get("notify_id")).isNotEqualTo(merchant.notificationsFor(orderNo).get(0).params().get("notify_id"));

        var rest = alipay.execute(refund(orderNo, "6.00", "R2"));
        assertThat(partial.getRefundFee()).isEqualTo("4.00");
        assertThat(rest.isSuccess()).isTrue();
        assertThat(rest.getRefundFee()).isEqualTo("10.00");
        awaitNotifications(orderNo, 3);
        var closedNotice = merchant.notificationsFor(orderNo).get(2).params();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(closedNotice), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        assertThat(closedNotice).containsEntry("trade_status", "TRADE_CLOSED").containsEntry("refund_fee", "10.00")
                .containsEntry("out_biz_no", "R2").containsKeys("gmt_refund", "gmt_close", "gmt_payment");
        assertThat(alipay.execute(query(orderNo)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
        assertThat(sandboxTrade(orderNo).get("status").asString()).isEqualTo("TRADE_CLOSED");

        assertThat(alipay.execute(refund(orderNo, "6.00", "R2")).getFundChange()).isEqualTo("N");
        assertThat(alipay.execute(refund(orderNo, "0.01", "R3")).getSubCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    }

    @Test
    void refundsOfUnpaidUnknownOrMalformedRequestsAreRefused() throws Exception {
        String unpaid = openedOrder("5.00");
        var refusedUnpaid = alipay.execute(refund(unpaid, "1.00", "R1"));
        assertThat(refusedUnpaid.isSuccess()).isFalse();
        assertThat(refusedUnpaid.getSubCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");

        var unknown = alipay.execute(refund(newOrderNo(), "1.00", "R1"));
        assertThat(unknown.isSuccess()).isFalse();
        assertThat(unknown.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        String paid = paidOrder("5.00");
        for (String malformed : List.of("1", "1.5", "-1.00", "0.00", "abc", "1.001")) {
            var refused = alipay.execute(refund(paid, malformed, "R-" + malformed.hashCode()));
            assertThat(refused.isSuccess()).as(malformed).isFalse();
            assertThat(refused.getSubCode()).as(malformed).isEqualTo("ACQ.INVALID_PARAMETER");
        }
        assertThat(sandboxTrade(paid).get("refundedFen").asLong()).isZero();
    }

    @Test
    void twentyConcurrentRefundsNeverGiveBackMoreThanWasPaid() throws Exception {
        String orderNo = paidOrder("10.00");
        var start = new CountDownLatch(1);
        var calls = new ArrayList<Callable<AlipayTradeRefundResponse>>();
        for (int i = 0; i < 20; i++) {
            String outRequestNo = "C" + i;
            calls.add(() -> {
                start.await();
                return alipay.execute(refund(orderNo, "1.00", outRequestNo));
            });
        }
        List<AlipayTradeRefundResponse> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            List<Future<AlipayTradeRefundResponse>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                responses.add(future.get());
            }
        }

        assertThat(responses.stream().filter(r -> r.isSuccess())).hasSize(10);
        assertThat(responses.stream().filter(r -> !r.isSuccess()).map(r -> r.getSubCode()))
                .hasSize(10).containsOnly("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(responses.stream().filter(r -> r.isSuccess()).map(r -> r.getRefundFee()))
                .containsExactlyInAnyOrder("1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "7.00", "8.00", "9.00", "10.00");
        var trade = sandboxTrade(orderNo);
        assertThat(trade.get("refundedFen").asLong()).isEqualTo(1000);
        assertThat(trade.get("refunds")).hasSize(10);
        assertThat(trade.get("status").asString()).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void aRefundQueryFindsAKnownRefundAndAnswersAnUnknownOneWithNoRefundFields() throws Exception {
        String orderNo = paidOrder("10.00");
        alipay.execute(refund(orderNo, "2.50", "R1"));

        var known = alipay.execute(refundQuery(orderNo, "R1"));
        assertThat(known.isSuccess()).isTrue();
        assertThat(known.getRefundStatus()).isEqualTo("REFUND_SUCCESS");
        assertThat(known.getRefundAmount()).isEqualTo("2.50");
        assertThat(known.getTotalAmount()).isEqualTo("10.00");
        assertThat(known.getOutRequestNo()).isEqualTo("R1");
        assertThat(known.getOutTradeNo()).isEqualTo(orderNo);
        assertThat(known.getGmtRefundPay()).isCloseTo(new java.util.Date(), 60_000);

        var unknown = alipay.execute(refundQuery(orderNo, "R-never"));
        assertThat(unknown.isSuccess()).isTrue();
        assertThat(unknown.getCode()).isEqualTo("10000");
        assertThat(unknown.getRefundStatus()).isNull();
        assertThat(unknown.getRefundAmount()).isNull();
        assertThat(unknown.getOutRequestNo()).isNull();

        assertThat(alipay.execute(refundQuery(newOrderNo(), "R1")).getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    private static AlipayTradeFastpayRefundQueryRequest refundQuery(String orderNo, String outRequestNo) {
        var model = new AlipayTradeFastpayRefundQueryModel();
        model.setOutTradeNo(orderNo);
        model.setOutRequestNo(outRequestNo);
        model.setQueryOptions(List.of("gmt_refund_pay"));
        var request = new AlipayTradeFastpayRefundQueryRequest();
        request.setBizModel(model);
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderNo) {
        var model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNo);
        var request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }
}
