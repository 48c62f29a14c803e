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
    /** The SN of the root the sandbox's Alipay certificate leads to; the request's root SN must name it. */
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
     * verifies requests, and both lead to a certificate of the root file (directly, or through
     * an intermediate their own file carries after them, as Alipay's files do).
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
        String alipayPem = settings.alipayPublicCert().read(alipayName);
        List<X509Certificate> alipayChain = readChain(alipayPem, alipayName);
        List<X509Certificate> appChain = readChain(settings.appCert().read(appName), appName);
        requireKey(alipayChain.getFirst(), keys.platformPublic(), alipayName, AlipaySandboxSettings.PREFIX + ".platform-private-key");
        requireKey(appChain.getFirst(), keys.appPublic(), appName, AlipaySandboxSettings.PREFIX + ".app-public-key");
        X509Certificate alipayRoot = rootOf(alipayChain, roots, alipayName, rootName);
        rootOf(appChain, roots, appName, rootName);
        return new CertificateMode(AlipayCertificates.certSn(appChain.getFirst()), Set.of(AlipayCertificates.certSn(alipayRoot)),
                AlipayCertificates.certSn(alipayChain.getFirst()), alipayPem.strip() + "\n");
    }

    /** The application's key, taken from its certificate when the settings give no separate key. */
    static PublicKey appKeyOf(AlipaySandboxSettings settings) {
        String name = AlipaySandboxSettings.PREFIX + ".app-cert";
        return readChain(settings.appCert().read(name), name).getFirst().getPublicKey();
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
     * Base64 of its PEM file (with any intermediate the file carries); the sandbox has one.
     */
    Map<String, String> download(String sn) {
        if (!enabled() || !alipayCertSn.equals(sn)) {
            // the real gateway's code for an unknown SN is not documented anywhere we could read
            throw Failure.business("ALIPAY_CERT_NOT_EXIST", "支付宝公钥证书不存在").refusal();
        }
        return Map.of("alipay_cert_content", Base64.getEncoder().encodeToString(alipayCertPem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<X509Certificate> readAll(KeySource source, String name) {
        try {
            return AlipayCertificates.readAll(source.read(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not X.509 certificates in PEM form", e);
        }
    }

    /** The certificate first, then any intermediate CA Alipay's files carry after it. */
    private static List<X509Certificate> readChain(String pem, String name) {
        List<X509Certificate> chain;
        try {
            chain = AlipayCertificates.readAll(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not X.509 certificates in PEM form", e);
        }
        X509Certificate certificate = chain.getFirst();
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalStateException(name + " is not valid now (" + certificate.getNotBefore() + " to "
                    + certificate.getNotAfter() + ")", e);
        }
        return chain;
    }

    private static void requireKey(X509Certificate certificate, PublicKey key, String certName, String keyName) {
        if (!Arrays.equals(certificate.getPublicKey().getEncoded(), key.getEncoded())) {
            throw new IllegalStateException(certName + " certifies another key than " + keyName);
        }
    }

    private static X509Certificate rootOf(List<X509Certificate> chain, List<X509Certificate> roots, String certName, String rootName) {
        return AlipayCertificates.rootOf(chain, roots)
                .orElseThrow(() -> new IllegalStateException(certName + " does not lead to a certificate of " + rootName));
    }

    @Override
    public String toString() {
        return enabled() ? "CertificateMode[alipayCertSn=" + alipayCertSn + ", appCertSn=" + appCertSn + "]" : "CertificateMode[off]";
    }
}
