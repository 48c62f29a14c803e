package io.paygate.sandbox.wechat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A self-signed X.509 v3 certificate over a platform key pair, written with a few lines of DER
 * (no BouncyCastle on the sandbox's class path, no {@code sun.security}). wechatpay-java does not
 * validate the chain of platform certificates (ref §10.13), it only reads the key and the serial.
 */
final class SelfSignedCertificate {

    private static final byte[] SHA256_WITH_RSA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B};
    private static final byte[] COUNTRY = {0x06, 0x03, 0x55, 0x04, 0x06};
    private static final byte[] ORGANISATION = {0x06, 0x03, 0x55, 0x04, 0x0A};
    private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {
    }

    /** A certificate valid from {@code notBefore} to {@code notAfter} (both before 2050: UTCTime) with a random 40-hex-digit serial. */
    static X509Certificate issue(KeyPair pair, String commonName, Instant notBefore, Instant notAfter) {
        byte[] serial = new byte[20];
        RANDOM.nextBytes(serial);
        serial[0] = (byte) (0x10 | (serial[0] & 0x6F)); // positive and 40 hex digits without a leading zero
        byte[] algorithm = sequence(SHA256_WITH_RSA, new byte[] {0x05, 0x00});
        byte[] name = sequence(
                set(sequence(COUNTRY, tlv(0x13, "CN".getBytes(StandardCharsets.US_ASCII)))),
                set(sequence(ORGANISATION, tlv(0x0C, "Tenpay.com".getBytes(StandardCharsets.UTF_8)))),
                set(sequence(COMMON_NAME, tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = sequence(utcTime(notBefore), utcTime(notAfter));
        byte[] tbs = sequence(
                tlv(0xA0, integer(BigInteger.TWO)),
                integer(new BigInteger(1, serial)),
                algorithm, name, validity, name,
                pair.getPublic().getEncoded());
        try {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(pair.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] der = sequence(tbs, algorithm, tlv(0x03, bitString));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the sandbox's platform certificate", e);
        }
    }

    /** The serial as WeChat Pay and wechatpay-java write it: upper-case hex. */
    static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    private static byte[] utcTime(Instant at) {
        return tlv(0x17, UTC_TIME.format(at).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFF ? 3 : (length > 0xFF ? 2 : 1);
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xFF);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
