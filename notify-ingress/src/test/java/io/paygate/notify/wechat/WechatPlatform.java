package io.paygate.notify.wechat;

import io.paygate.common.keys.PemKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.x509.X509V3CertificateGenerator;

/**
 * A test stand-in for WeChat Pay's notification sender: one signing key, named either by a
 * self-signed platform certificate's serial or by a public key id, and the APIv3 key of the
 * merchant it encrypts for. Builds notifications byte for byte the way WeChat Pay does.
 */
final class WechatPlatform {

    static final String SIGN_TYPE = "WECHATPAY2-SHA256-RSA2048";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final String serial;
    private final X509Certificate certificate;

    private WechatPlatform(KeyPair keys, String serial, X509Certificate certificate) {
        this.keys = keys;
        this.serial = serial;
        this.certificate = certificate;
    }

    /** Signs as a platform certificate, serial = the certificate's serial in upper-case hex. */
    static WechatPlatform withCertificate() {
        KeyPair keys = PemKeys.generateRsa();
        X509Certificate certificate = selfSigned(keys);
        return new WechatPlatform(keys, certificate.getSerialNumber().toString(16).toUpperCase(), certificate);
    }

    /** Signs as a WeChat Pay public key with id {@code PUB_KEY_ID_…}. */
    static WechatPlatform withPublicKey() {
        return new WechatPlatform(PemKeys.generateRsa(), "PUB_KEY_ID_0" + (1_000_000_000L + RANDOM.nextInt(1_000_000_000)), null);
    }

    String serial() {
        return serial;
    }

    String publicKeyPem() {
        return PemKeys.toPem(keys.getPublic());
    }

    String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed notification carrying {@code resource} encrypted with {@code apiV3Key}. */
    Delivery notify(String apiV3Key, String eventType, String resourceJson, Instant sentAt) {
        String originalType = eventType.startsWith("REFUND") ? "refund" : "transaction";
        String nonce = nonce(12);
        String body = envelope("EV-" + Long.toString(Math.abs(RANDOM.nextLong()), 36), eventType, originalType,
                encrypt(apiV3Key, resourceJson, originalType, nonce), originalType, nonce);
        return sign(body, sentAt);
    }

    /** Signs any body text as it stands. */
    Delivery sign(String body, Instant sentAt) {
        String timestamp = Long.toString(sentAt.getEpochSecond());
        String nonce = nonce(32);
        return new Delivery(body, timestamp, nonce, signature(timestamp + "\n" + nonce + "\n" + body + "\n"), serial);
    }

    static String envelope(String id, String eventType, String originalType, String ciphertext, String associatedData, String nonce) {
        return "{\"id\":\"" + id + "\",\"create_time\":\"2026-11-26T17:31:02+08:00\",\"resource_type\":\"encrypt-resource\","
                + "\"event_type\":\"" + eventType + "\",\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"" + originalType
                + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\",\"associated_data\":\""
                + associatedData + "\",\"nonce\":\"" + nonce + "\"}}";
    }

    /** AES-256-GCM as WeChat Pay does it: key = APIv3 key bytes, IV = the 12 nonce characters, AAD = associated_data. */
    static String encrypt(String apiV3Key, String plaintext, String associatedData, String nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String signature(String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String nonce(int length) {
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @SuppressWarnings("deprecation")
    private static X509Certificate selfSigned(KeyPair keys) {
        try {
            var generator = new X509V3CertificateGenerator();
            var name = new X500Principal("CN=Tenpay.com Root CA test, O=paygate test");
            generator.setSerialNumber(new BigInteger(1, HexFormat.of().parseHex("5157F09EFDC096DE15EBE81A4705" + HexFormat.of().toHexDigits(RANDOM.nextInt()).toUpperCase())));
            generator.setIssuerDN(name);
            generator.setSubjectDN(name);
            generator.setNotBefore(Date.from(Instant.now().minusSeconds(86_400)));
            generator.setNotAfter(Date.from(Instant.now().plusSeconds(86_400 * 365L)));
            generator.setPublicKey(keys.getPublic());
            generator.setSignatureAlgorithm("SHA256withRSA");
            return generator.generate(keys.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One notification as sent: body and the four headers.
     */
    record Delivery(String body, String timestamp, String nonce, String signature, String serial) {

        Map<String, String> headers() {
            var headers = new LinkedHashMap<String, String>();
            headers.put("Wechatpay-Timestamp", timestamp);
            headers.put("Wechatpay-Nonce", nonce);
            headers.put("Wechatpay-Signature", signature);
            headers.put("Wechatpay-Serial", serial);
            headers.put("Wechatpay-Signature-Type", SIGN_TYPE);
            return headers;
        }

        Delivery withBody(String otherBody) {
            return new Delivery(otherBody, timestamp, nonce, signature, serial);
        }

        Delivery withSignature(String otherSignature) {
            return new Delivery(body, timestamp, nonce, otherSignature, serial);
        }
    }
}
