package io.paygate.notify.alipay;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The merchant's Alipay application, as far as checking notifications needs it. Checked when
 * the service starts: a missing or malformed value stops it with a message naming the key.
 *
 * @param appId            APPID of the merchant application; every notification must name it
 * @param sellerId         the merchant's PID ({@code 2088…}); when set, a notification that
 *                         carries a {@code seller_id} must carry this one
 * @param alipayPublicKey  {@link Mode#PUBLIC_KEY}: Alipay's public key for this application (X.509
 *                         PEM or bare Base64), from a file or inline
 * @param mode             how the application signs up with Alipay: plain public keys (default) or
 *                         public-key certificates (公钥证书模式)
 * @param alipayPublicCert {@link Mode#CERTIFICATE}: Alipay's public key certificate
 *                         ({@code alipayCertPublicKey_RSA2.crt}), PEM, from a file or inline; the
 *                         certificate first, possibly followed by its issuing intermediate
 * @param rootCert         {@link Mode#CERTIFICATE}: Alipay's root certificate file
 *                         ({@code alipayRootCert.crt}); the Alipay certificate must chain to it
 */
@ConfigurationProperties("paygate.alipay")
record AlipaySettings(String appId, String sellerId, KeySource alipayPublicKey, Mode mode, KeySource alipayPublicCert,
                      KeySource rootCert) {

    static final String APP_ID = "paygate.alipay.app-id";
    static final String PUBLIC_KEY = "paygate.alipay.alipay-public-key";
    static final String PUBLIC_CERT = "paygate.alipay.alipay-public-cert";
    static final String ROOT_CERT = "paygate.alipay.root-cert";

    /** How Alipay's key reaches us: as a key, or inside a certificate issued by Alipay's root. */
    enum Mode {
        PUBLIC_KEY,
        CERTIFICATE
    }

    @ConstructorBinding
    AlipaySettings {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException(APP_ID + " is required (PAYGATE_ALIPAY_APP_ID): notifications are checked against it");
        }
        appId = appId.strip();
        sellerId = sellerId == null || sellerId.isBlank() ? null : sellerId.strip();
        mode = mode == null ? Mode.PUBLIC_KEY : mode;
        if (mode == Mode.PUBLIC_KEY) {
            checkPublicKey(alipayPublicKey);
        } else {
            checkCertificate(alipayPublicCert, rootCert);
        }
    }

    /** Public-key mode, as before certificates existed. */
    AlipaySettings(String appId, String sellerId, KeySource alipayPublicKey) {
        this(appId, sellerId, alipayPublicKey, Mode.PUBLIC_KEY, null, null);
    }

    /**
     * The key that verifies Alipay's signatures, as alipay-sdk-java takes it: the Base64 body
     * without PEM armour. In certificate mode it is the key of the Alipay certificate, checked
     * against the root when the service started.
     */
    String alipayPublicKeyBase64() {
        if (mode == Mode.CERTIFICATE) {
            return Base64.getEncoder().encodeToString(alipayCertificate(alipayPublicCert).getPublicKey().getEncoded());
        }
        return PemKeys.base64Body(alipayPublicKey.read(PUBLIC_KEY));
    }

    private static void checkPublicKey(KeySource alipayPublicKey) {
        if (alipayPublicKey == null || !alipayPublicKey.isPresent()) {
            throw new IllegalArgumentException(PUBLIC_KEY + " is required: set " + PUBLIC_KEY + ".file (PAYGATE_ALIPAY_PUBLIC_KEY_FILE) or "
                    + PUBLIC_KEY + ".value (PAYGATE_ALIPAY_PUBLIC_KEY)");
        }
        String text = read(alipayPublicKey, PUBLIC_KEY);
        try {
            PemKeys.readPublic(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PUBLIC_KEY + " is not an RSA public key in X.509 PEM or Base64 form", e);
        }
    }

    /** The Alipay certificate must be readable, valid now and lead to a certificate of the root file. */
    private static void checkCertificate(KeySource alipayPublicCert, KeySource rootCert) {
        if (alipayPublicCert == null || !alipayPublicCert.isPresent()) {
            throw new IllegalArgumentException(PUBLIC_CERT + " is required in CERTIFICATE mode: set " + PUBLIC_CERT
                    + ".file (PAYGATE_ALIPAY_PUBLIC_CERT_FILE) or " + PUBLIC_CERT + ".value (PAYGATE_ALIPAY_PUBLIC_CERT)");
        }
        if (rootCert == null || !rootCert.isPresent()) {
            throw new IllegalArgumentException(ROOT_CERT + " is required in CERTIFICATE mode: set " + ROOT_CERT
                    + ".file (PAYGATE_ALIPAY_ROOT_CERT_FILE) or " + ROOT_CERT + ".value (PAYGATE_ALIPAY_ROOT_CERT)");
        }
        String alipayText = read(alipayPublicCert, PUBLIC_CERT);
        List<X509Certificate> alipayChain;
        try {
            alipayChain = AlipayCertificates.readAll(alipayText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PUBLIC_CERT + " is not X.509 certificates in PEM form", e);
        }
        X509Certificate alipay = alipayChain.getFirst();
        String rootText = read(rootCert, ROOT_CERT);
        List<X509Certificate> roots;
        try {
            roots = AlipayCertificates.readAll(rootText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ROOT_CERT + " is not X.509 certificates in PEM form", e);
        }
        try {
            alipay.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException(PUBLIC_CERT + " is not valid now (valid " + alipay.getNotBefore() + " to "
                    + alipay.getNotAfter() + "): download Alipay's current certificate", e);
        }
        // Alipay's file may carry the issuing intermediate after the certificate itself
        if (AlipayCertificates.rootOf(alipayChain, roots).isEmpty()) {
            throw new IllegalArgumentException(PUBLIC_CERT + " does not lead to a certificate of " + ROOT_CERT);
        }
    }

    /** The first certificate of the file, as alipay-sdk-java reads it; the file was checked at start. */
    private static X509Certificate alipayCertificate(KeySource source) {
        return AlipayCertificates.first(read(source, PUBLIC_CERT));
    }

    private static String read(KeySource source, String name) {
        try {
            return source.read(name);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
