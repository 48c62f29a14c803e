package io.paygate.common.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Alipay's public-key certificate mode (公钥证书模式) for a local run: a root CA standing in for
 * Alipay's, the "Alipay public key certificate" over the sandbox's platform key and the
 * "application public key certificate" over the merchant application's key, both issued by that
 * root. RSA-2048 keys, SHA256withRSA signatures, PEM files as Alipay's console hands them out.
 *
 * <p>Also the certificate serial numbers ("SN") both sides exchange in that mode: the MD5, in 32
 * lower-case hex digits, of the issuer's RFC 2253 name followed by the decimal serial number;
 * the root SN joins the SNs of every RSA-signed certificate of the root file with {@code _}.
 *
 * <p>{@code main} adds the certificates to the local key folder made by {@link KeyFiles}.
 */
public final class AlipayCertificates {

    /** The root CA's key pair; only needed to issue certificates, never by a running service. */
    public static final String ROOT_PRIVATE = "alipay-root-private.pem";
    public static final String ROOT_PUBLIC = "alipay-root-public.pem";
    /** Alipay's {@code alipayRootCert.crt}. */
    public static final String ROOT_CERT = "alipay-root-cert.crt";
    /** Alipay's {@code alipayCertPublicKey_RSA2.crt}: the platform key, issued by the root. */
    public static final String ALIPAY_PUBLIC_CERT = "alipay-public-cert.crt";
    /** Alipay's {@code appCertPublicKey_<APPID>.crt}: the application key, issued by the root. */
    public static final String APP_CERT = "alipay-app-cert.crt";

    static final String ROOT_NAME = "paygate sandbox Alipay Root CA";
    static final String ALIPAY_NAME = "paygate sandbox Alipay";
    static final String APP_NAME = "paygate merchant application";

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    /** Every RSA signature algorithm's OID starts here; the root SN counts only those certificates. */
    private static final String RSA_SIGNATURE_ARC = "1.2.840.113549.1.1";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(1825);
    /** A certificate closer than this to its end is replaced by {@link #ensureLocalSet}. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The three files a merchant (and the sandbox) configure in certificate mode.
     *
     * @param rootCert         the root CA certificate ({@code alipayRootCert.crt})
     * @param alipayPublicCert the platform key's certificate ({@code alipayCertPublicKey_RSA2.crt})
     * @param appCert          the application key's certificate ({@code appCertPublicKey_<APPID>.crt})
     */
    public record LocalSet(Path rootCert, Path alipayPublicCert, Path appCert) {
    }

    private AlipayCertificates() {
    }

    /** A self-signed CA certificate over {@code root}, valid from a day ago for {@code validity}. */
    public static X509Certificate issueRoot(KeyPair root, String commonName, Duration validity) {
        Instant now = Instant.now();
        return issue(name(commonName, "Certification Authority"), root.getPrivate(), name(commonName, "Certification Authority"),
                root.getPublic(), true, now.minus(Duration.ofDays(1)), now.plus(validity));
    }

