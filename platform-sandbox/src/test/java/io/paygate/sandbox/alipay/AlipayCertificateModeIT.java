package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sandbox in public-key certificate mode, driven by the unchanged alipay-sdk-java in the
 * same mode ({@code AlipayConfig} with the three certificates, calls through
 * {@code certificateExecute}). The sandbox is given no separate app key: it takes the one its
 * app certificate certifies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=platform-sandbox",
        "paygate.sandbox.alipay.mode=CERTIFICATE",
        "paygate.sandbox.alipay.notify-retry-schedule=0s,300ms",
        "paygate.sandbox.alipay.notify-timeout=2s"})
class AlipayCertificateModeIT {

    private static final String APP_ID = "2021000000000001";
    private static final KeyPair APP_KEYS = PemKeys.generateRsa();
    private static final KeyPair PLATFORM_KEYS = PemKeys.generateRsa();
    private static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Sandbox Root", Duration.ofDays(30));
    private static final X509Certificate ALIPAY_CERT = issue(PLATFORM_KEYS, "Sandbox Alipay");
    private static final X509Certificate APP_CERT = issue(APP_KEYS, "Merchant");
    private static final MerchantEndpoint merchant = MerchantEndpoint.start();
    private static final AtomicLong orderSequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

    @LocalServerPort
    int port;
    private WebTestClient browser;
    private AlipayClient alipay;

    @DynamicPropertySource
    static void certificates(DynamicPropertyRegistry registry) {
        registry.add("paygate.sandbox.alipay.platform-private-key.value", () -> PemKeys.toPem(PLATFORM_KEYS.getPrivate()));
        registry.add("paygate.sandbox.alipay.root-cert.value", () -> AlipayCertificates.toPem(ROOT));
        registry.add("paygate.sandbox.alipay.alipay-public-cert.value", () -> AlipayCertificates.toPem(ALIPAY_CERT));
        registry.add("paygate.sandbox.alipay.app-cert.value", () -> AlipayCertificates.toPem(APP_CERT));
    }

    @AfterAll
    static void stopMerchant() {
        merchant.close();
    }

    @BeforeEach
    void merchantSide() throws AlipayApiException {
        browser = WebTestClient.bindToServer().baseUrl(base()).responseTimeout(Duration.ofSeconds(10)).build();
        alipay = merchantClient(APP_CERT, ALIPAY_CERT, AlipayCertificates.toPem(ROOT));
        browser.delete().uri("/sandbox/alipay/faults").exchange().expectStatus().isNoContent();
    }

    @Test
    void thePagePayFormCarryingTheCertificateSnsOpensTheCashier() throws Exception {
        String orderNo = newOrderNo();

        String form = alipay.pageExecute(pagePay(orderNo, "66.00"), "POST").getBody();

        assertThat(form).contains("app_cert_sn=" + AlipayCertificates.certSn(APP_CERT))
                .contains("alipay_root_cert_sn=" + AlipayCertificates.certSn(ROOT));
        assertThat(submitForm(form)).contains(orderNo).contains("66.00").contains("id=\"pay\"");
    }

