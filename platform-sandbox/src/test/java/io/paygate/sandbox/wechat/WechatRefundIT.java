package io.paygate.sandbox.wechat;

import static io.paygate.sandbox.wechat.WechatPaymentIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import com.wechat.pay.java.service.refund.model.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Refunds: partial and cumulative, idempotent by out_refund_no, PROCESSING then notified. */
class WechatRefundIT extends WechatFixture {

    @Test
    void partialRefundsAddUpSucceedAndAreNotifiedButNeverExceedThePayment() {
        String orderNo = paidOrder(1000);
        Refund first = refunds.create(refund(orderNo, orderNo + "R1", 300, 1000, orderNo + "-refund"));
        assertThat(first.getStatus()).isEqualTo(Status.PROCESSING);
        assertThat(first.getAmount().getRefund()).isEqualTo(300L);

        var received = awaitNotifications(orderNo + "-refund", 1).getFirst();
        RefundNotification notified = new NotificationParser(config).parse(received.requestParam(), RefundNotification.class);
        assertThat(notified.getRefundStatus()).isEqualTo(Status.SUCCESS);
        assertThat(notified.getOutRefundNo()).isEqualTo(orderNo + "R1");
        assertThat(notified.getAmount().getRefund()).isEqualTo(300L);
        assertThat(queryRefund(orderNo + "R1").getStatus()).isEqualTo(Status.SUCCESS);
        assertThat(query(orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.REFUND);

        refunds.create(refund(orderNo, orderNo + "R2", 700, 1000, orderNo + "-refund"));
        assertRefused(() -> refunds.create(refund(orderNo, orderNo + "R3", 1, 1000, null)), 400, "INVALID_REQUEST");
        awaitNotifications(orderNo + "-refund", 2);
        assertThat(sandboxTrade(orderNo).get("refundedFen").asLong()).isEqualTo(1000);
        assertThat(sandboxTrade(orderNo).get("paidFen").asLong()).isEqualTo(1000);
    }

    @Test
    void theSameOutRefundNoIsTheSameRefund() {
        String orderNo = paidOrder(500);
        Refund first = refunds.create(refund(orderNo, orderNo + "R1", 100, 500, null));
        Refund again = refunds.create(refund(orderNo, orderNo + "R1", 100, 500, null));
        assertThat(again.getRefundId()).isEqualTo(first.getRefundId());
        assertThat(sandboxTrade(orderNo).get("refunds")).hasSize(1);
        assertRefused(() -> refunds.create(refund(orderNo, orderNo + "R1", 200, 500, null)), 400, "INVALID_REQUEST");
    }

    @Test
    void refundsOfUnknownOrUnpaidOrdersOrWithAWrongTotalAreRefused() {
        assertRefused(() -> refunds.create(refund("NO_SUCH_ORDER_R", "NO_SUCH_R1", 1, 1, null)), 404, "RESOURCE_NOT_EXISTS");
        String unpaid = openedOrder(100);
        assertRefused(() -> refunds.create(refund(unpaid, unpaid + "R1", 1, 100, null)), 404, "RESOURCE_NOT_EXISTS");
        String paid = paidOrder(100);
        assertRefused(() -> refunds.create(refund(paid, paid + "R1", 1, 99, null)), 400, "INVALID_REQUEST");
        assertRefused(() -> queryRefund("NO_SUCH_REFUND"), 404, "RESOURCE_NOT_EXISTS");
    }

    @Test
    void aRefundSwitchedToAbnormalEndsAbnormalAndIsNotifiedSo() {
        String orderNo = paidOrder(800);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"refundOutcome\":\"ABNORMAL\"}");
        refunds.create(refund(orderNo, orderNo + "R1", 800, 800, orderNo + "-refund"));
        var received = awaitNotifications(orderNo + "-refund", 1).getFirst();
        assertThat(new NotificationParser(config).parse(received.requestParam(), RefundNotification.class).getRefundStatus())
                .isEqualTo(Status.ABNORMAL);
        assertThat(queryRefund(orderNo + "R1").getStatus()).isEqualTo(Status.ABNORMAL);
    }

    @Test
    void aProcessingRefundCanBeClosedByTheControlAndItsAmountIsFreeAgain() {
        String orderNo = paidOrder(600);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"refundOutcome\":\"CLOSED\"}");
        refunds.create(refund(orderNo, orderNo + "R1", 600, 600, orderNo + "-refund"));
        await().atMost(Duration.ofSeconds(5)).until(() -> queryRefund(orderNo + "R1").getStatus() == Status.CLOSED);
        assertThat(new NotificationParser(config).parse(awaitNotifications(orderNo + "-refund", 1).getFirst().requestParam(),
                RefundNotification.class).getRefundStatus()).isEqualTo(Status.CLOSED);
        browser.delete().uri("/sandbox/wechat/faults").exchange().expectStatus().isNoContent();
        assertThat(refunds.create(refund(orderNo, orderNo + "R2", 600, 600, null)).getStatus()).isEqualTo(Status.PROCESSING);
    }

    private Refund queryRefund(String outRefundNo) {
        var request = new QueryByOutRefundNoRequest();
        request.setOutRefundNo(outRefundNo);
        return refunds.queryByOutRefundNo(request);
    }

    static CreateRequest refund(String orderNo, String outRefundNo, long refundFen, long totalFen, String notifyName) {
        var request = new CreateRequest();
        request.setOutTradeNo(orderNo);
        request.setOutRefundNo(outRefundNo);
        request.setReason("test");
        if (notifyName != null) {
            request.setNotifyUrl(merchant.url(notifyName));
        }
        var amount = new AmountReq();
        amount.setRefund(refundFen);
        amount.setTotal(totalFen);
        amount.setCurrency("CNY");
        request.setAmount(amount);
        return request;
    }
}
