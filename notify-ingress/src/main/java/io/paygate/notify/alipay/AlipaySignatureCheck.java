package io.paygate.notify.alipay;

import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.internal.util.codec.Base64;
import io.paygate.notify.alipay.NotificationRejected.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Pipeline step "verify": Alipay's RSA2 signature over every field except {@code sign} and
 * {@code sign_type}, checked by alipay-sdk-java with Alipay's public key for our application.
 * Verification is CPU work only (no I/O), so it runs inline on the request thread.
 *
 * <p>In certificate mode the key is the one of Alipay's public key certificate, taken from it
 * once at start after the certificate was checked against Alipay's root. That is what the SDK's
 * {@code rsaCertCheckV1} does too, except that it takes a file path and reads and parses the
 * certificate on every call: blocking I/O this step must not do on an event-loop thread.
 */
@Component
class AlipaySignatureCheck {

    /** The only signature type accepted; a notification claiming another is a downgrade attempt. */
    static final String RSA2 = "RSA2";
    /** RSA2's algorithm, as the SDK's {@code RSAEncryptor} names it. */
    private static final String SHA256_WITH_RSA = "SHA256WithRSA";

    private final PublicKey alipayPublicKey;

    @Autowired
    AlipaySignatureCheck(AlipaySettings settings) {
        this(settings.alipayPublicKeyBase64());
    }

    /** Parsed once: the SDK's {@code rsaCheckV1} parses the X.509 key again on every call (4.6% of the service's CPU). */
    AlipaySignatureCheck(String alipayPublicKeyBase64) {
        try {
            this.alipayPublicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.decodeBase64(alipayPublicKeyBase64.getBytes(StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Alipay's public key is not an X.509 RSA public key", e);
        }
    }

    void verify(AlipayForm form) {
        if (!form.has("sign")) {
            throw new NotificationRejected(Reason.SIGN_MISSING, "no sign field");
        }
        String signType = form.field("sign_type");
        if (signType != null && !RSA2.equals(signType)) {
            throw new NotificationRejected(Reason.SIGN_TYPE_UNSUPPORTED,
                    "sign_type '" + AlipayForm.printable(signType) + "' is not RSA2");
        }
        if (!signatureHolds(form)) {
            throw new NotificationRejected(Reason.SIGNATURE_INVALID, "the signature does not verify with Alipay's public key");
        }
    }

    /**
     * What the SDK's 4-argument {@code rsaCheckV1(fields, key, charset, "RSA2")} does, with the key
     * parsed once: the content is the SDK's own {@code getSignCheckContentV1} (every field but
     * {@code sign} and {@code sign_type}, sorted, empty values left out), in the form's charset,
     * checked with SHA256withRSA against {@code sign} decoded by the SDK's own lenient Base64. The
     * SDK removes fields from the map it is given, so it gets a fresh copy. A malformed signature
     * is a forgery too; exception messages may quote the signed content and are not logged.
     */
    private boolean signatureHolds(AlipayForm form) {
        try {
            String content = AlipaySignature.getSignCheckContentV1(new HashMap<>(form.fields()));
            Signature sha256WithRsa = Signature.getInstance(SHA256_WITH_RSA);
            sha256WithRsa.initVerify(alipayPublicKey);
            sha256WithRsa.update(content.getBytes(form.charset()));
            return sha256WithRsa.verify(Base64.decodeBase64(form.field("sign").getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
