package io.paygate.sandbox.alipay;

import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Alipay's RSA signatures, written here from the protocol rather than borrowed from the SDK, so
 * that the SDK in the tests checks an independent implementation.
 */
final class Signatures {

    /** A merchant request is signed over everything but {@code sign} (ref §2.3). */
    static final Set<String> REQUEST_EXCLUDES = Set.of("sign");
    /** Notifications and browser returns leave out {@code sign_type} too (ref §5.2). */
    static final Set<String> NOTIFICATION_EXCLUDES = Set.of("sign", "sign_type");

    private Signatures() {
    }

    /**
     * The signed text: the parameters minus {@code excluded} and minus empty values, sorted by
     * name in code-unit order, joined as raw {@code name=value} pairs with {@code &}.
     */
    static String content(Map<String, String> params, Set<String> excluded) {
        return new TreeMap<>(params).entrySet().stream()
                .filter(e -> !excluded.contains(e.getKey()))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    static String sign(String content, Charset charset, SignType type, PrivateKey key) {
        try {
            var signature = Signature.getInstance(type.algorithm());
            signature.initSign(key);
            signature.update(content.getBytes(charset));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + type, e);
        }
    }

    static boolean verify(String content, String sign, Charset charset, SignType type, PublicKey key) {
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getMimeDecoder().decode(sign);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            var signature = Signature.getInstance(type.algorithm());
            signature.initVerify(key);
            signature.update(content.getBytes(charset));
            return signature.verify(signatureBytes);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + type, e);
        }
    }
}
