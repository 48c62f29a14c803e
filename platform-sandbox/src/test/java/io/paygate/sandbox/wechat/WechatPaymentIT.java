package io.paygate.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.app.AppServiceExtension;
import com.wechat.pay.java.service.payments.h5.H5Service;
import com.wechat.pay.java.service.payments.h5.model.H5Info;
import com.wechat.pay.java.service.payments.h5.model.SceneInfo;
import com.wechat.pay.java.service.payments.jsapi.JsapiServiceExtension;
import com.wechat.pay.java.service.payments.jsapi.model.Payer;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByIdRequest;
import io.paygate.common.keys.PemKeys;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Prepay, query, close and pay for every product, as the unchanged SDK sees them (public-key mode). */
class WechatPaymentIT extends WechatFixture {

    @Test
    void aScannedNativeOrderIsPaidNotifiedAndQueriedAsSuccess() {
        String orderNo = newOrderNo();
        String codeUrl = nativePay.prepay(nativeRequest(orderNo, 1234, orderNo)).getCodeUrl();
        assertThat(codeUrl).matches("weixin://wxpay/bizpayurl\\?pr=[0-9A-Za-z]{7}");
        assertThat(query(orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);

        String page = browser.get().uri(b -> b.path("/sandbox/wechat/scan").queryParam("code_url", "{c}").build(codeUrl))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("12.34").contains("会员 member").contains("id=\"pay\"");
        // the QR code a phone would scan, drawn on the page, ahead of its Pay button
        assertThat(page).containsPattern("<div id=\"qr\"><svg [^>]*viewBox=\"0 0 \\d+ \\d+\"");
        assertThat(page.indexOf("id=\"qr\"")).isLessThan(page.indexOf("id=\"pay\""));
        browser.post().uri("/sandbox/wechat/scan/pay").header("Content-Type", "application/x-www-form-urlencoded")
                .bodyValue("out_trade_no=" + orderNo).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("id=\"paid\""));

        var received = awaitNotifications(orderNo, 1).getFirst();
        Transaction notified = new NotificationParser(config).parse(received.requestParam(), Transaction.class);
        assertThat(notified.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(notified.getOutTradeNo()).isEqualTo(orderNo);
        assertThat(notified.getAmount().getTotal()).isEqualTo(1234);
        assertThat(notified.getMchid()).isEqualTo(MCHID);
        assertThat(notified.getAppid()).isEqualTo(APPID);
        assertThat(received.serial()).isEqualTo(PUBLIC_KEY_ID);

        Transaction paid = query(orderNo);
        assertThat(paid.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        assertThat(paid.getTransactionId()).isEqualTo(notified.getTransactionId()).hasSize(28);
        assertThat(paid.getPayer().getOpenid()).isNotBlank();
        var byId = new QueryOrderByIdRequest();
        byId.setMchid(MCHID);
        byId.setTransactionId(paid.getTransactionId());
        assertThat(nativePay.queryOrderById(byId).getOutTradeNo()).isEqualTo(orderNo);
        assertThat(sandboxTrade(orderNo).get("paidFen").asLong()).isEqualTo(1234);
        assertThat(attempts(orderNo)).singleElement().satisfies(a -> {
            assertThat(a.get("acknowledged").asBoolean()).isTrue();
            assertThat(a.get("eventType").asString()).isEqualTo("TRANSACTION.SUCCESS");
        });
    }

    @Test
    void theSameOrderWithTheSameParametersGetsTheSameCodeUrlAndOtherParametersAreRefused() {
        String orderNo = newOrderNo();
        var request = nativeRequest(orderNo, 100, orderNo);
        String first = nativePay.prepay(request).getCodeUrl();
        assertThat(nativePay.prepay(request).getCodeUrl()).isEqualTo(first);

        request.getAmount().setTotal(101);
        assertThatThrownBy(() -> nativePay.prepay(request)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(403);
            assertThat(e.getErrorCode()).isEqualTo("OUT_TRADE_NO_USED");
        });
    }

    @Test
    void prepayRefusesBrokenFieldsWithWechatCodes() {
        var zero = nativeRequest(newOrderNo(), 100, "x");
        zero.getAmount().setTotal(0);
        assertRefused(() -> nativePay.prepay(zero), 400, "PARAM_ERROR");

        var shortNo = nativeRequest("12345", 100, "x");
        assertRefused(() -> nativePay.prepay(shortNo), 400, "PARAM_ERROR");

        var badExpiry = nativeRequest(newOrderNo(), 100, "x");
        badExpiry.setTimeExpire("2024-01-01 12:00:00");
        assertRefused(() -> nativePay.prepay(badExpiry), 400, "PARAM_ERROR");

        var query = nativeRequest(newOrderNo(), 100, "x");
        query.setNotifyUrl(merchant.url("x") + "?a=b");
        assertRefused(() -> nativePay.prepay(query), 400, "PARAM_ERROR");

        var otherApp = nativeRequest(newOrderNo(), 100, "x");
        otherApp.setAppid("wx9999999999999999");
        assertRefused(() -> nativePay.prepay(otherApp), 400, "APPID_MCHID_NOT_MATCH");
    }

    @Test
    void unknownOrdersAreOrderNotExist() {
        assertRefused(() -> query("NO_SUCH_ORDER_1"), 404, "ORDER_NOT_EXIST");
        var byId = new QueryOrderByIdRequest();
        byId.setMchid(MCHID);
        byId.setTransactionId("4200000000000000000000000000");
        assertRefused(() -> nativePay.queryOrderById(byId), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void closingAnswers204AndAClosedOrderCannotBePaidOrReopened() {
        String orderNo = openedOrder(100);
        nativePay.closeOrder(close(orderNo));
        nativePay.closeOrder(close(orderNo));
        assertThat(query(orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
        browser.post().uri("/sandbox/wechat/trades/{o}/pay", orderNo).exchange().expectStatus().isEqualTo(409);
        assertRefused(() -> nativePay.prepay(nativeRequest(orderNo, 100, orderNo)), 400, "ORDER_CLOSED");
        assertRefused(() -> nativePay.closeOrder(close("NO_SUCH_ORDER_2")), 404, "ORDER_NOT_EXIST");
    }

    @Test
    void aPaidOrderCannotBeClosed() {
        String orderNo = paidOrder(100);
        assertRefused(() -> nativePay.closeOrder(close(orderNo)), 403, "TRADE_ERROR");
        assertThat(query(orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
    }

    @Test
    void anOrderPastItsTimeExpireIsClosed() {
        String orderNo = openedOrder(100);
        browser.post().uri("/sandbox/wechat/trades/{o}/backdate?days=1", orderNo).exchange().expectStatus().isOk();
        assertThat(query(orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.CLOSED);
        assertThat(sandboxTrade(orderNo).get("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void anAppPayerPaysThePrepayIdTheSdkSigned() throws Exception {
        var app = new AppServiceExtension.Builder().config(config).httpClient(http).build();
        String orderNo = newOrderNo();
        var request = new com.wechat.pay.java.service.payments.app.model.PrepayRequest();
        request.setAppid(APPID);
        request.setMchid(MCHID);
        request.setDescription("app order");
        request.setOutTradeNo(orderNo);
        request.setNotifyUrl(merchant.url(orderNo));
        var amount = new com.wechat.pay.java.service.payments.app.model.Amount();
        amount.setTotal(500);
        request.setAmount(amount);
        var invoke = app.prepayWithRequestPayment(request);
        assertThat(invoke.getPrepayId()).startsWith("wx");
        var verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(MERCHANT_KEYS.getPublic());
        verifier.update((APPID + "\n" + invoke.getTimestamp() + "\n" + invoke.getNonceStr() + "\n" + invoke.getPrepayId() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(invoke.getSign()))).isTrue();

        browser.post().uri("/sandbox/wechat/app/pay").header("Content-Type", "application/json")
                .bodyValue("{\"prepayId\":\"" + invoke.getPrepayId() + "\"}").exchange().expectStatus().isOk();
        Transaction notified = new NotificationParser(config).parse(awaitNotifications(orderNo, 1).getFirst().requestParam(),
                Transaction.class);
        assertThat(notified.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.APP);
    }

    @Test
    void aJsapiOrderIsPaidOnlyByItsOpenidAndNeedsOne() {
        var jsapi = new JsapiServiceExtension.Builder().config(config).httpClient(http).build();
        String orderNo = newOrderNo();
        var request = jsapiRequest(orderNo);
        assertRefused(() -> jsapi.prepayWithRequestPayment(request), 400, "PARAM_ERROR");

        var payer = new Payer();
        payer.setOpenid("oJsapiPayer0001");
        request.setPayer(payer);
        String prepayId = jsapi.prepayWithRequestPayment(request).getPackageVal().substring("prepay_id=".length());
        browser.post().uri("/sandbox/wechat/jsapi/pay").header("Content-Type", "application/json")
                .bodyValue("{\"prepayId\":\"" + prepayId + "\",\"openid\":\"someoneElse\"}").exchange().expectStatus().isBadRequest();
        browser.post().uri("/sandbox/wechat/jsapi/pay").header("Content-Type", "application/json")
                .bodyValue("{\"prepayId\":\"" + prepayId + "\",\"openid\":\"oJsapiPayer0001\"}").exchange().expectStatus().isOk();
        Transaction notified = new NotificationParser(config).parse(awaitNotifications(orderNo, 1).getFirst().requestParam(),
                Transaction.class);
        assertThat(notified.getPayer().getOpenid()).isEqualTo("oJsapiPayer0001");
        assertThat(notified.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.JSAPI);
    }

    @Test
    void anH5PayerPaysOnTheH5UrlAndReturnsToTheMerchant() {
        var h5 = new H5Service.Builder().httpClient(http).build();
        String orderNo = newOrderNo();
        var request = new com.wechat.pay.java.service.payments.h5.model.PrepayRequest();
        request.setAppid(APPID);
        request.setMchid(MCHID);
        request.setDescription("h5 order");
        request.setOutTradeNo(orderNo);
        request.setNotifyUrl(merchant.url(orderNo));
        var amount = new com.wechat.pay.java.service.payments.h5.model.Amount();
        amount.setTotal(300);
        request.setAmount(amount);
        assertRefused(() -> h5.prepay(request), 400, "PARAM_ERROR");

        var info = new H5Info();
        info.setType("Wap");
        var scene = new SceneInfo();
        scene.setPayerClientIp("127.0.0.1");
        scene.setH5Info(info);
        request.setSceneInfo(scene);
        String h5Url = h5.prepay(request).getH5Url();
        assertThat(h5Url).startsWith("http://localhost:8090/sandbox/wechat/h5/checkmweb?prepay_id=wx");

        String path = h5Url.substring("http://localhost:8090".length()) + "&redirect_url=http://merchant.example/back";
        browser.get().uri(java.net.URI.create(base() + path)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(page -> assertThat(page).contains("3.00").contains("redirect_url"));
        browser.post().uri("/sandbox/wechat/h5/pay").header("Content-Type", "application/x-www-form-urlencoded")
                .bodyValue("out_trade_no=" + orderNo + "&redirect_url=http%3A%2F%2Fmerchant.example%2Fback")
                .exchange().expectStatus().isSeeOther().expectHeader().location("http://merchant.example/back");
        Transaction notified = new NotificationParser(config).parse(awaitNotifications(orderNo, 1).getFirst().requestParam(),
                Transaction.class);
        assertThat(notified.getTradeType()).isEqualTo(Transaction.TradeTypeEnum.MWEB);
    }

    @Test
    void aRequestSignedWithAnotherKeyIsSignError() {
        var stranger = publicKeyConfig(PemKeys.generateRsa(), PLATFORM_KEYS, PUBLIC_KEY_ID);
        var service = new com.wechat.pay.java.service.payments.nativepay.NativePayService.Builder()
                .httpClient(http(stranger, 5_000)).build();
        assertRefused(() -> service.prepay(nativeRequest(newOrderNo(), 100, "x")), 401, "SIGN_ERROR");
        browser.get().uri("/v3/pay/transactions/out-trade-no/x123456?mchid=" + MCHID).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("SIGN_ERROR");
    }

    /** Read off the raw bytes: header names keep their case and the protocol is HTTP/1.1 (ref §10.1, §10.2). */
    @Test
    void answersAndTheir204sCarryTheSignatureHeadersInExactCaseOverHttp11() throws Exception {
        String orderNo = openedOrder(100);
        String closeBody = "{\"mchid\":\"" + MCHID + "\"}";
        String raw = rawExchange("POST", "/v3/pay/transactions/out-trade-no/" + orderNo + "/close", closeBody);
        assertThat(raw).startsWith("HTTP/1.1 204");
        assertThat(raw).contains("\r\nWechatpay-Nonce: ", "\r\nWechatpay-Signature: ", "\r\nWechatpay-Timestamp: ",
                "\r\nWechatpay-Serial: " + PUBLIC_KEY_ID, "\r\nRequest-ID: ");
        String missing = rawExchange("GET", "/v3/pay/transactions/out-trade-no/NO_SUCH_ORDER_3?mchid=" + MCHID, "");
        assertThat(missing).startsWith("HTTP/1.1 404").contains("\r\nWechatpay-Signature: ")
                .contains("{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");
    }

    private String rawExchange(String method, String pathAndQuery, String body) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String nonce = "N0nce" + System.nanoTime();
        var signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(MERCHANT_KEYS.getPrivate());
        signer.update((method + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
        String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + MCHID + "\",nonce_str=\"" + nonce + "\",timestamp=\""
                + timestamp + "\",serial_no=\"" + MERCHANT_SERIAL + "\",signature=\""
                + Base64.getEncoder().encodeToString(signer.sign()) + "\"";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (var socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write((method + " " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                    + "User-Agent: raw-test\r\nContent-Type: application/json\r\nConnection: close\r\nWechatpay-Serial: "
                    + PUBLIC_KEY_ID + "\r\nAuthorization: " + authorization + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            var out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest jsapiRequest(String orderNo) {
        var request = new com.wechat.pay.java.service.payments.jsapi.model.PrepayRequest();
        request.setAppid(APPID);
        request.setMchid(MCHID);
        request.setDescription("jsapi order");
        request.setOutTradeNo(orderNo);
        request.setNotifyUrl(merchant.url(orderNo));
        var amount = new com.wechat.pay.java.service.payments.jsapi.model.Amount();
        amount.setTotal(200);
        request.setAmount(amount);
        return request;
    }

    private static CloseOrderRequest close(String orderNo) {
        var request = new CloseOrderRequest();
        request.setMchid(MCHID);
        request.setOutTradeNo(orderNo);
        return request;
    }

    static void assertRefused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.getHttpStatusCode()).isEqualTo(status);
            assertThat(e.getErrorCode()).isEqualTo(code);
        });
    }
}
