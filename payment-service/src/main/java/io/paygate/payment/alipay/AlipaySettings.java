package io.paygate.payment.alipay;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's Alipay application.
 *
 * @param enabled          whether this deployment takes Alipay at all
 * @param appId            APPID of the merchant application
 * @param gatewayUrl       Alipay's gateway, or the sandbox's
 * @param appPrivateKey    the application's RSA private key (PKCS#8), from a file or the environment
 * @param alipayPublicKey  {@link Mode#PUBLIC_KEY}: Alipay's public key for this application, from a file or the environment
 * @param notifyUrl        where Alipay sends asynchronous notifications (notify-ingress)
 * @param returnUrl        where the buyer's browser comes back after PC/WAP pay (notify-ingress)
 * @param mode             plain public keys (default) or public-key certificates (公钥证书模式)
 * @param appCert          {@link Mode#CERTIFICATE}: the application's public key certificate
 *                         ({@code appCertPublicKey_<APPID>.crt}), over the key of {@code appPrivateKey}
 * @param alipayPublicCert {@link Mode#CERTIFICATE}: Alipay's public key certificate ({@code alipayCertPublicKey_RSA2.crt})
 * @param rootCert         {@link Mode#CERTIFICATE}: Alipay's root certificate file ({@code alipayRootCert.crt})
 */
@ConfigurationProperties("paygate.alipay")
public record AlipaySettings(
        @DefaultValue("true") boolean enabled,
        String appId,
        @DefaultValue("https://openapi.alipay.com/gateway.do") URI gatewayUrl,
        KeySource appPrivateKey,
        KeySource alipayPublicKey,
        URI notifyUrl,
        URI returnUrl,
        @DefaultValue("PUBLIC_KEY") Mode mode,
        KeySource appCert,
        KeySource alipayPublicCert,
        KeySource rootCert) {

    static final String APP_CERT = "paygate.alipay.app-cert";
    static final String ALIPAY_PUBLIC_CERT = "paygate.alipay.alipay-public-cert";
    static final String ROOT_CERT = "paygate.alipay.root-cert";

    /** How Alipay and the application know each other's keys. */
    public enum Mode {
        /** Keys exchanged once in Alipay's console; nothing in the messages names them. */
        PUBLIC_KEY,
        /** Keys inside certificates issued by Alipay's root; requests and answers name the certificates' SNs. */
        CERTIFICATE
    }

    @ConstructorBinding
    public AlipaySettings {
        mode = mode == null ? Mode.PUBLIC_KEY : mode;
        if (enabled) {
            require(appId != null && !appId.isBlank(), "paygate.alipay.app-id");
            require(notifyUrl != null, "paygate.alipay.notify-url");
            require(returnUrl != null, "paygate.alipay.return-url");
            require(appPrivateKey != null && appPrivateKey.isPresent(), "paygate.alipay.app-private-key");
            PrivateKey privateKey;
            try {
                privateKey = PemKeys.readPrivate(appPrivateKey.read("paygate.alipay.app-private-key"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paygate.alipay.app-private-key is not an RSA private key in PKCS#8 PEM", e);
            }
            if (mode == Mode.PUBLIC_KEY) {
                require(alipayPublicKey != null && alipayPublicKey.isPresent(), "paygate.alipay.alipay-public-key");
                try {
                    PemKeys.readPublic(alipayPublicKey.read("paygate.alipay.alipay-public-key"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("paygate.alipay.alipay-public-key is not an RSA public key in X.509 PEM", e);
                }
            } else {
                checkCertificates(privateKey, appCert, alipayPublicCert, rootCert);
            }
        }
    }

    /** Public-key mode, as before certificates existed. */
    public AlipaySettings(boolean enabled, String appId, URI gatewayUrl, KeySource appPrivateKey, KeySource alipayPublicKey,
                          URI notifyUrl, URI returnUrl) {
        this(enabled, appId, gatewayUrl, appPrivateKey, alipayPublicKey, notifyUrl, returnUrl, Mode.PUBLIC_KEY, null, null, null);
    }

    /**
     * Certificate mode's files, checked before the SDK sees them (it only logs most problems and
     * fails later, per call): each readable and valid now, the app certificate over the app key,
     * Alipay's certificate leading to a certificate of the root file (Alipay's file carries the
     * intermediate CA after the certificate).
     */
    private static void checkCertificates(PrivateKey appKey, KeySource appCert, KeySource alipayPublicCert, KeySource rootCert) {
        requireCertificate(appCert, APP_CERT, "PAYGATE_ALIPAY_APP_CERT");
        requireCertificate(alipayPublicCert, ALIPAY_PUBLIC_CERT, "PAYGATE_ALIPAY_PUBLIC_CERT");
        requireCertificate(rootCert, ROOT_CERT, "PAYGATE_ALIPAY_ROOT_CERT");
        List<X509Certificate> roots;
        try {
            roots = AlipayCertificates.readAll(rootCert.read(ROOT_CERT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ROOT_CERT + " is not X.509 certificates in PEM form", e);
        }
        // the app certificate's chain is Alipay's to check (its file need not carry the intermediate)
        X509Certificate app = leaf(appCert, APP_CERT, List.of());
        leaf(alipayPublicCert, ALIPAY_PUBLIC_CERT, roots);
        if (!(appKey instanceof RSAPrivateCrtKey crt) || !Arrays.equals(app.getPublicKey().getEncoded(), publicOf(crt))) {
            throw new IllegalArgumentException(APP_CERT + " certifies another key than paygate.alipay.app-private-key");
        }
    }

    /**
     * The first certificate of the file (the one the SDK reads); Alipay's files may carry the
     * issuing intermediate after it. With {@code roots} empty the chain is not checked.
     */
    private static X509Certificate leaf(KeySource source, String name, List<X509Certificate> roots) {
        String pem = source.read(name);
        List<X509Certificate> chain;
        try {
            chain = AlipayCertificates.readAll(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not X.509 certificates in PEM form", e);
        }
        X509Certificate certificate = chain.getFirst();
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException(name + " is not valid now (valid " + certificate.getNotBefore() + " to "
                    + certificate.getNotAfter() + ")", e);
        }
        if (!roots.isEmpty() && AlipayCertificates.rootOf(chain, roots).isEmpty()) {
            throw new IllegalArgumentException(name + " does not lead to a certificate of " + ROOT_CERT);
        }
        return certificate;
    }

    private static byte[] publicOf(RSAPrivateCrtKey key) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static void requireCertificate(KeySource source, String key, String environment) {
        if (source == null || !source.isPresent()) {
            throw new IllegalArgumentException(key + " is required while paygate.alipay.mode=CERTIFICATE: set " + key + ".file ("
                    + environment + "_FILE) or " + key + ".value (" + environment + ")");
        }
    }

    private static void require(boolean present, String key) {
        if (!present) {
            throw new IllegalArgumentException(key + " is required while paygate.alipay.enabled=true");
        }
    }
}
