package io.paygate.notify.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.model.TransactionAmount;
import io.paygate.notify.wechat.WechatRejected.Reason;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WechatFieldCheckTest {

    private static final WechatFieldCheck CHECK = new WechatFieldCheck("1230000109", "wxd678efh567hg6787");
    private static final WechatEnvelope PAYMENT = new WechatEnvelope("EV-1", "TRANSACTION.SUCCESS");

    @Test
    void ourWellFormedPaymentPasses() {
        WechatPayment payment = CHECK.payment(PAYMENT, transaction(t -> { }));

        assertThat(payment.orderNo()).isEqualTo("20261126173000000001");
        assertThat(payment.amountFen()).isEqualTo(8888);
        assertThat(payment.transactionId()).isEqualTo("4200000000202611261234567890");
    }

    @Test
    void anotherMerchantIsRefused() {
        assertRefused(transaction(t -> t.setMchid("1900000109")), Reason.MCHID_MISMATCH);
    }

    @Test
    void anotherAppIsRefused() {
        assertRefused(transaction(t -> t.setAppid("wx0000000000000000")), Reason.APPID_MISMATCH);
    }

    @Test
    void orderNumberNotOfOurShapeIsRefused() {
        assertRefused(transaction(t -> t.setOutTradeNo("ORD20261126")), Reason.ORDER_NO_INVALID);
        assertRefused(transaction(t -> t.setOutTradeNo("12345678901234")), Reason.ORDER_NO_INVALID);
    }

    @Test
    void amountMustBePositiveFenInCny() {
        assertRefused(transaction(t -> t.getAmount().setTotal(0)), Reason.AMOUNT_INVALID);
        assertRefused(transaction(t -> t.getAmount().setTotal(-1)), Reason.AMOUNT_INVALID);
        assertRefused(transaction(t -> t.getAmount().setCurrency("USD")), Reason.AMOUNT_INVALID);
        assertRefused(transaction(t -> t.setAmount(null)), Reason.AMOUNT_INVALID);
    }

    @Test
    void unknownTradeStateIsRefused() {
        assertRefused(transaction(t -> t.setTradeState(null)), Reason.TRADE_STATE_UNKNOWN);
    }

    @Test
    void successWithoutTransactionIdIsRefused() {
        assertRefused(transaction(t -> t.setTransactionId(null)), Reason.TRADE_NO_INVALID);
    }

    @Test
    void eventTypeMustBelongToTheEndpoint() {
        WechatFieldCheck.checkEventType(WechatEndpoint.PAYMENT, PAYMENT);
        WechatFieldCheck.checkEventType(WechatEndpoint.REFUND, new WechatEnvelope("EV-2", "REFUND.CLOSED"));

        assertThatThrownBy(() -> WechatFieldCheck.checkEventType(WechatEndpoint.PAYMENT, new WechatEnvelope("EV-2", "REFUND.SUCCESS")))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.EVENT_TYPE_UNEXPECTED));
        assertThatThrownBy(() -> WechatFieldCheck.checkEventType(WechatEndpoint.REFUND, PAYMENT))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.EVENT_TYPE_UNEXPECTED));
    }

    @Test
    void refundForAnotherMerchantOrWithAnUnknownStatusIsRefused() {
        var amount = new WechatRefund.Amount(8888L, 888L);
        CHECK.refund(new WechatRefund("1230000109", "20261126173000000001", "42", "50", "20261126173000000001R1", "ABNORMAL", null, amount));

        assertThatThrownBy(() -> CHECK.refund(new WechatRefund("1900000109", "20261126173000000001", "42", "50", "20261126173000000001R1", "SUCCESS", null, amount)))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.MCHID_MISMATCH));
        assertThatThrownBy(() -> CHECK.refund(new WechatRefund("1230000109", "20261126173000000001", "42", "50", "20261126173000000001R1", "PROCESSING", null, amount)))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.REFUND_STATUS_UNKNOWN));
        assertThatThrownBy(() -> CHECK.refund(new WechatRefund("1230000109", "20261126173000000001", "42", "50", "20261126173000000001R1", "SUCCESS",
                null, new WechatRefund.Amount(888L, 8888L))))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.AMOUNT_INVALID));
        // a refund number that is not one of ours for that order
        for (String foreign : new String[] {"R1", "20261126173000000002R1", "20261126173000000001R", "20261126173000000001RX"}) {
            assertThatThrownBy(() -> CHECK.refund(new WechatRefund("1230000109", "20261126173000000001", "42", "50", foreign, "SUCCESS",
                    null, amount)))
                    .as(foreign)
                    .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.REFUND_NO_INVALID));
        }
    }

    private static void assertRefused(Transaction transaction, Reason reason) {
        assertThatThrownBy(() -> CHECK.payment(PAYMENT, transaction))
                .isInstanceOfSatisfying(WechatRejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    private static Transaction transaction(Consumer<Transaction> change) {
        var amount = new TransactionAmount();
        amount.setTotal(8888);
        amount.setCurrency("CNY");
        var transaction = new Transaction();
        transaction.setMchid("1230000109");
        transaction.setAppid("wxd678efh567hg6787");
        transaction.setOutTradeNo("20261126173000000001");
        transaction.setTransactionId("4200000000202611261234567890");
        transaction.setTradeState(Transaction.TradeStateEnum.SUCCESS);
        transaction.setSuccessTime("2026-11-26T17:31:02+08:00");
        transaction.setAmount(amount);
        change.accept(transaction);
        return transaction;
    }
}
