package io.paygate.notify.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Certificate mode's settings: both certificates required, the Alipay one valid and issued by the root; errors name the key. */
class AlipayCertificateSettingsTest {

    private static final String APP_ID = "2021000000000001";
    private static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final KeyPair ALIPAY_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Root", Duration.ofDays(30));
    private static final String ROOT_PEM = AlipayCertificates.toPem(ROOT);
    private static final String ALIPAY_PEM = AlipayCertificates.toPem(
            AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), ALIPAY_KEYS.getPublic(), "Alipay", Duration.ofDays(30)));

    @Test
    void bindsCertificateModeFromPropertiesAndVerifiesWithTheCertificatesKey(@TempDir Path dir) throws Exception {
        Path certFile = dir.resolve("alipayCertPublicKey_RSA2.crt");
        Files.writeString(certFile, ALIPAY_PEM);
        var properties = Map.of(
                "paygate.alipay.app-id", APP_ID,
                "paygate.alipay.mode", "CERTIFICATE",
                "paygate.alipay.alipay-public-cert.file", certFile.toString(),
                "paygate.alipay.root-cert.value", ROOT_PEM);

        var settings = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("paygate.alipay", AlipaySettings.class);

        assertThat(settings.mode()).isEqualTo(AlipaySettings.Mode.CERTIFICATE);
        assertThat(settings.alipayPublicKeyBase64()).isEqualTo(Base64.getEncoder().encodeToString(ALIPAY_KEYS.getPublic().getEncoded()));
    }

    @Test
    void publicKeyModeStaysTheDefault() {
        var properties = Map.of("paygate.alipay.app-id", APP_ID,
                "paygate.alipay.alipay-public-key.value", PemKeys.toPem(ALIPAY_KEYS.getPublic()));

        var settings = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("paygate.alipay", AlipaySettings.class);

        assertThat(settings.mode()).isEqualTo(AlipaySettings.Mode.PUBLIC_KEY);
    }

    @Test
    void acceptsAnAlipayCertificateFileCarryingItsIntermediateAsAlipaysDo() {
        var intermediateKeys = PemKeys.generateRsa();
        var intermediate = AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), intermediateKeys.getPublic(), "Class 2 R1",
                Duration.ofDays(30));
        var alipay = AlipayCertificates.issue(intermediate, intermediateKeys.getPrivate(), ALIPAY_KEYS.getPublic(), "Alipay",
                Duration.ofDays(30));

        var settings = certificateMode(AlipayCertificates.toPem(alipay, intermediate), ROOT_PEM);

        assertThat(settings.alipayPublicKeyBase64()).isEqualTo(Base64.getEncoder().encodeToString(ALIPAY_KEYS.getPublic().getEncoded()));
        assertThatThrownBy(() -> certificateMode(AlipayCertificates.toPem(alipay), ROOT_PEM)).as("intermediate left out")
                .hasMessageContaining("does not lead to a certificate of paygate.alipay.root-cert");
    }

    @Test
    void refusesToStartWithoutTheAlipayCertificateNamingItsKeyAndVariables() {
        assertThatThrownBy(() -> certificateMode(null, ROOT_PEM))
                .hasMessageContaining("paygate.alipay.alipay-public-cert is required in CERTIFICATE mode")
                .hasMessageContaining("PAYGATE_ALIPAY_PUBLIC_CERT_FILE");
    }

    @Test
    void refusesToStartWithoutTheRootCertificate() {
        assertThatThrownBy(() -> certificateMode(ALIPAY_PEM, null))
                .hasMessageContaining("paygate.alipay.root-cert is required in CERTIFICATE mode")
                .hasMessageContaining("PAYGATE_ALIPAY_ROOT_CERT_FILE");
    }

    @Test
    void refusesAnAlipayCertificateOfAnotherRoot() {
        String otherRoot = AlipayCertificates.toPem(AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Root", Duration.ofDays(30)));

        assertThatThrownBy(() -> certificateMode(ALIPAY_PEM, otherRoot))
                .hasMessageContaining("paygate.alipay.alipay-public-cert does not lead to a certificate of paygate.alipay.root-cert");
    }

    @Test
    void refusesAnExpiredAlipayCertificate() {
        String expired = AlipayCertificates.toPem(AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), ALIPAY_KEYS.getPublic(), "Alipay",
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1))));

        assertThatThrownBy(() -> certificateMode(expired, ROOT_PEM)).hasMessageContaining("paygate.alipay.alipay-public-cert is not valid now");
    }

    @Test
    void refusesAKeyWhereACertificateBelongs() {
        assertThatThrownBy(() -> certificateMode(PemKeys.toPem(ALIPAY_KEYS.getPublic()), ROOT_PEM))
                .hasMessageContaining("paygate.alipay.alipay-public-cert is not X.509 certificates");
        assertThatThrownBy(() -> certificateMode(ALIPAY_PEM, "not a certificate"))
                .hasMessageContaining("paygate.alipay.root-cert is not X.509 certificates");
    }

    @Test
    void refusesAnUnreadableCertificateFileNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> new AlipaySettings(APP_ID, null, null, AlipaySettings.Mode.CERTIFICATE,
                new KeySource(null, dir.resolve("missing.crt")), new KeySource(ROOT_PEM, null)))
                .hasMessageContaining("paygate.alipay.alipay-public-cert.file cannot be read");
    }

    private static AlipaySettings certificateMode(String alipayCert, String rootCert) {
        return new AlipaySettings(APP_ID, null, null, AlipaySettings.Mode.CERTIFICATE,
                new KeySource(alipayCert, null), new KeySource(rootCert, null));
    }
}
