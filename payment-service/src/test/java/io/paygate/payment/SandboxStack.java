package io.paygate.payment;

import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SharedStack;
import io.paygate.sandbox.PlatformSandboxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform sandbox, started in this JVM once (as the local run starts it), and the
 * properties that point payment-service at it and at the shared Kafka and PostgreSQL.
 */
public final class SandboxStack {

    /** The sandbox keeps no database and no Kafka; the test classpath has both starters. */
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

    public static final String ALIPAY_APP_ID = "2021000000000001";
    public static final String WECHAT_MCHID = "1900000001";
    public static final String WECHAT_APPID = "wx0000000000000001";
    public static final String WECHAT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public static final String WECHAT_PUBLIC_KEY_ID = "PUB_KEY_ID_0119000000012025010100000000000001";
    public static final String WECHAT_API_V3_KEY = "sandboxApiV3Key0123456789abcdefg";
    public static final KeyPair WECHAT_MERCHANT = PemKeys.generateRsa();
    public static final KeyPair WECHAT_PLATFORM = PemKeys.generateRsa();
    private static final KeyPair ALIPAY_APP = PemKeys.generateRsa();
    private static final KeyPair ALIPAY_PLATFORM = PemKeys.generateRsa();
    private static SandboxStack instance;

    private final ConfigurableApplicationContext sandbox;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxStack() {
        // a port known before the start, so links the sandbox hands out (bill downloads) point at it
        int port = io.paygate.devstack.Ports.free();
        sandbox = PlatformSandboxApplication.builder().run(
                "--server.port=" + port,
                "--paygate.sandbox.alipay.public-base-url=http://127.0.0.1:" + port,
                "--spring.main.banner-mode=off",
                "--spring.autoconfigure.exclude=" + NO_DATABASE,
                "--paygate.sandbox.alipay.platform-private-key.value=" + PemKeys.toPem(ALIPAY_PLATFORM.getPrivate()),
                "--paygate.sandbox.alipay.app-public-key.value=" + PemKeys.toPem(ALIPAY_APP.getPublic()),
                // notifications go nowhere in these tests: one quick attempt
                "--paygate.sandbox.alipay.notify-retry-schedule=0s",
                "--paygate.sandbox.alipay.notify-timeout=1s",
                "--paygate.sandbox.wechat.enabled=true",
                "--paygate.sandbox.wechat.mchid=" + WECHAT_MCHID,
                "--paygate.sandbox.wechat.appid=" + WECHAT_APPID,
                "--paygate.sandbox.wechat.merchant-serial=" + WECHAT_SERIAL,
                "--paygate.sandbox.wechat.merchant-public-key.value=" + PemKeys.toPem(WECHAT_MERCHANT.getPublic()),
                "--paygate.sandbox.wechat.platform-private-key.value=" + PemKeys.toPem(WECHAT_PLATFORM.getPrivate()),
                "--paygate.sandbox.wechat.public-key-id=" + WECHAT_PUBLIC_KEY_ID,
                "--paygate.sandbox.wechat.api-v3-key=" + WECHAT_API_V3_KEY,
                "--paygate.sandbox.wechat.notify-retry-schedule=0s",
                "--paygate.sandbox.wechat.notify-timeout=1s",
                "--paygate.sandbox.wechat.refund-delay=0s");
        baseUrl = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
    }

