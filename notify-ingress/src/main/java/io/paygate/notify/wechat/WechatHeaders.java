package io.paygate.notify.wechat;

import io.paygate.notify.wechat.WechatRejected.Reason;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import org.springframework.http.HttpHeaders;

/**
 * Pipeline step "headers": the four {@code Wechatpay-*} headers a v3 notification is signed
 * with. Names are matched case-insensitively (Spring's {@link HttpHeaders} does), values taken
 * as sent.
 *
 * @param timestamp {@code Wechatpay-Timestamp}, unix seconds as text
 * @param nonce     {@code Wechatpay-Nonce}
 * @param signature {@code Wechatpay-Signature}, Base64; never logged
 * @param serial    {@code Wechatpay-Serial}: platform certificate serial or {@code PUB_KEY_ID_…}
 * @param signType  {@code Wechatpay-Signature-Type}, or null
 */
record WechatHeaders(String timestamp, String nonce, String signature, String serial, String signType) {

    static final String TIMESTAMP = "Wechatpay-Timestamp";
    static final String NONCE = "Wechatpay-Nonce";
    static final String SIGNATURE = "Wechatpay-Signature";
    static final String SERIAL = "Wechatpay-Serial";
    static final String SIGNATURE_TYPE = "Wechatpay-Signature-Type";
    /** WeChat Pay's deliberately wrong signatures, sent to check that merchants verify. */
    static final String SIGNATURE_PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

    static WechatHeaders from(HttpHeaders headers) {
        var missing = new ArrayList<String>();
        String timestamp = value(headers, TIMESTAMP, missing);
        String nonce = value(headers, NONCE, missing);
        String signature = value(headers, SIGNATURE, missing);
        String serial = value(headers, SERIAL, missing);
        if (!missing.isEmpty()) {
            throw new WechatRejected(Reason.HEADERS_MISSING, "missing " + String.join(", ", missing));
        }
        String signType = headers.getFirst(SIGNATURE_TYPE);
        return new WechatHeaders(timestamp, nonce, signature, serial, signType == null || signType.isBlank() ? null : signType.strip());
    }

    /** The SDK does not look at the timestamp at all, so a replay of any age would verify without this. */
    void checkFresh(Instant now, Duration window) {
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | DateTimeException e) {
            throw new WechatRejected(Reason.TIMESTAMP_INVALID,
                    TIMESTAMP + " '" + WechatBody.printable(timestamp) + "' is not unix seconds");
        }
        Duration skew = Duration.between(sent, now).abs();
        if (skew.compareTo(window) > 0) {
            throw new WechatRejected(Reason.TIMESTAMP_STALE,
                    TIMESTAMP + " is " + skew.toSeconds() + "s from our clock, more than " + window);
        }
    }

    void rejectSignatureProbe() {
        if (signature.startsWith(SIGNATURE_PROBE_PREFIX)) {
            throw new WechatRejected(Reason.SIGNATURE_PROBE, "a " + SIGNATURE_PROBE_PREFIX + " signature probe");
        }
    }

    private static String value(HttpHeaders headers, String name, java.util.List<String> missing) {
        String value = headers.getFirst(name);
        if (value == null || value.isBlank()) {
            missing.add(name);
            return null;
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "WechatHeaders[timestamp=" + timestamp + ", serial=" + serial + "]";
    }
}
