package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.AlipayApiException;
import com.alipay.api.domain.AlipayTradeAppPayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeAppPayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** App pay: the order string from the real SDK's {@code sdkExecute}, paid through the sandbox's app endpoint. */
class AlipayAppPayIT extends SandboxFixture {

    @Test
    void anOrderStringFromSdkExecuteIsPaidAndNotifiedLikeAnyPayment() throws Exception {
        String orderNo = newOrderNo();
        String orderString = alipay.sdkExecute(appPay(orderNo, "12.34")).getBody();
        assertThat(orderString).contains("method=alipay.trade.app.pay").contains("sign=");

        JsonNode trade = JSON.readTree(browser.post().uri("/sandbox/alipay/app/pay").contentType(MediaType.TEXT_PLAIN)
                .bodyValue(orderString).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());

        assertThat(trade.get("status").asString()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.get("method").asString()).isEqualTo("alipay.trade.app.pay");
        assertThat(trade.get("totalAmount").asString()).isEqualTo("12.34");
        awaitNotifications(orderNo, 1);
        var notification = merchant.notificationsFor(orderNo).getFirst().params();
        assertThat(AlipaySignature.rsaCheckV1(new HashMap<>(notification), PLATFORM_PUBLIC, "utf-8", "RSA2")).isTrue();
        assertThat(notification).containsEntry("trade_status", "TRADE_SUCCESS").containsEntry("total_amount", "12.34")
                .containsEntry("out_trade_no", orderNo).containsEntry("app_id", APP_ID);
        assertThat(alipay.execute(query(orderNo)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void theOrderStringMayComeAsTheFormFieldOrderString() throws Exception {
        String orderNo = newOrderNo();
        String orderString = alipay.sdkExecute(appPay(orderNo, "1.00")).getBody();

        browser.post().uri("/sandbox/alipay/app/pay").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("orderString=" + URLEncoder.encode(orderString, StandardCharsets.UTF_8))
                .exchange().expectStatus().isOk();

        assertThat(sandboxTrade(orderNo).get("status").asString()).isEqualTo("TRADE_SUCCESS");
        browser.post().uri("/sandbox/alipay/app/pay").contentType(MediaType.TEXT_PLAIN).bodyValue(orderString)
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody(String.class).value(problem -> assertThat(problem).contains("ACQ.TRADE_HAS_SUCCESS"));
    }

    @Test
    void aTamperedOrderStringIsRefusedWithTheInvalidSignatureSubCode() throws Exception {
        String orderNo = newOrderNo();
        String orderString = alipay.sdkExecute(appPay(orderNo, "12.34")).getBody();
        String tampered = orderString.replace(URLEncoder.encode("\"12.34\"", StandardCharsets.UTF_8),
                URLEncoder.encode("\"0.01\"", StandardCharsets.UTF_8));
        assertThat(tampered).isNotEqualTo(orderString);

        browser.post().uri("/sandbox/alipay/app/pay").contentType(MediaType.TEXT_PLAIN).bodyValue(tampered)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(problem -> assertThat(problem).contains("isv.invalid-signature"));
        browser.get().uri("/sandbox/alipay/trades/{o}", orderNo).exchange().expectStatus().isNotFound();
        assertThat(merchant.notificationsFor(orderNo)).isEmpty();
    }

    @Test
    void anOrderStringForAnotherMethodIsNotAnAppPayment() throws Exception {
        String pageUrl = alipay.pageExecute(pagePay(newOrderNo()), "GET").getBody();
        String query = pageUrl.substring(pageUrl.indexOf('?') + 1);

        browser.post().uri("/sandbox/alipay/app/pay").contentType(MediaType.TEXT_PLAIN).bodyValue(query)
                .exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(problem -> assertThat(problem).contains("isv.invalid-method"));
    }

    private static AlipayTradeAppPayRequest appPay(String orderNo, String amount) {
        var model = new AlipayTradeAppPayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount(amount);
        model.setSubject("App 会员");
        model.setProductCode("QUICK_MSECURITY_PAY");
        var request = new AlipayTradeAppPayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(merchant.notifyUrl());
        return request;
    }

    private static com.alipay.api.request.AlipayTradePagePayRequest pagePay(String orderNo) {
        var model = new com.alipay.api.domain.AlipayTradePagePayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount("1.00");
        model.setSubject("page");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new com.alipay.api.request.AlipayTradePagePayRequest();
        request.setBizModel(model);
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderNo) throws AlipayApiException {
        var model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNo);
        var request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }
}
