package io.paygate.sandbox.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** SHA256withRSA signatures, nonces and AEAD_AES_256_GCM as WeChat Pay API v3 uses them (ref §2.2, §3.1, §4.1). */
final class WechatCrypto {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private WechatCrypto() {
    }

    static String sign(String message, PrivateKey key) {
        try {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    static boolean verify(String message, String base64Signature, PublicKey key) {
        try {
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code timestamp\nnonce\nbody\n}: what responses and notifications are signed over. */
    static String responseMessage(String timestamp, String nonce, String body) {
        return timestamp + "\n" + nonce + "\n" + body + "\n";
    }

    /** 32 lower-case hex characters, like real response nonces. */
    static String hexNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String alphanumeric(int length) {
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    static String digits(int length) {
        var out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }

    /**
     * AES-256-GCM with the API v3 key as UTF-8 bytes, the 12-character nonce as raw ASCII bytes
     * for IV and the associated data as AAD; Base64 of ciphertext and 16-byte tag.
     */
    static Encrypted encrypt(String apiV3Key, String associatedData, String plaintext) {
        String nonce = alphanumeric(12);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.US_ASCII)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Encrypted(Base64.getEncoder().encodeToString(sealed), nonce, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt with AEAD_AES_256_GCM", e);
        }
    }

    /** An encrypted resource: Base64 ciphertext with tag, the nonce and the associated data used. */
    record Encrypted(String ciphertext, String nonce, String associatedData) {
    }
}
