package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.AntCertificationUtil;
import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificates of {@link AlipayCertificates} as alipay-sdk-java reads them: its own SN
 * functions (which parse with BouncyCastle) give the SNs the sandbox expects, and its chain check
 * trusts the Alipay certificate under the root.
 */
class AlipayCertificateSnTest {

    private static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Sandbox Root", Duration.ofDays(30));
    private static final X509Certificate ALIPAY = AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(),
            PemKeys.generateRsa().getPublic(), "Sandbox Alipay", Duration.ofDays(30));

    @Test
    void theSdkComputesTheSameCertificateSn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alipay-public-cert.crt");
        Files.writeString(file, AlipayCertificates.toPem(ALIPAY));

        assertThat(AlipaySignature.getCertSN(file.toString())).isEqualTo(AlipayCertificates.certSn(ALIPAY));
        assertThat(AntCertificationUtil.getCertSN(AntCertificationUtil.getCertFromContent(AlipayCertificates.toPem(ALIPAY))))
                .isEqualTo(AlipayCertificates.certSn(ALIPAY));
    }

    @Test
    void theSdkComputesTheSameRootSnForAFileOfSeveralRoots() {
        var second = AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Second Root", Duration.ofDays(30));
        String pem = AlipayCertificates.toPem(ROOT, second);

        assertThat(AntCertificationUtil.getRootCertSN(pem)).isEqualTo(AlipayCertificates.rootCertSn(AlipayCertificates.readAll(pem)));
    }

    @Test
    void theSdkTrustsTheAlipayCertificateUnderItsRootOnly() {
        var otherRoot = AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Other Root", Duration.ofDays(30));

        assertThat(AntCertificationUtil.isTrusted(AlipayCertificates.toPem(ALIPAY), AlipayCertificates.toPem(ROOT))).isTrue();
        assertThat(AntCertificationUtil.isTrusted(AlipayCertificates.toPem(ALIPAY), AlipayCertificates.toPem(otherRoot))).isFalse();
    }
}
