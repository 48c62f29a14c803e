package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications in certificate mode: verified with the key of Alipay's certificate, with the
 * same answer the SDK's own {@code rsaCertCheckV1} gives for the certificate file.
 */
class AlipayCertificateSignatureCheckTest {

    private static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final KeyPair ALIPAY_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Root", Duration.ofDays(30));
    private static final String ALIPAY_PEM = AlipayCertificates.toPem(
            AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), ALIPAY_KEYS.getPublic(), "Alipay", Duration.ofDays(30)));

    private final AlipaySignatureCheck check = new AlipaySignatureCheck(new AlipaySettings("2021000000000001", null, null,
            AlipaySettings.Mode.CERTIFICATE, new KeySource(ALIPAY_PEM, null), new KeySource(AlipayCertificates.toPem(ROOT), null)));

    @Test
    void aNotificationSignedWithTheCertifiedKeyVerifiesAsTheSdkCertCheckSays(@TempDir Path dir) throws Exception {
        Map<String, String> signed = new AlipaySigner(ALIPAY_KEYS.getPrivate()).sign(tradeSuccess(newOrderNo()));

        assertThatCode(() -> check.verify(form(signed))).doesNotThrowAnyException();
        assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(signed), certFile(dir).toString(), "utf-8", "RSA2")).isTrue();
    }

    @Test
    void aNotificationSignedWithAnotherKeyIsRefusedAsTheSdkCertCheckRefusesIt(@TempDir Path dir) throws Exception {
        Map<String, String> signed = new AlipaySigner(PemKeys.generateRsa().getPrivate()).sign(tradeSuccess(newOrderNo()));

        assertThatThrownBy(() -> check.verify(form(signed))).isInstanceOf(NotificationRejected.class)
                .extracting(e -> ((NotificationRejected) e).reason()).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(AlipaySignature.rsaCertCheckV1(new HashMap<>(signed), certFile(dir).toString(), "utf-8", "RSA2")).isFalse();
    }

    private static AlipayForm form(Map<String, String> fields) {
        return AlipayForm.parse(AlipaySigner.formBytes(fields));
    }

    private static Path certFile(Path dir) throws Exception {
        Path file = dir.resolve("alipayCertPublicKey_RSA2.crt");
        Files.writeString(file, ALIPAY_PEM);
        return file;
    }
}
