package io.paygate.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** paygate.alipay.mode=CERTIFICATE: the three certificates required and checked at start, each error naming its key. */
class AlipayCertificateSettingsTest {

    static final KeyPair APP = PemKeys.generateRsa();
    static final KeyPair PLATFORM = PemKeys.generateRsa();
    static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Sandbox Root", Duration.ofDays(30));
    static final String ROOT_PEM = AlipayCertificates.toPem(ROOT);
    static final String APP_CERT = certificate(APP);
    static final String ALIPAY_CERT = certificate(PLATFORM);

    static AlipaySettings certificateMode(URI gateway, String appCert, String alipayCert, String rootCert) {
        return new AlipaySettings(true, "2021000000000001", gateway, new KeySource(PemKeys.toPem(APP.getPrivate()), null), null,
                URI.create("http://notify.example/notify/alipay"), URI.create("http://notify.example/return/alipay"),
                AlipaySettings.Mode.CERTIFICATE, new KeySource(appCert, null), new KeySource(alipayCert, null),
                new KeySource(rootCert, null));
    }

    static String certificate(KeyPair subject) {
        return AlipayCertificates.toPem(AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), subject.getPublic(), "Leaf",
                Duration.ofDays(30)));
    }

    @Test
    void bindsCertificateModeWithoutAnAlipayPublicKey() {
        var properties = Map.of(
                "paygate.alipay.app-id", "2021000000000001",
                "paygate.alipay.notify-url", "http://notify.example/notify/alipay",
                "paygate.alipay.return-url", "http://notify.example/return/alipay",
                "paygate.alipay.app-private-key.value", PemKeys.toPem(APP.getPrivate()),
                "paygate.alipay.mode", "CERTIFICATE",
                "paygate.alipay.app-cert.value", APP_CERT,
                "paygate.alipay.alipay-public-cert.value", ALIPAY_CERT,
                "paygate.alipay.root-cert.value", ROOT_PEM);

        var settings = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("paygate.alipay", AlipaySettings.class);

        assertThat(settings.mode()).isEqualTo(AlipaySettings.Mode.CERTIFICATE);
        assertThat(settings.gatewayUrl()).isEqualTo(URI.create("https://openapi.alipay.com/gateway.do"));
    }

    @Test
    void publicKeyModeStaysTheDefault() {
        assertThat(AlipayGatewayTest.settings().mode()).isEqualTo(AlipaySettings.Mode.PUBLIC_KEY);
    }

    @Test
    void eachMissingCertificateIsNamedWithItsVariables() {
        URI gateway = URI.create("http://x");
        assertThatThrownBy(() -> certificateMode(gateway, null, ALIPAY_CERT, ROOT_PEM))
                .hasMessageContaining("paygate.alipay.app-cert is required while paygate.alipay.mode=CERTIFICATE")
                .hasMessageContaining("PAYGATE_ALIPAY_APP_CERT_FILE");
        assertThatThrownBy(() -> certificateMode(gateway, APP_CERT, null, ROOT_PEM))
                .hasMessageContaining("paygate.alipay.alipay-public-cert is required").hasMessageContaining("PAYGATE_ALIPAY_PUBLIC_CERT_FILE");
        assertThatThrownBy(() -> certificateMode(gateway, APP_CERT, ALIPAY_CERT, null))
                .hasMessageContaining("paygate.alipay.root-cert is required").hasMessageContaining("PAYGATE_ALIPAY_ROOT_CERT_FILE");
    }

    @Test
    void refusesAnAppCertificateOverAnotherKeyThanTheAppPrivateKey() {
        assertThatThrownBy(() -> certificateMode(URI.create("http://x"), certificate(PemKeys.generateRsa()), ALIPAY_CERT, ROOT_PEM))
                .hasMessageContaining("paygate.alipay.app-cert certifies another key than paygate.alipay.app-private-key");
    }

    @Test
    void refusesAnAlipayCertificateThatDoesNotLeadToTheRoot() {
        String otherRoot = AlipayCertificates.toPem(AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Sandbox Root", Duration.ofDays(30)));

        assertThatThrownBy(() -> certificateMode(URI.create("http://x"), APP_CERT, ALIPAY_CERT, otherRoot))
                .hasMessageContaining("paygate.alipay.alipay-public-cert does not lead to a certificate of paygate.alipay.root-cert");
    }

    @Test
    void refusesAnExpiredCertificateAndSomethingThatIsNoCertificate() {
        String expired = AlipayCertificates.toPem(AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), PLATFORM.getPublic(), "Leaf",
                Instant.now().minus(Duration.ofDays(9)), Instant.now().minus(Duration.ofDays(1))));

        assertThatThrownBy(() -> certificateMode(URI.create("http://x"), APP_CERT, expired, ROOT_PEM))
                .hasMessageContaining("paygate.alipay.alipay-public-cert is not valid now");
        assertThatThrownBy(() -> certificateMode(URI.create("http://x"), PemKeys.toPem(APP.getPublic()), ALIPAY_CERT, ROOT_PEM))
                .hasMessageContaining("paygate.alipay.app-cert is not X.509 certificates");
    }
}
