package io.paygate.sandbox.wechat;

import static io.paygate.sandbox.wechat.WechatPaymentIT.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Retries and every fault switch, as a merchant using the SDK's NotificationParser sees them. */
class WechatFaultsIT extends WechatFixture {

    @Test
    void anUnacknowledgedNotificationIsRetriedOnTheScheduleWithTheSameIdUntil2xx() {
        String orderNo = openedOrder(100);
        merchant.answer(orderNo, 500, 404, 204);
        pay(orderNo);
        var received = awaitNotifications(orderNo, 3);
        assertThat(received.stream().map(r -> JSON.readTree(r.body()).get("id").asString()).distinct()).hasSize(1);
        assertThat(received.stream().map(NotifyEndpoint.Received::nonce).distinct()).hasSize(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(orderNo).size() == 3);
        assertThat(attempts(orderNo)).extracting(a -> a.get("httpStatus").asInt()).containsExactly(500, 404, 204);
        assertThat(attempts(orderNo)).extracting(a -> a.get("acknowledged").asBoolean()).containsExactly(false, false, true);
    }

    @Test
    void aDroppedNotificationIsNeverDeliveredThoughTheOrderIsPaid() {
        String orderNo = openedOrder(100);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"dropNotifications\":true}");
        pay(orderNo);
        assertThat(attempts(orderNo)).isEmpty();
        assertThat(query(orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        browser.post().uri("/sandbox/wechat/trades/{o}/notify", orderNo).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void duplicatesCarryTheSameIdAndAllParse() {
        String orderNo = openedOrder(100);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"extraDeliveries\":2}");
        pay(orderNo);
        var received = awaitNotifications(orderNo, 3);
        assertThat(received.stream().map(r -> JSON.readTree(r.body()).get("id").asString()).collect(Collectors.toSet())).hasSize(1);
        received.forEach(r -> assertThat(new NotificationParser(config).parse(r.requestParam(), Transaction.class)
                .getOutTradeNo()).isEqualTo(orderNo));
        browser.post().uri("/sandbox/wechat/trades/{o}/notify", orderNo).exchange().expectStatus().isOk();
        awaitNotifications(orderNo, 4);
    }

    @Test
    void aNotificationWithAnInvalidSignatureFailsTheSdksCheck() {
        String orderNo = openedOrder(100);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"wrongSignature\":true}");
        pay(orderNo);
        var received = awaitNotifications(orderNo, 1).getFirst();
        assertThatThrownBy(() -> new NotificationParser(config).parse(received.requestParam(), Transaction.class))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void tamperedFieldsArriveCorrectlySignedAndEncrypted() {
        String orderNo = openedOrder(1000);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"notifyAmountFen\":1,\"notifyMchid\":\"1900009999\","
                + "\"notifyAppid\":\"wx9999999999999999\"}");
        pay(orderNo);
        Transaction notified = new NotificationParser(config).parse(awaitNotifications(orderNo, 1).getFirst().requestParam(),
                Transaction.class);
        assertThat(notified.getAmount().getTotal()).isEqualTo(1);
        assertThat(notified.getMchid()).isEqualTo("1900009999");
        assertThat(notified.getAppid()).isEqualTo("wx9999999999999999");
        assertThat(query(orderNo).getAmount().getTotal()).isEqualTo(1000);
    }

    @Test
    void aSignatureProbeComesFirstAndIsNeverTakenForTheRealNotification() {
        String orderNo = openedOrder(100);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"signTestProbe\":true}");
        merchant.answer(orderNo, 401);
        pay(orderNo);
        var received = awaitNotifications(orderNo, 2);
        assertThat(received.getFirst().signature()).startsWith("WECHATPAY/SIGNTEST/");
        // the probe's signature is not even Base64: the SDK throws IllegalArgumentException, not ValidationException
        assertThatThrownBy(() -> new NotificationParser(config).parse(received.getFirst().requestParam(), Transaction.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new NotificationParser(config).parse(received.get(1).requestParam(), Transaction.class).getOutTradeNo())
                .isEqualTo(orderNo);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts(orderNo).size() == 2);
        assertThat(attempts(orderNo)).extracting(a -> a.get("trigger").asString()).containsExactly("PROBE", "SCHEDULE");
    }

    @Test
    void aRefundNotificationCanBeSentToThePaymentUrl() {
        String orderNo = paidOrder(300);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"refundNotifyToPaymentUrl\":true}");
        refunds.create(WechatRefundIT.refund(orderNo, orderNo + "R1", 300, 300, orderNo + "-refund"));
        var received = awaitNotifications(orderNo, 2).get(1);
        assertThat(JSON.readTree(received.body()).get("event_type").asString()).isEqualTo("REFUND.SUCCESS");
        assertThat(new NotificationParser(config).parse(received.requestParam(), RefundNotification.class).getOutTradeNo())
                .isEqualTo(orderNo);
        assertThat(merchant.receivedBy(orderNo + "-refund")).isEmpty();
    }

    @Test
    void apiFaultsAnswerSystemErrorRateLimitBadSignaturesOrNotInTime() {
        String orderNo = openedOrder(100);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"api\":\"SYSTEM_ERROR\"}");
        assertRefused(() -> query(orderNo), 500, "SYSTEM_ERROR");
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"api\":\"FREQUENCY_LIMITED\"}");
        assertRefused(() -> query(orderNo), 429, "FREQUENCY_LIMITED");
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"api\":\"BAD_SIGNATURE\"}");
        assertThatThrownBy(() -> query(orderNo)).isInstanceOf(ValidationException.class);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"api\":\"STALE_TIMESTAMP\"}");
        assertThatThrownBy(() -> query(orderNo)).isInstanceOf(IllegalArgumentException.class);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"api\":\"HANG\",\"hangMillis\":3000}");
        var impatient = new NativePayService.Builder().httpClient(http(config, 500)).build();
        var request = new com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest();
        request.setMchid(MCHID);
        request.setOutTradeNo(orderNo);
        assertThatThrownBy(() -> impatient.queryOrderByOutTradeNo(request)).isInstanceOf(HttpException.class);
    }

    @Test
    void refundsCanMeetAnEmptyMerchantBalance() {
        String orderNo = paidOrder(100);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"api\":\"NOT_ENOUGH\"}");
        assertRefused(() -> refunds.create(WechatRefundIT.refund(orderNo, orderNo + "R1", 100, 100, null)), 403, "NOT_ENOUGH");
    }

    @Test
    void reorderedNotificationsDeliverTheOlderOneAgainAfterTheNewer() {
        String orderNo = paidOrder(400);
        setFaults("{\"outTradeNo\":\"" + orderNo + "\",\"reorder\":true,\"notifyDelayMillis\":100}");
        refunds.create(WechatRefundIT.refund(orderNo, orderNo + "R1", 400, 400, orderNo));
        var received = awaitNotifications(orderNo, 3);
        assertThat(received).extracting(r -> JSON.readTree(r.body()).get("event_type").asString())
                .containsExactly("TRANSACTION.SUCCESS", "REFUND.SUCCESS", "TRANSACTION.SUCCESS");
        assertThat(JSON.readTree(received.get(2).body()).get("id").asString())
                .isEqualTo(JSON.readTree(received.getFirst().body()).get("id").asString());
    }
}
