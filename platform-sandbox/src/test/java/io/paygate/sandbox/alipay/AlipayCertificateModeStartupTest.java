package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.PemKeys;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** In certificate mode a missing, foreign or mismatched certificate stops the sandbox, naming the setting. */
class AlipayCertificateModeStartupTest {

    private static final KeyPair APP_KEYS = PemKeys.generateRsa();
    private static final KeyPair PLATFORM_KEYS = PemKeys.generateRsa();
    private static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Root", Duration.ofDays(30));
    private static final String ROOT_PEM = AlipayCertificates.toPem(ROOT);
    private static final String ALIPAY_PEM = pem(PLATFORM_KEYS);
    private static final String APP_PEM = pem(APP_KEYS);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Clock.class, Clock::systemUTC)
            .withUserConfiguration(AlipaySandboxConfiguration.class)
            .withPropertyValues(
                    "paygate.sandbox.alipay.mode=CERTIFICATE",
                    "paygate.sandbox.alipay.platform-private-key.value=" + PemKeys.toPem(PLATFORM_KEYS.getPrivate()));

    @Test
    void startsWithTheThreeCertificatesAndTakesTheAppKeyFromItsCertificate() {
        context.withPropertyValues(certs(ROOT_PEM, ALIPAY_PEM, APP_PEM)).run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(AlipayKeys.class).appPublic()).isEqualTo(APP_KEYS.getPublic());
            assertThat(started.getBean(CertificateMode.class).alipayCertSn())
                    .isEqualTo(AlipayCertificates.certSn(AlipayCertificates.read(ALIPAY_PEM)));
        });
    }

    @Test
    void acceptsCertificateFilesThatCarryTheirIntermediateAsAlipaysDo() {
        var intermediateKeys = PemKeys.generateRsa();
        var intermediate = AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), intermediateKeys.getPublic(), "Class 2 R1",
                Duration.ofDays(30));
        var alipay = AlipayCertificates.issue(intermediate, intermediateKeys.getPrivate(), PLATFORM_KEYS.getPublic(), "Alipay",
                Duration.ofDays(30));

        context.withPropertyValues(certs(ROOT_PEM, AlipayCertificates.toPem(alipay, intermediate), APP_PEM)).run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(CertificateMode.class).alipayCertSn()).isEqualTo(AlipayCertificates.certSn(alipay));
        });
    }

    @Test
    void refusesToStartWithoutTheRootCertificate() {
        context.withPropertyValues(
                        "paygate.sandbox.alipay.alipay-public-cert.value=" + ALIPAY_PEM,
                        "paygate.sandbox.alipay.app-cert.value=" + APP_PEM)
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.root-cert is required in CERTIFICATE mode"));
    }

    @Test
    void refusesAnAlipayCertificateOverAnotherKeyThanThePlatformKey() {
        context.withPropertyValues(certs(ROOT_PEM, pem(PemKeys.generateRsa()), APP_PEM))
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.alipay-public-cert certifies another key than paygate.sandbox.alipay.platform-private-key"));
    }

    @Test
    void refusesAnAppCertificateThatDoesNotMatchTheConfiguredAppKey() {
        context.withPropertyValues(certs(ROOT_PEM, ALIPAY_PEM, APP_PEM))
                .withPropertyValues("paygate.sandbox.alipay.app-public-key.value=" + PemKeys.toPem(PemKeys.generateRsa().getPublic()))
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.app-cert certifies another key than paygate.sandbox.alipay.app-public-key"));
    }

    @Test
    void refusesCertificatesOfAnotherRoot() {
        String otherRoot = AlipayCertificates.toPem(AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Root", Duration.ofDays(30)));

        context.withPropertyValues(certs(otherRoot, ALIPAY_PEM, APP_PEM))
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.alipay-public-cert does not lead to a certificate of paygate.sandbox.alipay.root-cert"));
    }

    @Test
    void refusesAnExpiredAppCertificate() {
        String expired = AlipayCertificates.toPem(AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), APP_KEYS.getPublic(), "App",
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1))));

        context.withPropertyValues(certs(ROOT_PEM, ALIPAY_PEM, expired))
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.app-cert is not valid now"));
    }

    @Test
    void refusesSomethingThatIsNotACertificate() {
        context.withPropertyValues(certs(ROOT_PEM, PemKeys.toPem(PLATFORM_KEYS.getPublic()), APP_PEM))
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.alipay-public-cert is not X.509 certificates in PEM form"));
    }

    private static String[] certs(String root, String alipay, String app) {
        return new String[] {
                "paygate.sandbox.alipay.root-cert.value=" + root,
                "paygate.sandbox.alipay.alipay-public-cert.value=" + alipay,
                "paygate.sandbox.alipay.app-cert.value=" + app};
    }

    private static String pem(KeyPair subject) {
        return AlipayCertificates.toPem(AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), subject.getPublic(), "Leaf", Duration.ofDays(30)));
    }
}
