package io.paygate.notify.wechat;

import com.wechat.pay.java.core.certificate.InMemoryCertificateProvider;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.exception.DecryptionException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import io.paygate.notify.wechat.WechatRejected.Reason;
import io.paygate.notify.wechat.WechatSettings.TrustedKey;
import io.paygate.notify.wechat.WechatSettings.Verification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Pipeline step "verify and decrypt", done by wechatpay-java's {@link NotificationParser}: the
 * SHA256withRSA signature over {@code timestamp\nnonce\nbody\n} with the key named by
 * {@code Wechatpay-Serial}, then AES-256-GCM decryption of {@code resource} with the APIv3 key.
 * The key is chosen from our own trust list, never from the request; several keys are trusted at
 * once so that a rotation drops no notification. CPU work only, so it runs on the request thread.
 * The SDK's exception messages quote the signed message and the signature, so they are never logged.
 */
@Component
class WechatSignatureCheck {

    static final String SIGN_TYPE = "WECHATPAY2-SHA256-RSA2048";
    static final String CIPHER = "AEAD_AES_256_GCM";

    private final Set<String> serials;
    private final NotificationParser parser;

    @Autowired
    WechatSignatureCheck(WechatSettings settings) {
        this(settings.enabled() ? settings.trustedKeys() : List.of(), settings.apiV3Key(), settings.verification());
    }

    WechatSignatureCheck(List<TrustedKey> keys, String apiV3Key, Verification verification) {
        this.serials = keys.stream().map(TrustedKey::serial).collect(Collectors.toUnmodifiableSet());
        this.parser = keys.isEmpty() ? null : new NotificationParser(
                Map.of(SIGN_TYPE, verifier(keys, verification)),
                Map.<String, AeadCipher>of(CIPHER, new AeadAesCipher(apiV3Key.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Platform certificates go to the SDK's certificate provider, which finds them by serial. The
     * SDK's public-key verifier knows one key id only, so with several public keys each id gets
     * its own and the serial picks one.
     */
    private static Verifier verifier(List<TrustedKey> keys, Verification verification) {
        if (verification == Verification.PLATFORM_CERTIFICATE) {
            return new RSAVerifier(new InMemoryCertificateProvider(keys.stream().map(TrustedKey::certificate).toList()));
        }
        var byId = new LinkedHashMap<String, Verifier>();
        keys.forEach(key -> byId.put(key.serial(), new RSAVerifier(key.publicKey(), key.serial())));
        return new Verifier() {
            @Override
            public boolean verify(String serialNumber, String message, String signature) {
                Verifier verifier = byId.get(serialNumber);
                return verifier != null && verifier.verify(serialNumber, message, signature);
            }

            @Override
            public String getSerialNumber() {
                return byId.keySet().iterator().next();
            }
        };
    }

    /**
     * @param type the class the decrypted resource is read into by the SDK's JSON mapping
     * @return the decrypted resource
     */
    <T> T verifiedAndDecrypted(WechatHeaders headers, String body, Class<T> type) {
        if (!serials.contains(headers.serial())) {
            throw new WechatRejected(Reason.SERIAL_UNKNOWN,
                    "Wechatpay-Serial '" + WechatBody.printable(headers.serial()) + "' is none of the keys we trust");
        }
        try {
            Base64.getDecoder().decode(headers.signature());
        } catch (IllegalArgumentException e) {
            throw new WechatRejected(Reason.SIGNATURE_INVALID, "Wechatpay-Signature is not Base64");
        }
        RequestParam request = new RequestParam.Builder()
                .serialNumber(headers.serial())
                .nonce(headers.nonce())
                .signature(headers.signature())
                .timestamp(headers.timestamp())
                .signType(headers.signType())
                .body(body)
                .build();
        T decrypted;
        try {
            decrypted = parser.parse(request, type);
        } catch (ValidationException e) {
            throw new WechatRejected(Reason.SIGNATURE_INVALID, "the signature does not verify with the key named by Wechatpay-Serial");
        } catch (DecryptionException e) {
            throw new WechatRejected(Reason.RESOURCE_UNDECRYPTABLE, "the resource does not decrypt with our APIv3 key");
        } catch (RuntimeException e) {
            // signed, but not the envelope the SDK reads (Gson syntax errors, missing resource fields)
            throw new WechatRejected(Reason.BODY_MALFORMED, "signed body is not a v3 notification envelope ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (decrypted == null) {
            throw new WechatRejected(Reason.BODY_MALFORMED, "the resource decrypted to nothing");
        }
        return decrypted;
    }
}
