package io.paygate.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.AlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import io.paygate.common.keys.PemKeys;
import io.paygate.payment.platform.PlatformTrade;
import io.paygate.sandbox.PlatformSandboxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * payment-service's Alipay client in certificate mode against the sandbox in certificate mode:
 * the calls AlipayGateway makes (page pay, query, close, refund, all through {@code execute})
 * work unchanged, because the factory's client routes {@code execute} to {@code certificateExecute};
 * and AlipayGateway itself, built in that mode.
 */
class AlipayCertificateModeIT {

    private static final String NO_DATABASE = String.join(",",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
    private static final AtomicLong orderSequence = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static ConfigurableApplicationContext sandbox;
    private static String baseUrl;
    private static AlipayClient alipay;

    @BeforeAll
    static void sandboxInCertificateMode() throws Exception {
        sandbox = PlatformSandboxApplication.builder().run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.autoconfigure.exclude=" + NO_DATABASE,
                "--paygate.sandbox.alipay.mode=CERTIFICATE",
                "--paygate.sandbox.alipay.platform-private-key.value=" + PemKeys.toPem(AlipayCertificateSettingsTest.PLATFORM.getPrivate()),
                "--paygate.sandbox.alipay.root-cert.value=" + AlipayCertificateSettingsTest.ROOT_PEM,
                "--paygate.sandbox.alipay.alipay-public-cert.value=" + AlipayCertificateSettingsTest.ALIPAY_CERT,
                "--paygate.sandbox.alipay.app-cert.value=" + AlipayCertificateSettingsTest.APP_CERT,
                "--paygate.sandbox.alipay.notify-retry-schedule=0s",
                "--paygate.sandbox.alipay.notify-timeout=1s");
        baseUrl = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
        alipay = AlipayClients.create(AlipayCertificateSettingsTest.certificateMode(URI.create(baseUrl + "/alipay/gateway.do"),
                AlipayCertificateSettingsTest.APP_CERT, AlipayCertificateSettingsTest.ALIPAY_CERT, AlipayCertificateSettingsTest.ROOT_PEM));
    }

    /**
     * Closed when the JVM ends, not after this class: closing a web application context in this JVM
     * disposes Reactor Netty's shared resources, and the other sandbox (SandboxStack) that later
     * test classes use would stop answering.
     */
    @AfterAll
    static void stopSandboxWithTheJvm() {
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "certificate-sandbox-stop"));
    }

    @Test
    void aPagePayOrderIsOpenedQueriedAndClosed() throws Exception {
        String orderNo = newOrderNo();
        var pagePay = pagePay(orderNo);

        assertThat(alipay.pageExecute(pagePay, "POST").getBody()).contains("<form").contains("app_cert_sn=");
        assertThat(get(alipay.pageExecute(pagePay, "GET").getBody())).contains(orderNo);

        var query = alipay.execute(query(orderNo));
        assertThat(query.isSuccess()).as(query.getBody()).isTrue();
        assertThat(query.getTradeStatus()).isEqualTo("WAIT_BUYER_PAY");
        var closeModel = new AlipayTradeCloseModel();
        closeModel.setOutTradeNo(orderNo);
        var close = new AlipayTradeCloseRequest();
        close.setBizModel(closeModel);
        assertThat(alipay.execute(close).isSuccess()).isTrue();
        assertThat(alipay.execute(query(orderNo)).getTradeStatus()).isEqualTo("TRADE_CLOSED");
    }

    @Test
    void aPaidOrderIsRefunded() throws Exception {
        String orderNo = newOrderNo();
        get(alipay.pageExecute(pagePay(orderNo), "GET").getBody());
        post(baseUrl + "/sandbox/alipay/trades/" + orderNo + "/pay");

        var model = new AlipayTradeRefundModel();
        model.setOutTradeNo(orderNo);
        model.setRefundAmount("10.00");
        model.setOutRequestNo(orderNo + "R1");
        var refund = new AlipayTradeRefundRequest();
        refund.setBizModel(model);
        var refunded = alipay.execute(refund);

        assertThat(refunded.isSuccess()).as(refunded.getBody()).isTrue();
        assertThat(refunded.getRefundFee()).isEqualTo("10.00");
        assertThat(alipay.execute(query(orderNo)).getTradeStatus()).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void theGatewayBuiltForCertificateModePaysQueriesAndClosesThroughTheSandbox() throws Exception {
        var gateway = new AlipayGateway(AlipayCertificateSettingsTest.certificateMode(URI.create(baseUrl + "/alipay/gateway.do"),
                AlipayCertificateSettingsTest.APP_CERT, AlipayCertificateSettingsTest.ALIPAY_CERT, AlipayCertificateSettingsTest.ROOT_PEM));
        String orderNo = newOrderNo();

        var page = gateway.pagePay(orderNo, "certificate mode", 8888, Instant.now().plus(Duration.ofMinutes(15))).block(WAIT);
        assertThat(get(page.redirectUrl())).contains(orderNo);

        assertThat(gateway.query(orderNo).block(WAIT)).isInstanceOf(PlatformTrade.Waiting.class);
        assertThat(gateway.close(orderNo).block(WAIT)).isInstanceOf(PlatformTrade.Closed.class);
    }

    @Test
    void anUnknownOrderIsABusinessFailureNotAnException() throws Exception {
        var query = alipay.execute(query(newOrderNo()));

        assertThat(query.isSuccess()).isFalse();
        assertThat(query.getSubCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    private static AlipayTradePagePayRequest pagePay(String orderNo) {
        var model = new AlipayTradePagePayModel();
        model.setOutTradeNo(orderNo);
        model.setTotalAmount("88.88");
        model.setSubject("certificate mode");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl("http://127.0.0.1:9/notify/alipay");
        return request;
    }

    private static AlipayTradeQueryRequest query(String orderNo) {
        var model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderNo);
        var request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        return request;
    }

    private static String get(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static void post(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static String newOrderNo() {
        return "20261126" + orderSequence.incrementAndGet();
    }
}
