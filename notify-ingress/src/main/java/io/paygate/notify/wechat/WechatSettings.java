package io.paygate.notify.wechat;

import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The merchant's WeChat Pay (API v3) account, as far as checking notifications needs it. Off by
 * default so that deployments without WeChat keys start; when {@code enabled} everything else is
 * required and checked when the service starts, with a message naming the key.
 *
 * @param enabled              whether the WeChat endpoints accept notifications at all
 * @param mchid                our merchant number; every notification must name it
 * @param appid                the application bound to {@code mchid}; every payment must name it
 * @param apiV3Key             the 32-byte APIv3 key that decrypts the resource; a secret
 * @param verification         which kind of WeChat Pay key signs the notifications
 * @param platformCertificates the platform certificates (X.509 PEM) trusted in
 *                             {@link Verification#PLATFORM_CERTIFICATE} mode; two during a rotation
 * @param publicKeys           the WeChat Pay public keys trusted in {@link Verification#PUBLIC_KEY}
 *                             mode, each with its {@code PUB_KEY_ID_…}; two during a rotation
 * @param timestampWindow      how far {@code Wechatpay-Timestamp} may be from our clock, either way
 */
@ConfigurationProperties("paygate.wechat")
record WechatSettings(
        @DefaultValue("false") boolean enabled,
        String mchid,
        String appid,
        String apiV3Key,
        Verification verification,
        List<KeySource> platformCertificates,
        List<PublicKeyEntry> publicKeys,
        @DefaultValue("5m") Duration timestampWindow) {

    static final String PREFIX = "paygate.wechat.";

    /** The two ways WeChat Pay lets a merchant verify it. */
    enum Verification {
        PLATFORM_CERTIFICATE,
        PUBLIC_KEY
    }

    /**
     * One WeChat Pay public key.
     *
     * @param id  its id as WeChat Pay names it in {@code Wechatpay-Serial}, {@code PUB_KEY_ID_…}
     * @param key the key, X.509 PEM or bare Base64, from a file or inline
     */
    record PublicKeyEntry(String id, KeySource key) {
    }

    /** A trusted key and the serial or id notifications name it by. */
    record TrustedKey(String serial, PublicKey publicKey, X509Certificate certificate) {
    }

    WechatSettings {
        platformCertificates = platformCertificates == null ? List.of()
                : platformCertificates.stream().filter(source -> source != null && source.isPresent()).toList();
        publicKeys = publicKeys == null ? List.of()
                : publicKeys.stream().filter(entry -> entry != null && (present(entry.id()) || entry.key() != null && entry.key().isPresent())).toList();
        if (timestampWindow == null || timestampWindow.isNegative() || timestampWindow.isZero()) {
            throw new IllegalArgumentException(PREFIX + "timestamp-window must be positive, was " + timestampWindow);
        }
        if (enabled) {
            mchid = required(mchid, "mchid", "PAYGATE_WECHAT_MCHID");
            appid = required(appid, "appid", "PAYGATE_WECHAT_APPID");
            if (apiV3Key == null || apiV3Key.getBytes(StandardCharsets.UTF_8).length != 32) {
                throw new IllegalArgumentException(PREFIX + "api-v3-key is required and must be exactly 32 bytes (PAYGATE_WECHAT_API_V3_KEY)");
            }
            if (verification == null) {
                throw new IllegalArgumentException(PREFIX + "verification is required: PLATFORM_CERTIFICATE or PUBLIC_KEY (PAYGATE_WECHAT_VERIFICATION)");
            }
            trustedKeys(verification, platformCertificates, publicKeys);
        }
    }

    /** The keys notifications may be signed with, by serial; read and checked again on every call. */
    List<TrustedKey> trustedKeys() {
        return trustedKeys(verification, platformCertificates, publicKeys);
    }

    private static List<TrustedKey> trustedKeys(Verification verification, List<KeySource> certificates, List<PublicKeyEntry> publicKeys) {
        List<TrustedKey> keys = switch (verification) {
            case PLATFORM_CERTIFICATE -> {
                if (certificates.isEmpty()) {
                    throw new IllegalArgumentException(PREFIX + "platform-certificates is required in PLATFORM_CERTIFICATE mode: set "
                            + PREFIX + "platform-certificates[0].file (PAYGATE_WECHAT_PLATFORM_CERTIFICATE_FILE) or .value");
                }
                var read = new java.util.ArrayList<TrustedKey>();
                for (int i = 0; i < certificates.size(); i++) {
                    String name = PREFIX + "platform-certificates[" + i + "]";
                    X509Certificate certificate = certificate(read(certificates.get(i), name), name);
                    read.add(new TrustedKey(serialOf(certificate), certificate.getPublicKey(), certificate));
                }
                yield List.copyOf(read);
            }
            case PUBLIC_KEY -> {
                if (publicKeys.isEmpty()) {
                    throw new IllegalArgumentException(PREFIX + "public-keys is required in PUBLIC_KEY mode: set "
                            + PREFIX + "public-keys[0].id (PAYGATE_WECHAT_PUBLIC_KEY_ID) and " + PREFIX
                            + "public-keys[0].key.file (PAYGATE_WECHAT_PUBLIC_KEY_FILE) or .key.value");
                }
                var read = new java.util.ArrayList<TrustedKey>();
                for (int i = 0; i < publicKeys.size(); i++) {
                    String name = PREFIX + "public-keys[" + i + "]";
                    PublicKeyEntry entry = publicKeys.get(i);
                    if (!present(entry.id()) || !entry.id().strip().startsWith("PUB_KEY_ID_")) {
                        throw new IllegalArgumentException(name + ".id is required and starts with PUB_KEY_ID_");
                    }
                    if (entry.key() == null || !entry.key().isPresent()) {
                        throw new IllegalArgumentException(name + ".key is required: set " + name + ".key.file or " + name + ".key.value");
                    }
                    PublicKey key;
                    try {
                        key = PemKeys.readPublic(read(entry.key(), name + ".key"));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(name + ".key is not an RSA public key in X.509 PEM or Base64 form", e);
                    }
                    read.add(new TrustedKey(entry.id().strip(), key, null));
                }
                yield List.copyOf(read);
            }
        };
        var serials = new HashSet<String>();
        for (TrustedKey key : keys) {
            if (!serials.add(key.serial())) {
                throw new IllegalArgumentException(PREFIX + (verification == Verification.PUBLIC_KEY ? "public-keys" : "platform-certificates")
                        + " names " + key.serial() + " twice");
            }
        }
        return keys;
    }

    /** The serial WeChat Pay sends in {@code Wechatpay-Serial}: upper-case hex, as the SDK keys its certificates. */
    static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    private static X509Certificate certificate(String pem, String name) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(name + " is not an X.509 certificate in PEM form", e);
        }
    }

    private static String read(KeySource source, String name) {
        try {
            return source.read(name);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String required(String value, String key, String env) {
        if (!present(value)) {
            throw new IllegalArgumentException(PREFIX + key + " is required when " + PREFIX + "enabled=true (" + env + ")");
        }
        return value.strip();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never shows the APIv3 key. */
    @Override
    public String toString() {
        return "WechatSettings[enabled=" + enabled + ", mchid=" + mchid + ", appid=" + appid
                + ", apiV3Key=" + (apiV3Key == null ? "none" : "****") + ", verification=" + verification
                + ", platformCertificates=" + platformCertificates + ", publicKeys=" + publicKeys
                + ", timestampWindow=" + timestampWindow + "]";
    }
}
