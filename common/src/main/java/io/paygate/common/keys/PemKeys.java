package io.paygate.common.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * RSA keys as PEM text (PKCS#8 private keys, X.509 SubjectPublicKeyInfo public keys), the
 * form platforms hand out and other tools read. A value may be PEM text or the bare Base64
 * body; both are accepted.
 */
public final class PemKeys {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private PemKeys() {
    }

    public static KeyPair generateRsa() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    public static String toPem(PrivateKey key) {
        return armour(PRIVATE, key.getEncoded());
    }

    public static String toPem(PublicKey key) {
        return armour(PUBLIC, key.getEncoded());
    }

    /** The Base64 body without armour or line breaks, as alipay-sdk-java expects keys. */
    public static String base64Body(String pemOrBase64) {
        String body = pemOrBase64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("key is empty");
        }
        Base64.getDecoder().decode(body);
        return body;
    }

    public static PrivateKey readPrivate(String pemOrBase64) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Body(pemOrBase64))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 form", e);
        }
    }

    /**
     * The public half of an RSA private key that carries it (PKCS#8 keys do).
     *
     * @param name the setting the key came from, for the message
     * @throws IllegalStateException when the key is not a complete RSA private key
     */
    public static PublicKey publicOf(java.security.PrivateKey key, String name) {
        if (!(key instanceof java.security.interfaces.RSAPrivateCrtKey crt)) {
            throw new IllegalStateException(name + " must be a complete RSA private key (with its public exponent)");
        }
        try {
            return java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(name + ": cannot derive its public key", e);
        }
    }

    public static PublicKey readPublic(String pemOrBase64) {
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Body(pemOrBase64))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key in X.509 form", e);
        }
    }

    public static void write(Path file, String pem) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write key file " + file, e);
        }
    }

    private static String armour(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
