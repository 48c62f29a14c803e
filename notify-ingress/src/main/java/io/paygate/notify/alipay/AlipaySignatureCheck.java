package io.paygate.notify.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.notify.alipay.NotificationRejected.Reason;
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

    private final String alipayPublicKeyBase64;

    @Autowired
    AlipaySignatureCheck(AlipaySettings settings) {
        this(settings.alipayPublicKeyBase64());
    }

    AlipaySignatureCheck(String alipayPublicKeyBase64) {
        this.alipayPublicKeyBase64 = alipayPublicKeyBase64;
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
     * The SDK removes {@code sign} and {@code sign_type} from the map it is given, so it gets a
     * fresh mutable copy. Its 4-argument form is the one that honours RSA2 (the 3-argument one
     * checks SHA1). It throws rather than answers false for some malformed input (no sign, a
     * signature that is not Base64); those are forgeries too. Its exception messages quote the
     * signed content and the signature, so they are deliberately not logged.
     */
    private boolean signatureHolds(AlipayForm form) {
        try {
            return AlipaySignature.rsaCheckV1(new HashMap<>(form.fields()), alipayPublicKeyBase64, form.charset().name(), RSA2);
        } catch (AlipayApiException | RuntimeException e) {
            return false;
        }
    }
}