    /** An end-entity certificate over {@code subjectKey}, signed by {@code issuerKey} in the name of {@code issuer}. */
    public static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, PublicKey subjectKey, String commonName,
                                        Duration validity) {
        Instant now = Instant.now();
        return issue(issuer.getSubjectX500Principal().getEncoded(), issuerKey, name(commonName, "Alipay"), subjectKey, false,
                now.minus(Duration.ofDays(1)), now.plus(validity));
    }

    /** Like {@link #issue(X509Certificate, PrivateKey, PublicKey, String, Duration)} with explicit dates, for tests of expiry. */
    public static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, PublicKey subjectKey, String commonName,
                                        Instant notBefore, Instant notAfter) {
        return issue(issuer.getSubjectX500Principal().getEncoded(), issuerKey, name(commonName, "Alipay"), subjectKey, false,
                notBefore, notAfter);
    }

    /** The certificate SN as Alipay computes it: MD5 of issuer name (RFC 2253) + decimal serial, 32 hex digits. */
    public static String certSn(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(
                    (certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }

    /** The root SN of a root certificate file: the SNs of its RSA-signed certificates joined by {@code _}. */
    public static String rootCertSn(List<X509Certificate> roots) {
        return roots.stream()
                .filter(c -> c.getSigAlgOID().startsWith(RSA_SIGNATURE_ARC))
                .map(AlipayCertificates::certSn)
                .collect(Collectors.joining("_"));
    }

    public static String toPem(X509Certificate... certificates) {
        var pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
                pem.append("-----BEGIN CERTIFICATE-----\n").append(body).append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalArgumentException("certificate cannot be encoded", e);
            }
        }
        return pem.toString();
    }

    /**
     * Every certificate in PEM text (a root file may hold several).
     *
     * @throws IllegalArgumentException when the text holds no certificate or something else
     */
    public static List<X509Certificate> readAll(String pem) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate found");
            }
            return certificates.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not X.509 certificates in PEM form", e);
        }
    }

    /** The one certificate of PEM text; a file with several is refused rather than guessed at. */
    public static X509Certificate read(String pem) {
        List<X509Certificate> all = readAll(pem);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one certificate, found " + all.size());
        }
        return all.getFirst();
    }

    /**
     * The certificate a file stands for: its first. Alipay's certificate files may carry the
     * issuing intermediate CA after it; alipay-sdk-java reads only the first, and so do SNs.
     */
    public static X509Certificate first(String pem) {
        return readAll(pem).getFirst();
    }

    /**
     * The root of {@code roots} that the first certificate of {@code chain} leads to, directly
     * or through the other certificates of {@code chain} (Alipay's intermediates); empty when
     * it leads to none of them.
     */
    public static Optional<X509Certificate> rootOf(List<X509Certificate> chain, List<X509Certificate> roots) {
        X509Certificate current = chain.getFirst();
        for (int depth = 0; depth <= chain.size(); depth++) {
            X509Certificate certificate = current;
            Optional<X509Certificate> root = roots.stream().filter(r -> issuedBy(certificate, r)).findFirst();
            if (root.isPresent()) {
                return root;
            }
            Optional<X509Certificate> issuer = chain.stream().filter(c -> c != certificate && issuedBy(certificate, c)).findFirst();
            if (issuer.isEmpty()) {
                return Optional.empty();
            }
            current = issuer.get();
        }
        return Optional.empty();
    }

    /** Whether {@code certificate} names {@code issuer} as its issuer and carries a signature of the issuer's key. */
    public static boolean issuedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Makes the certificate set in {@code dir} next to the Alipay key pairs of {@link KeyFiles}
     * (creating those too when missing). Existing certificates are kept while they still match
     * their keys, chain to the root and have more than 30 days left; otherwise they are issued
     * again, so that new key pairs get new certificates.
     */
    public static LocalSet ensureLocalSet(Path dir) {
        KeyFiles.ensurePair(dir.resolve(KeyFiles.ALIPAY_APP_PRIVATE), dir.resolve(KeyFiles.ALIPAY_APP_PUBLIC));
        KeyFiles.ensurePair(dir.resolve(KeyFiles.ALIPAY_PLATFORM_PRIVATE), dir.resolve(KeyFiles.ALIPAY_PLATFORM_PUBLIC));
        KeyFiles.ensurePair(dir.resolve(ROOT_PRIVATE), dir.resolve(ROOT_PUBLIC));
        var root = new KeyPair(PemKeys.readPublic(readText(dir.resolve(ROOT_PUBLIC))), PemKeys.readPrivate(readText(dir.resolve(ROOT_PRIVATE))));
        Path rootFile = dir.resolve(ROOT_CERT);
        X509Certificate rootCert = current(rootFile, root.getPublic(), null);
        boolean rootIssued = rootCert == null;
        if (rootIssued) {
            rootCert = issueRoot(root, ROOT_NAME, ROOT_VALIDITY);
            PemKeys.write(rootFile, toPem(rootCert));
        }
        ensureLeaf(dir.resolve(ALIPAY_PUBLIC_CERT), PemKeys.readPublic(readText(dir.resolve(KeyFiles.ALIPAY_PLATFORM_PUBLIC))),
                ALIPAY_NAME, rootCert, root.getPrivate(), rootIssued);
        ensureLeaf(dir.resolve(APP_CERT), PemKeys.readPublic(readText(dir.resolve(KeyFiles.ALIPAY_APP_PUBLIC))),
                APP_NAME, rootCert, root.getPrivate(), rootIssued);
        return new LocalSet(rootFile, dir.resolve(ALIPAY_PUBLIC_CERT), dir.resolve(APP_CERT));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "keys");
        KeyFiles.ensureLocalSet(dir);
        LocalSet set = ensureLocalSet(dir);
        System.out.println("Alipay certificates ready in " + dir.toAbsolutePath() + ": " + set.rootCert().getFileName() + ", "
                + set.alipayPublicCert().getFileName() + ", " + set.appCert().getFileName());
    }

    private static void ensureLeaf(Path file, PublicKey key, String commonName, X509Certificate root, PrivateKey rootKey,
                                   boolean rootIssued) {
        if (!rootIssued && current(file, key, root) != null) {
            return;
        }
        PemKeys.write(file, toPem(issue(root, rootKey, key, commonName, LEAF_VALIDITY)));
    }

    /** The certificate in {@code file} if it is usable as it is: over {@code key}, issued by {@code issuer} (when given), not near its end. */
    private static X509Certificate current(Path file, PublicKey key, X509Certificate issuer) {
        if (!Files.exists(file)) {
            return null;
        }
        X509Certificate certificate;
        try {
            certificate = read(readText(file));
        } catch (IllegalArgumentException e) {
            return null;
        }
        boolean sameKey = Arrays.equals(certificate.getPublicKey().getEncoded(), key.getEncoded());
        boolean chained = issuer == null || issuedBy(certificate, issuer);
        boolean fresh = certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
        return sameKey && chained && fresh ? certificate : null;
    }

    private static byte[] name(String commonName, String organisationalUnit) {
        return Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.6"), Der.printableString("CN"))),
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("paygate sandbox"))),
                Der.set(Der.sequence(Der.oid("2.5.4.11"), Der.utf8String(organisationalUnit))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName))));
    }

    private static X509Certificate issue(byte[] issuerName, PrivateKey issuerKey, byte[] subjectName, PublicKey subjectKey,
                                         boolean ca, Instant notBefore, Instant notAfter) {
        byte[] serial = new byte[16];
        RANDOM.nextBytes(serial);
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
        // basicConstraints (critical) and keyUsage (critical): CA with keyCertSign + cRLSign, or an end entity that signs
        byte[] basicConstraints = Der.sequence(Der.oid("2.5.29.19"), Der.bool(true),
                Der.octetString(ca ? Der.sequence(Der.bool(true)) : Der.sequence()));
        byte[] keyUsage = Der.sequence(Der.oid("2.5.29.15"), Der.bool(true),
                Der.octetString(ca ? Der.bitString(new byte[] {0x06}, 1) : Der.bitString(new byte[] {(byte) 0x80}, 7)));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(1, serial)),
                algorithm,
                issuerName,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                subjectName,
                subjectKey.getEncoded(),
                Der.explicit(3, Der.sequence(basicConstraints, keyUsage)));
        try {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(issuerKey);
            signer.update(tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign(), 0));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
