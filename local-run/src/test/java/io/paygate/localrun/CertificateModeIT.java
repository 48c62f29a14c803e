package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.devstack.Stack;
import io.paygate.localrun.Browser.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The local run with both platforms in their certificate modes: Alipay's public-key
 * certificates (PAYGATE_ALIPAY_MODE=CERTIFICATE: app, Alipay and root certificates, the SN
 * fields checked both ways) and WeChat Pay's platform certificate (PAYGATE_WECHAT_VERIFICATION=
 * PLATFORM_CERTIFICATE: the sandbox signs with it, payment-service's SDK downloads it,
 * notify-ingress trusts it). On each, a payment and a refund go through.
 */
class CertificateModeIT {

    private static LocalRun run;
    private final Browser browser = new Browser();

    @BeforeAll
    static void startTheSystem() {
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                Map.of(LocalRunSettings.WECHAT_VERIFICATION, "PLATFORM_CERTIFICATE", LocalRunSettings.ALIPAY_MODE, "CERTIFICATE")));
    }

    @AfterAll
    static void stopTheSystem() {
        run.close();
    }

    @Test
    void aNativePaymentAndItsRefundAreVerifiedWithThePlatformCertificate() {
        Page created = browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "证书模式", "customerEmail", "cert-mode@example.com", "amountFen", 4321), auth());
        String orderNo = created.json().get("orderNo").asString();
        Page payment = browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", "WECHAT", "scene", "NATIVE"), auth());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);

        browser.postJson(sandbox("/sandbox/wechat/trades/" + orderNo + "/pay"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(order(orderNo).get("status").asString()));
        // the sandbox signed as a platform certificate, the one notify-ingress was given
        JsonNode key = browser.get(sandbox("/sandbox/wechat/keys")).json().get(0);
        assertThat(key.get("signing").asString()).isEqualTo("PLATFORM_CERTIFICATE");
        assertThat(run.settings().dataDir().resolve("keys").resolve("wechat-platform-certificate.pem"))
                .content().isEqualTo(key.get("certificatePem").asString());

        Page refund = browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + orderNo + "/refunds"),
                Map.of("amountFen", 321), "Authorization", adminAuth());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(40)).until(() -> "SUCCEEDED".equals(order(orderNo).get("refunds").get(0).get("status").asString()));
    }

    @Test
    void anAlipayCashierPaymentAndItsRefundGoThroughInCertificateMode() {
        Page created = browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "证书模式", "customerEmail", "alipay-cert@example.com", "amountFen", 5432), auth());
        String orderNo = created.json().get("orderNo").asString();
        Page payment = browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", "ALIPAY", "scene", "PC"), auth());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        // the request carries the app and root certificate SNs, which the sandbox checks before it opens the cashier
        String form = payment.json().get("credential").get("formHtml").asString();
        assertThat(form).contains("app_cert_sn").contains("alipay_root_cert_sn");
        Page cashier = browser.submitFirstForm(sandbox("/alipay/gateway.do"), form);
        assertThat(cashier.status()).as(cashier.body()).isEqualTo(200);

        browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(order(orderNo).get("status").asString()));

        Page refund = browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + orderNo + "/refunds"),
                Map.of("amountFen", 432), "Authorization", adminAuth());
        assertThat(refund.status()).as(refund.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(40)).until(() -> "SUCCEEDED".equals(order(orderNo).get("refunds").get(0).get("status").asString()));
    }

    private JsonNode order(String orderNo) {
        return browser.get(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo), auth()).json();
    }

    private static String[] auth() {
        return new String[] {"Authorization", "Bearer " + run.settings().demoApiKey()};
    }

    private static String adminAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + run.settings().adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private static String sandbox(String path) {
        return url(run.settings().ports().sandbox(), path);
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }
}
