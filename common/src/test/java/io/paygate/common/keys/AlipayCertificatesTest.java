package io.paygate.common.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlipayCertificatesTest {

    private static final java.security.KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Test Root", Duration.ofDays(365));

    @Test
    void issuesAnRsa2CertificateChainedToTheRoot() throws Exception {
        var platform = PemKeys.generateRsa();

        X509Certificate leaf = AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), platform.getPublic(), "Alipay", Duration.ofDays(30));

        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(leaf.getPublicKey()).isEqualTo(platform.getPublic());
        assertThat(leaf.getIssuerX500Principal()).isEqualTo(ROOT.getSubjectX500Principal());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=Alipay,OU=Alipay,O=paygate sandbox,C=CN");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(ROOT.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(AlipayCertificates.issuedBy(leaf, ROOT)).isTrue();
        assertThat(AlipayCertificates.issuedBy(ROOT, ROOT)).isTrue();
        leaf.checkValidity();
    }

    @Test
    void aCertificateOfAnotherRootIsNotIssuedByThisOne() {
        var otherKeys = PemKeys.generateRsa();
        var otherRoot = AlipayCertificates.issueRoot(otherKeys, "Test Root", Duration.ofDays(365));
        var leaf = AlipayCertificates.issue(otherRoot, otherKeys.getPrivate(), PemKeys.generateRsa().getPublic(), "x", Duration.ofDays(1));

        assertThat(AlipayCertificates.issuedBy(leaf, ROOT)).as("same issuer name, other key").isFalse();
    }

    @Test
    void theSnIsTheMd5OfIssuerNameAndDecimalSerial() throws Exception {
        var leaf = AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), PemKeys.generateRsa().getPublic(), "x", Duration.ofDays(1));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(
                ("CN=Test Root,OU=Certification Authority,O=paygate sandbox,C=CN" + leaf.getSerialNumber())
                        .getBytes(StandardCharsets.UTF_8)));

        assertThat(AlipayCertificates.certSn(leaf)).isEqualTo(expected).hasSize(32);
        assertThat(leaf.getSerialNumber()).isGreaterThan(BigInteger.ZERO);
    }

    @Test
    void theRootSnJoinsEveryRsaRootOfTheFile() {
        var second = AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Second Root", Duration.ofDays(365));

        String sn = AlipayCertificates.rootCertSn(AlipayCertificates.readAll(AlipayCertificates.toPem(ROOT, second)));

        assertThat(sn).isEqualTo(AlipayCertificates.certSn(ROOT) + "_" + AlipayCertificates.certSn(second));
    }

    @Test
    void aCertificateLeadsToItsRootDirectlyOrThroughTheIntermediateItsFileCarries() {
        var intermediateKeys = PemKeys.generateRsa();
        var intermediate = AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), intermediateKeys.getPublic(), "Class 2 R1",
                Duration.ofDays(30));
        var leaf = AlipayCertificates.issue(intermediate, intermediateKeys.getPrivate(), PemKeys.generateRsa().getPublic(), "Alipay",
                Duration.ofDays(30));
        var otherRoot = AlipayCertificates.issueRoot(PemKeys.generateRsa(), "Other Root", Duration.ofDays(30));

        var file = AlipayCertificates.readAll(AlipayCertificates.toPem(leaf, intermediate));

        assertThat(AlipayCertificates.first(AlipayCertificates.toPem(leaf, intermediate))).isEqualTo(leaf);
        assertThat(AlipayCertificates.rootOf(file, List.of(otherRoot, ROOT))).contains(ROOT);
        assertThat(AlipayCertificates.rootOf(List.of(leaf), List.of(ROOT))).as("intermediate missing").isEmpty();
        assertThat(AlipayCertificates.rootOf(List.of(intermediate), List.of(ROOT))).contains(ROOT);
        assertThat(AlipayCertificates.rootOf(file, List.of(otherRoot))).isEmpty();
    }

    @Test
    void readsPemBackAndRefusesWhatIsNotOneCertificate() {
        String pem = AlipayCertificates.toPem(ROOT);

        assertThat(AlipayCertificates.read(pem)).isEqualTo(ROOT);
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> AlipayCertificates.read(AlipayCertificates.toPem(ROOT, ROOT))).hasMessageContaining("found 2");
        assertThatThrownBy(() -> AlipayCertificates.read(PemKeys.toPem(ROOT_KEYS.getPublic()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLocalSetIsMadeOnceAndKeptWhileItMatchesItsKeys(@TempDir Path dir) throws Exception {
        var set = AlipayCertificates.ensureLocalSet(dir);

        var root = AlipayCertificates.read(Files.readString(set.rootCert()));
        var alipay = AlipayCertificates.read(Files.readString(set.alipayPublicCert()));
        var app = AlipayCertificates.read(Files.readString(set.appCert()));
        assertThat(alipay.getPublicKey()).isEqualTo(PemKeys.readPublic(Files.readString(dir.resolve(KeyFiles.ALIPAY_PLATFORM_PUBLIC))));
        assertThat(app.getPublicKey()).isEqualTo(PemKeys.readPublic(Files.readString(dir.resolve(KeyFiles.ALIPAY_APP_PUBLIC))));
        assertThat(List.of(alipay, app)).allMatch(c -> AlipayCertificates.issuedBy(c, root));

        AlipayCertificates.ensureLocalSet(dir);
        assertThat(AlipayCertificates.read(Files.readString(set.appCert()))).isEqualTo(app);

        Files.delete(dir.resolve(KeyFiles.ALIPAY_APP_PRIVATE));
        AlipayCertificates.ensureLocalSet(dir);
        var renewed = AlipayCertificates.read(Files.readString(set.appCert()));
        assertThat(renewed).isNotEqualTo(app);
        assertThat(renewed.getPublicKey()).isEqualTo(PemKeys.readPublic(Files.readString(dir.resolve(KeyFiles.ALIPAY_APP_PUBLIC))));
        assertThat(AlipayCertificates.read(Files.readString(set.alipayPublicCert()))).isEqualTo(alipay);
    }
}