    @Test
    void queryAndCloseAnswerSignedAndNamingTheAlipayCertificate() throws Exception {
        String orderNo = openedOrder("12.30");

        var query = alipay.certificateExecute(query(orderNo));
        assertThat(query.isSuccess()).as(query.getBody()).isTrue();
        assertThat(query.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(query.getBody()).contains("\"alipay_cert_sn\":\"" + AlipayCertificates.certSn(ALIPAY_CERT) + "\"");

        var closeModel = new AlipayTradeCloseModel();
        closeModel.setOutTradeNo(orderNo);
        var close = new AlipayTradeCloseRequest();
        close.setBizModel(closeModel);
        var closed = alipay.certificateExecute(close);
        assertThat(closed.isSuccess()).as(closed.getBody()).isTrue();
        assertThat(alipay.certificateExecute(query(orderNo)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void aPaidTradeIsRefundedAndItsNotificationVerifiesWithTheAlipayCertificate(@TempDir Path dir) throws Exception {
        String orderNo = openedOrder("20.00");
        browser.post().uri("/sandbox/alipay/trades/{o}/pay", orderNo).exchange().expectStatus().isOk();

        var model = new AlipayTradeRefundModel();
        model.setOutTradeNo(orderNo);
        model.setRefundAmount("5.00");
        model.setOutRequestNo(orderNo + "R1");
        var refund = new AlipayTradeRefundRequest();
        refund.setBizModel(model);
        var refunded = alipay.certificateExecute(refund);
        assertThat(refunded.isSuccess()).as(refunded.getBody()).isTrue();
        assertThat(refunded.getRefundFee()).isEqualTo("5.00");
        assertThat(refunded.getFundChange()).isEqualTo("Y");

        await().atMost(Duration.ofSeconds(5)).until(() -> !merchant.notificationsFor(orderNo).isEmpty());
        Path certFile = dir.resolve("alipayCertPublicKey_RSA2.crt");
        Files.writeString(certFile, AlipayCertificates.toPem(ALIPAY_CERT));
        var params = new HashMap<>(merchant.notificationsFor(orderNo).getFirst().params());
        assertThat(AlipaySignature.rsaCertCheckV1(params, certFile.toString(), "utf-8", "RSA2")).isTrue();
    }

    @Test
    void theSdksPlainExecuteIsRefusedInCertificateModeByTheSdkItself() {
        assertThatThrownBy(() -> alipay.execute(query(newOrderNo()))).isInstanceOf(AlipayApiException.class);
    }

    @Test
    void anAppCertificateTheApplicationDidNotRegisterIsRefused() throws Exception {
        X509Certificate anotherAppCert = issue(APP_KEYS, "Merchant");
        var stranger = merchantClient(anotherAppCert, ALIPAY_CERT, AlipayCertificates.toPem(ROOT));

        var response = stranger.certificateExecute(query(newOrderNo()));

        assertThat(response.isSuccess()).isFalse();
        assertThat(response.getCode()).isEqualTo("40002");
        assertThat(response.getSubCode()).isEqualTo("isv.app-cert-not-exist");
    }

    @Test
    void aRootTheSandboxDidNotIssueFromIsRefused() throws Exception {
        var otherRoot = AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Sandbox Root", Duration.ofDays(30));
        var confused = merchantClient(APP_CERT, ALIPAY_CERT, AlipayCertificates.toPem(otherRoot));

        var response = confused.certificateExecute(query(newOrderNo()));

        assertThat(response.getCode()).isEqualTo("40002");
        assertThat(response.getSubCode()).isEqualTo("isv.invalid-alipay-root-cert-sn");
    }

    @Test
    void aRootFileOfSeveralRootsIsAcceptedWhenItHoldsTheSandboxRoot() throws Exception {
        var otherRoot = AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Another Root", Duration.ofDays(30));
        var merchantWithTwoRoots = merchantClient(APP_CERT, ALIPAY_CERT, AlipayCertificates.toPem(otherRoot, ROOT));

        var response = merchantWithTwoRoots.certificateExecute(query(openedOrder("1.00")));

        assertThat(response.isSuccess()).as(response.getBody()).isTrue();
    }

    @Test
    void aMerchantHoldingAnOldAlipayCertificateDownloadsTheCurrentOneAndTrustsItUnderTheRoot() throws Exception {
        X509Certificate oldAlipayCert = issue(PemKeys.generateRsa(), "Sandbox Alipay");
        var behind = merchantClient(APP_CERT, oldAlipayCert, AlipayCertificates.toPem(ROOT));

        var response = behind.certificateExecute(query(openedOrder("3.00")));

        assertThat(response.isSuccess()).as(response.getBody()).isTrue();
        assertThat(response.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
    }

    @Test
    void anAnswerNamingACertificateNobodyIssuedIsRefusedByTheSdk() throws Exception {
        String orderNo = openedOrder("4.00");
        browser.post().uri("/sandbox/alipay/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"outTradeNo\":\"" + orderNo + "\",\"alipayCertSn\":\"0123456789abcdef0123456789abcdef\"}")
                .exchange().expectStatus().is2xxSuccessful();

        // the SDK asks alipay.open.app.alipaycert.download for that SN, the sandbox knows no such certificate
        assertThatThrownBy(() -> alipay.certificateExecute(query(orderNo))).isInstanceOf(AlipayApiException.class)
                .hasStackTraceContaining("支付宝公钥证书校验失败");
    }

    private AlipayClient merchantClient(X509Certificate appCert, X509Certificate alipayCert, String rootPem) throws AlipayApiException {
        var config = new AlipayConfig();
        config.setServerUrl(base() + "/alipay/gateway.do");
        config.setAppId(APP_ID);
        config.setPrivateKey(PemKeys.base64Body(PemKeys.toPem(APP_KEYS.getPrivate())));
        config.setAppCertContent(AlipayCertificates.toPem(appCert));
        config.setAlipayPublicCertContent(AlipayCertificates.toPem(alipayCert));
        config.setRootCertContent(rootPem);
        config.setSignType("RSA2");
        config.setCharset("utf-8");
        config.setFormat("json");
        return new DefaultAlipayClient(config);
    }

    private static X509Certificate issue(KeyPair subject, String name) {
        return AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), subject.getPublic(), name, Duration.ofDays(30));
    }

    private String openedOrder(String amount) throws AlipayApiException {
        String orderNo = newOrderNo();
        browser.get().uri(URI.create(alipay.pageExecute(pagePay(orderNo, amount), "GET").getBody())).exchange().expectStatus().isOk();
        return orderNo;
    }

    private static AlipayTradePagePayRequest pagePay(String orderNo, String amount) {
        var model = new AlipayTradePagePayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount(amount);
        model.setSubject("certificate mode");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(merchant.notifyUrl());
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderNo) {
        var model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNo);
        var request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }

    private String submitForm(String formHtml) {
        Matcher action = FORM_ACTION.matcher(formHtml);
        assertThat(action.find()).as(formHtml).isTrue();
        var fields = new LinkedHashMap<String, String>();
        Matcher input = INPUT.matcher(formHtml);
        while (input.find()) {
            fields.put(input.group(1), input.group(2).replace("&quot;", "\"").replace("&amp;", "&"));
        }
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.post().uri(URI.create(action.group(1).replace("&amp;", "&")))
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded;charset=utf-8"))
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static String newOrderNo() {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(LocalDateTime.now()) + orderSequence.incrementAndGet();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
