package io.paygate.sandbox.wechat;

import io.paygate.common.keys.PemKeys;
import java.math.BigInteger;


import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sandbox's "WeChat Pay" identities: each key pair is both a WeChat Pay public key (with its
 * {@code PUB_KEY_ID_…}) and a platform certificate (with its serial). The newest one signs; older
 * ones stay listed and still sign answers to callers that name them, as during a real rotation.
 */
final class PlatformKeys {

    /**
     * One platform key pair.
     *
     * @param publicKeyId       its id in public-key mode
     * @param certificateSerial its certificate's serial in certificate mode
     */
    record PlatformKey(String publicKeyId, String certificateSerial, PrivateKey privateKey, PublicKey publicKey,
                       X509Certificate certificate) {

        String publicKeyPem() {
            return PemKeys.toPem(publicKey);
        }

        String certificatePem() {
            try {
                return "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The serial a response or notification carries in the given mode. */
        String serial(WechatSandboxSettings.Signing signing) {
            return signing == WechatSandboxSettings.Signing.PUBLIC_KEY ? publicKeyId : certificateSerial;
        }

        @Override
        public String toString() {
            return "PlatformKey[" + publicKeyId + ", " + certificateSerial + ", privateKey=****]";
        }
    }

    /** Which key signs and which serial goes into {@code Wechatpay-Serial}. */
    record SigningKey(String serial, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "SigningKey[" + serial + ", privateKey=****]";
        }
    }

    private static final Duration CERTIFICATE_LIFE = Duration.ofDays(5 * 365);

    private final List<PlatformKey> keys = new CopyOnWriteArrayList<>();
    private final PublicKey merchantPublic;
    private final Clock clock;
    private volatile PlatformKey active;

    PlatformKeys(WechatSandboxSettings settings, Clock clock) {
        this.clock = clock;
        String privateName = WechatSandboxSettings.PREFIX + ".platform-private-key";
        String merchantName = WechatSandboxSettings.PREFIX + ".merchant-public-key";
        PrivateKey platformPrivate;
        try {
            platformPrivate = PemKeys.readPrivate(settings.platformPrivateKey().read(privateName));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(privateName + " is not an RSA private key in PKCS#8 form (PEM or Base64)", e);
        }
        try {
            merchantPublic = PemKeys.readPublic(settings.merchantPublicKey().read(merchantName));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(merchantName + " is not an RSA public key in X.509 form (PEM or Base64)", e);
        }
        PublicKey platformPublic = PemKeys.publicOf(platformPrivate, privateName);
        if (Arrays.equals(platformPublic.getEncoded(), merchantPublic.getEncoded())) {
            throw new IllegalStateException(privateName + " belongs to the merchant: its public key equals " + merchantName
                    + ". The sandbox plays WeChat Pay and needs a key pair of its own.");
        }
        add(settings.publicKeyId(), new KeyPair(platformPublic, platformPrivate));
    }

    PublicKey merchantPublic() {
        return merchantPublic;
    }

    PlatformKey active() {
        return active;
    }

    /** Every key, oldest first. */
    List<PlatformKey> all() {
        return List.copyOf(keys);
    }

    /**
     * A new key pair with the next public key id and a new certificate; it signs from now on,
     * the previous ones stay listed (overlap).
     */
    synchronized PlatformKey rotate() {
        String last = keys.getLast().publicKeyId();
        String digits = last.substring("PUB_KEY_ID_".length());
        String next = String.format("%0" + digits.length() + "d", new BigInteger(digits).add(BigInteger.ONE));
        return add("PUB_KEY_ID_" + next, PemKeys.generateRsa());
    }

    /**
     * The key for an API answer: the one the caller names in its {@code Wechatpay-Serial} header
     * (public key id or certificate serial), else the active key in {@code fallback} mode.
     */
    SigningKey forAnswer(String requestSerial, WechatSandboxSettings.Signing fallback) {
        if (requestSerial != null) {
            for (PlatformKey key : keys) {
                if (requestSerial.equals(key.publicKeyId())) {
                    return new SigningKey(key.publicKeyId(), key.privateKey());
                }
                if (requestSerial.equalsIgnoreCase(key.certificateSerial())) {
                    return new SigningKey(key.certificateSerial(), key.privateKey());
                }
            }
        }
        return forNotification(fallback);
    }

    SigningKey forNotification(WechatSandboxSettings.Signing signing) {
        PlatformKey key = active;
        return new SigningKey(key.serial(signing), key.privateKey());
    }

    Optional<PlatformKey> find(String serial) {
        return keys.stream().filter(k -> k.publicKeyId().equals(serial) || k.certificateSerial().equalsIgnoreCase(serial)).findFirst();
    }

    private synchronized PlatformKey add(String publicKeyId, KeyPair pair) {
        Instant now = clock.instant();
        X509Certificate certificate = SelfSignedCertificate.issue(pair, "Tenpay.com sandbox " + publicKeyId,
                now.minus(Duration.ofDays(1)), now.plus(CERTIFICATE_LIFE));
        var key = new PlatformKey(publicKeyId, SelfSignedCertificate.serialOf(certificate), pair.getPrivate(),
                pair.getPublic(), certificate);
        keys.add(key);
        active = key;
        return key;
    }

    @Override
    public String toString() {
        return "PlatformKeys" + keys;
    }
}
