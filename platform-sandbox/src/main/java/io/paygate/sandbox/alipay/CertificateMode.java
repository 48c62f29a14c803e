package io.paygate.sandbox.alipay;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.KeySource;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Alipay's public-key certificate mode (公钥证书模式), as the gateway plays it. Every request of
 * the application names its app certificate ({@code app_cert_sn}) and the root certificates it
 * trusts ({@code alipay_root_cert_sn}); every signed answer names the certificate of the key
 * that signed it ({@code alipay_cert_sn}), which a merchant who does not know it downloads with
 * {@code alipay.open.app.alipaycert.download}. Off, it checks nothing and names nothing.
 */
final class CertificateMode {

    static final String DOWNLOAD_METHOD = "alipay.open.app.alipaycert.download";

    private static final CertificateMode OFF = new CertificateMode(null, Set.of(), null, null);

    private final String appCertSn;
    /** The SNs of root certificates that issued the sandbox's Alipay certificate; one of them must be named. */
    private final Set<String> rootSns;
    private final String alipayCertSn;
    private final String alipayCertPem;

    private CertificateMode(String appCertSn, Set<String> rootSns, String alipayCertSn, String alipayCertPem) {
        this.appCertSn = appCertSn;
        this.rootSns = rootSns;
        this.alipayCertSn = alipayCertSn;
        this.alipayCertPem = alipayCertPem;
    }

    static CertificateMode off() {
        return OFF;
    }

    /**
     * The certificates of the settings, checked so that a wrong file stops the sandbox at start:
     * the Alipay certificate is over the platform key, the app certificate over the key that
     * verifies requests, and both were issued by a certificate of the root file.
     */
    static CertificateMode from(AlipaySandboxSettings settings, AlipayKeys keys) {
        if (settings.mode() != AlipaySandboxSettings.Mode.CERTIFICATE) {
            return OFF;
        }
        String rootName = AlipaySandboxSettings.PREFIX + ".root-cert";
        String alipayName = AlipaySandboxSettings.PREFIX + ".alipay-public-cert";
        String appName = AlipaySandboxSettings.PREFIX + ".app-cert";
        List<X509Certificate> roots = readAll(settings.rootCert(), rootName);
        if (AlipayCertificates.rootCertSn(roots).isEmpty()) {
            throw new IllegalStateException(rootName + " holds no RSA-signed certificate");
        }
        X509Certificate alipay = readOne(settings.alipayPublicCert(), alipayName);
        X509Certificate app = readOne(settings.appCert(), appName);
        requireKey(alipay, keys.platformPublic(), alipayName, AlipaySandboxSettings.PREFIX + ".platform-private-key");
        requireKey(app, keys.appPublic(), appName, AlipaySandboxSettings.PREFIX + ".app-public-key");
        List<X509Certificate> alipayIssuers = issuersOf(alipay, roots, alipayName, rootName);
        issuersOf(app, roots, appName, rootName);
        var rootSns = Set.copyOf(alipayIssuers.stream().map(AlipayCertificates::certSn).toList());
        return new CertificateMode(AlipayCertificates.certSn(app), rootSns, AlipayCertificates.certSn(alipay),
                AlipayCertificates.toPem(alipay));
    }

    /** The application's key, taken from its certificate when the settings give no separate key. */
    static PublicKey appKeyOf(AlipaySandboxSettings settings) {
        return readOne(settings.appCert(), AlipaySandboxSettings.PREFIX + ".app-cert").getPublicKey();
    }

    boolean enabled() {
        return this != OFF;
    }

    /** The SN put next to each signed answer; null when off. */
    String alipayCertSn() {
        return alipayCertSn;
    }

    /**
     * The gateway's certificate checks, before the signature: the app certificate must be the
     * one registered for the application ({@code 40002 isv.app-cert-not-exist}, as the real
     * gateway answers an unknown SN), and the root SN must name the root that issued Alipay's
     * certificate ({@code 40002 isv.invalid-alipay-root-cert-sn}). A missing SN is as unknown as
     * a wrong one.
     */
    void check(GatewayRequest request) {
        if (!enabled()) {
            return;
        }
        if (!appCertSn.equals(request.get("app_cert_sn"))) {
            throw Failure.invalid("isv.app-cert-not-exist", "应用公钥证书不存在").refusal();
        }
        String rootSn = request.get("alipay_root_cert_sn");
        if (rootSn == null || Arrays.stream(rootSn.split("_")).noneMatch(rootSns::contains)) {
            throw Failure.invalid("isv.invalid-alipay-root-cert-sn", "无效支付宝根证书序列号").refusal();
        }
    }

    /**
     * {@code alipay.open.app.alipaycert.download}: the certificate with the SN asked for, as
     * Base64 of its PEM text; the sandbox has one.
     */
    Map<String, String> download(String sn) {
        if (!enabled() || !alipayCertSn.equals(sn)) {
            // the real gateway's code for an unknown SN is not documented anywhere we could read
            throw Failure.business("ALIPAY_CERT_NOT_EXIST", "支付宝公钥证书不存在").refusal();
        }
        return Map.of("alipay_cert_content", Base64.getEncoder().encodeToString(alipayCertPem.getBytes(StandardCharsets.US_ASCII)));
    }

    Optional<String> alipayCertPem() {
        return Optional.ofNullable(alipayCertPem);
    }

    private static List<X509Certificate> readAll(KeySource source, String name) {
        try {
            return AlipayCertificates.readAll(source.read(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not X.509 certificates in PEM form", e);
        }
    }

    private static X509Certificate readOne(KeySource source, String name) {
        X509Certificate certificate;
        try {
            certificate = AlipayCertificates.read(source.read(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not one X.509 certificate in PEM form", e);
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalStateException(name + " is not valid now (" + certificate.getNotBefore() + " to "
                    + certificate.getNotAfter() + ")", e);
        }
        return certificate;
    }

    private static void requireKey(X509Certificate certificate, PublicKey key, String certName, String keyName) {
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), key.getEncoded())) {
            throw new IllegalStateException(certName + " certifies another key than " + keyName);
        }
    }

    private static List<X509Certificate> issuersOf(X509Certificate certificate, List<X509Certificate> roots, String certName,
                                                   String rootName) {
        List<X509Certificate> issuers = roots.stream().filter(root -> AlipayCertificates.issuedBy(certificate, root)).toList();
        if (issuers.isEmpty()) {
            throw new IllegalStateException(certName + " was not issued by a certificate of " + rootName);
        }
        return issuers;
    }

    @Override
    public String toString() {
        return enabled() ? "CertificateMode[alipayCertSn=" + alipayCertSn + ", appCertSn=" + appCertSn + "]" : "CertificateMode[off]";
    }
}
