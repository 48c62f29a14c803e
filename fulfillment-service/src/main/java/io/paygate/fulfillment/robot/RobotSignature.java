package io.paygate.fulfillment.robot;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a robot message is signed: lowercase hex of {@code HMAC-SHA256(secret, timestamp + "." + body)},
 * where timestamp is the decimal Unix time in seconds sent in {@value Robot#TIMESTAMP_HEADER} and body
 * is the exact UTF-8 request body. docs/fulfillment.md describes the check a receiver makes.
 */
final class RobotSignature {

    private RobotSignature() {
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