    public static synchronized SandboxStack get() {
        if (instance == null) {
            instance = new SandboxStack();
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** payment-service on the shared stack (its own database) and this sandbox, Alipay enabled, WeChat off. */
    public Map<String, String> paymentServiceProperties(String database) {
        var props = new LinkedHashMap<>(SharedStack.get().serviceProperties(database));
        props.put("paygate.payment.order-service-url", "http://127.0.0.1:9");
        props.put("paygate.payment.admin.password", "admin-secret");
        props.put("paygate.alipay.app-id", ALIPAY_APP_ID);
        props.put("paygate.alipay.gateway-url", baseUrl + "/alipay/gateway.do");
        props.put("paygate.alipay.app-private-key.value", PemKeys.toPem(ALIPAY_APP.getPrivate()));
        props.put("paygate.alipay.alipay-public-key.value", PemKeys.toPem(ALIPAY_PLATFORM.getPublic()));
        props.put("paygate.alipay.notify-url", "http://127.0.0.1:9/notify/alipay");
        props.put("paygate.alipay.return-url", "http://127.0.0.1:9/return/alipay");
        return props;
    }

    /** {@link #paymentServiceProperties} with WeChat Pay on too, against this sandbox's WeChat Pay (public-key mode). */
    public Map<String, String> paymentServicePropertiesWithWechat(String database) {
        var props = new LinkedHashMap<>(paymentServiceProperties(database));
        props.put("paygate.wechat.enabled", "true");
        props.put("paygate.wechat.mchid", WECHAT_MCHID);
        props.put("paygate.wechat.appid", WECHAT_APPID);
        props.put("paygate.wechat.merchant-serial", WECHAT_SERIAL);
        props.put("paygate.wechat.merchant-private-key.value", PemKeys.toPem(WECHAT_MERCHANT.getPrivate()));
        props.put("paygate.wechat.api-v3-key", WECHAT_API_V3_KEY);
        props.put("paygate.wechat.verification", "PUBLIC_KEY");
        props.put("paygate.wechat.public-key-id", WECHAT_PUBLIC_KEY_ID);
        props.put("paygate.wechat.public-key.value", PemKeys.toPem(WECHAT_PLATFORM.getPublic()));
        props.put("paygate.wechat.base-url", baseUrl);
        props.put("paygate.wechat.notify-url", "http://127.0.0.1:9/notify/wechat/payment");
        props.put("paygate.wechat.refund-notify-url", "http://127.0.0.1:9/notify/wechat/refund");
        return props;
    }

    /** What a buyer's browser does with a cashier URL: opens it, which creates the trade at the sandbox. */
    public void open(String cashierUrl) {
        expect(200, HttpRequest.newBuilder(URI.create(cashierUrl)).GET().build());
    }

    /** The sandbox's WeChat Pay "pay" for an order (as if its QR code was scanned and paid). */
    public void payWechat(String orderNo) {
        expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/wechat/trades/" + orderNo + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public String wechatTrade(String orderNo) {
        return expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/wechat/trades/" + orderNo)).GET().build());
    }

    /** The sandbox's "pay" button. */
    public void payAlipay(String orderNo) {
        expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/alipay/trades/" + orderNo + "/pay"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public String alipayTrade(String orderNo) {
        return expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/alipay/trades/" + orderNo)).GET().build());
    }

    /** Moves an Alipay trade's times (payment, refunds) {@code days} into the past, onto an earlier day's bill. */
    public String backdateAlipay(String orderNo, int days) {
        return expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/alipay/trades/" + orderNo + "/backdate?days=" + days))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Moves a WeChat Pay order's times (payment, refunds) {@code days} into the past, onto an earlier day's bill. */
    public String backdateWechat(String orderNo, int days) {
        return expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/wechat/trades/" + orderNo + "/backdate?days=" + days))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Makes downloads of an Alipay bill of that day fail (HTTP 500), or work again. */
    public void failAlipayBillDownloads(java.time.LocalDate day, boolean failing) {
        var uri = URI.create(baseUrl + "/sandbox/alipay/bills/" + day + "/fault");
        expect(204, failing ? HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build()
                : HttpRequest.newBuilder(uri).DELETE().build());
    }

    /** Sets Alipay gateway faults for one order (JSON as the sandbox's TradeFaults). */
    public void alipayFaults(String json) {
        expect(200, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/alipay/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public void clearAlipayFaults(String orderNo) {
        expect(204, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/alipay/faults?outTradeNo=" + orderNo)).DELETE().build());
    }

    private String expect(int status, HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
