package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.APP_ID;
import static io.paygate.notify.alipay.AlipayNotificationFixture.SELLER_ID;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AlipayFieldCheckTest {

    private static final String ORDER_NO = "202611261730050000000042";

    private final AlipayFieldCheck check = new AlipayFieldCheck(APP_ID, SELLER_ID);

    @Test
    void readsAWellFormedNotificationForOurApplication() {
        var notification = check.check(form(tradeSuccess(ORDER_NO)));

        assertThat(notification.orderNo()).isEqualTo(ORDER_NO);
        assertThat(notification.tradeNo()).isEqualTo(AlipayNotificationFixture.tradeNoFor(ORDER_NO));
        assertThat(notification.amountFen()).isEqualTo(8888);
        assertThat(notification.appId()).isEqualTo(APP_ID);
        assertThat(notification.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(notification.refund()).isFalse();
    }

    @Test
    void refusesAnotherApplication() {
        assertRefused(with("app_id", "2021009999999999"), Reason.APP_ID_MISMATCH);
        assertRefused(without("app_id"), Reason.APP_ID_MISMATCH);
    }

    @Test
    void refusesAnotherSellerWhenOursIsConfigured() {
        assertRefused(with("seller_id", "2088999999999999"), Reason.SELLER_ID_MISMATCH);
    }

    @Test
    void acceptsANotificationWithoutSellerId() {
        assertThat(check.check(form(without("seller_id"))).orderNo()).isEqualTo(ORDER_NO);
    }

    @Test
    void acceptsAnySellerWhenNoneIsConfigured() {
        var lenient = new AlipayFieldCheck(APP_ID, null);

        assertThat(lenient.check(form(with("seller_id", "2088999999999999"))).orderNo()).isEqualTo(ORDER_NO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20261126173005", "202611261730050000000000000000001", "ORD202611261730050001", "20261126173005000000004 ", "-202611261730050"})
    void refusesOrderNumbersNotOfOurShape(String orderNo) {
        assertRefused(with("out_trade_no", orderNo), Reason.ORDER_NO_INVALID);
    }

    @Test
    void acceptsOrderNumbersFrom15To32Digits() {
        assertThat(check.check(form(with("out_trade_no", "202611261730051"))).orderNo()).hasSize(15);
        assertThat(check.check(form(with("out_trade_no", "20261126173005000000000000000001"))).orderNo()).hasSize(32);
    }

    @Test
    void refusesAMissingOrderNumber() {
        assertRefused(without("out_trade_no"), Reason.ORDER_NO_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"88.8", "88", "1e2", "-1.00", "88.888", " 88.88", "８８.８８", "0x10.00"})
    void refusesAmountsThatAreNotYuanWithTwoDecimals(String amount) {
        assertRefused(with("total_amount", amount), Reason.AMOUNT_INVALID);
    }

    @Test
    void refusesAMissingAmount() {
        assertRefused(without("total_amount"), Reason.AMOUNT_INVALID);
    }

    @Test
    void refusesAMissingOrBlankTradeNumber() {
        assertRefused(without("trade_no"), Reason.TRADE_NO_INVALID);
        assertRefused(with("trade_no", "2026 1126"), Reason.TRADE_NO_INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refund_fee", "gmt_refund", "out_biz_no"})
    void marksEachRefundFieldAsARefundUpdate(String refundField) {
        assertThat(check.check(form(with(refundField, "x"))).refund()).isTrue();
    }

    @Test
    void browserReturnGetsTheApplicationSellerAndOrderChecks() {
        var ret = AlipayNotificationFixture.browserReturn(ORDER_NO);

        assertThat(check.checkOurs(form(ret))).isEqualTo(ORDER_NO);
        assertThatThrownBy(() -> check.checkOurs(form(AlipaySigner.with(ret, "app_id", "1"))))
                .isInstanceOfSatisfying(NotificationRejected.class, e -> assertThat(e.reason()).isEqualTo(Reason.APP_ID_MISMATCH));
    }

    private static Map<String, String> with(String name, String value) {
        return AlipaySigner.with(tradeSuccess(ORDER_NO), name, value);
    }

    private static Map<String, String> without(String name) {
        return AlipaySigner.without(tradeSuccess(ORDER_NO), name);
    }

    private static AlipayForm form(Map<String, String> fields) {
        return AlipayForm.parse(AlipaySigner.formBytes(fields));
    }

    private void assertRefused(Map<String, String> fields, Reason reason) {
        assertThatThrownBy(() -> check.check(form(fields)))
                .isInstanceOfSatisfying(NotificationRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
