package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Each fault switch of {@code POST /sandbox/alipay/faults}, observed from the merchant's side. */
class AlipayFaultsIT extends SandboxFixture {

    @Test
    void aDroppedNotificationNeverArrives() throws Exception {
        String orderNo = openedOrder("1.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"dropNotifications\":true}");

        pay(orderNo);

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> merchant.notificationsFor(orderNo).isEmpty());
        assertThat(attempts(orderNo)).isEmpty();
    }

    @Test
    void aDuplicatedNotificationArrivesAgainWithTheSameNotifyId() throws Exception {
        String orderNo = openedOrder("1.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"extraDeliveries\":2}");

        pay(orderNo);

        await().atMost(Duration.ofSeconds(5)).until(() -> merchant.notificationsFor(orderNo).size() == 3);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> merchant.notificationsFor(orderNo).size() == 3);
        assertThat(merchant.notificationsFor(orderNo).stream().map(n -> n.params().get("notify_id")).distinct()).hasSize(1);
    }

    @Test
    void aDelayedNotificationArrivesLate() throws Exception {
        String orderNo = openedOrder("1.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"notifyDelayMillis\":1500}");

        pay(orderNo);

        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2)).until(() -> merchant.notificationsFor(orderNo).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> merchant.notificationsFor(orderNo).size() == 1);
    }

    @Test
    void reorderDeliversTheOlderStatusAfterTheNewerOne() throws Exception {
        String orderNo = paidOrder("2.00");
        awaitNotifications(orderNo, 1);
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"reorder\":true}");

        alipay.execute(refund(orderNo, "2.00", "R1"));

        awaitNotifications(orderNo, 3);
        var received = merchant.notificationsFor(orderNo);
        assertThat(received.get(1).params()).containsEntry("trade_status", "TRADE_CLOSED");
        assertThat(received.get(2).params()).containsEntry("trade_status", "TRADE_SUCCESS").doesNotContainKey("refund_fee");
        assertThat(received.get(2).params().get("notify_id")).isEqualTo(received.get(0).params().get("notify_id"));
    }

    @Test
    void aNotificationSignedWithAWrongKeyFailsTheSdkCheck() throws Exception {
        String orderNo = openedOrder("1.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"wrongSignKey\":true}");

        pay(orderNo);

        awaitNotifications(orderNo, 1);
        var params = merchant.notificationsFor(orderNo).getFirst().params();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), PLATFORM_PUBLIC, "utf-8", "RSA2")).isFalse();
    }

    @Test
    void mismatchedAmountAppIdAndSellerIdAreSentCorrectlySigned() throws Exception {
        String orderNo = openedOrder("9.99");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"notifyTotalAmount\":\"0.01\",\"notifyAppId\":\"2021009999999999\","
                + "\"notifySellerId\":\"2088009999999999\"}");

        pay(orderNo);

        awaitNotifications(orderNo, 1);
        var params = merchant.notificationsFor(orderNo).getFirst().params();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(params), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        assertThat(params).containsEntry("total_amount", "0.01").containsEntry("app_id", "2021009999999999")
                .containsEntry("seller_id", "2088009999999999");
        assertThat(sandboxTrade(orderNo).get("totalAmount").asString()).isEqualTo("9.99");
    }

    @Test
    void gatewayCallsForTheOrderAnswerUnknownErrorAndChangeNothing() throws Exception {
        String orderNo = paidOrder("5.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"gateway\":\"UNKNOWN_ERROR\"}");

        var response = alipay.execute(refund(orderNo, "1.00", "R1"));

        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("20000");
        assertThat(response.getSubCode()).isEqualTo("isp.unknow-error");
        assertThat(sandboxTrade(orderNo).get("refundedFen").asLong()).isZero();
        browser.delete().uri("/sandbox/alipay/faults?outTradeNo={o}", orderNo).exchange().expectStatus().isNoContent();
        assertThat(alipay.execute(refund(orderNo, "1.00", "R1")).isSuccess()).isTrue();
    }

    @Test
    void gatewayCallsForTheOrderCanFailWithHttp500() throws Exception {
        String orderNo = paidOrder("5.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"gateway\":\"HTTP_500\"}");

        assertThatThrownBy(() -> alipay.execute(refund(orderNo, "1.00", "R1"))).isInstanceOf(AlipayApiException.class);
        assertThat(sandboxTrade(orderNo).get("refundedFen").asLong()).isZero();
    }

    @Test
    void gatewayCallsForTheOrderCanHangBeyondTheReadTimeout() throws Exception {
        String orderNo = paidOrder("5.00");
        fault("{\"outTradeNo\":\"" + orderNo + "\",\"gateway\":\"HANG\",\"hangMillis\":2500}");
        var impatient = merchantClient(1_000);

        long started = System.nanoTime();
        assertThatThrownBy(() -> impatient.execute(refund(orderNo, "1.00", "R1"))).isInstanceOf(AlipayApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2400));

        // the hung call is handled after the hang: the merchant did not see it, the platform did it
        await().atMost(Duration.ofSeconds(5)).until(() -> sandboxTrade(orderNo).get("refundedFen").asLong() == 100);
    }

    @Test
    void anInvalidFaultIsRefused() {
        browser.post().uri("/sandbox/alipay/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"gateway\":\"HANG\"}").exchange().expectStatus().isBadRequest();
    }

    private void fault(String json) {
        browser.post().uri("/sandbox/alipay/faults").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isOk();
    }
}
