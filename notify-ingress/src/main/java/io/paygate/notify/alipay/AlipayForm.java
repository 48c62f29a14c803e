package io.paygate.notify.alipay;

import io.paygate.notify.alipay.NotificationRejected.Reason;
import io.paygate.notify.intake.RawBody;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Pipeline step "parse": an {@code application/x-www-form-urlencoded} body (or a return URL's
 * query string) as Alipay sends it, decoded in the charset its own {@code charset} field
 * names (UTF-8 when absent). Strict: a field named twice, a pair without {@code =} or a
 * broken escape is refused, never guessed at.
 *
 * @param fields  every field in the order received, values URL-decoded
 * @param charset the charset the values were decoded with, which is also the one they were signed in
 * @param text    the body as text, exactly as received
 */
record AlipayForm(Map<String, String> fields, Charset charset, String text) {

    /** The charsets Alipay's gateway offers merchants. */
    private static final Map<String, Charset> CHARSETS = Map.of(
            "utf-8", StandardCharsets.UTF_8,
            "gbk", Charset.forName("GBK"),
            "gb2312", Charset.forName("GB2312"));

    static AlipayForm parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new NotificationRejected(Reason.BODY_EMPTY, "no form fields");
        }
        Charset charset = declaredCharset(new String(raw, StandardCharsets.ISO_8859_1));
        String text = strictlyDecoded(raw, charset);
        var fields = new LinkedHashMap<String, String>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new NotificationRejected(Reason.FORM_MALFORMED, "a form pair has no name or no '='");
            }
            String name = urlDecoded(pair.substring(0, eq), charset);
            String value = urlDecoded(pair.substring(eq + 1), charset);
            if (fields.putIfAbsent(name, value) != null) {
                throw new NotificationRejected(Reason.FIELD_DUPLICATED, "field '" + printable(name) + "' appears more than once");
            }
        }
        if (fields.isEmpty()) {
            throw new NotificationRejected(Reason.BODY_EMPTY, "no form fields");
        }
        return new AlipayForm(Collections.unmodifiableMap(fields), charset, text);
    }

    /** The field's value, or null when it is absent or empty (Alipay drops empty fields from what it signs). */
    String field(String name) {
        String value = fields.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    boolean has(String name) {
        return field(name) != null;
    }

    /** The {@code charset} field is ASCII whatever the body's charset, so it can be read before the body is decoded. */
    private static Charset declaredCharset(String latin1) {
        for (String pair : latin1.split("&")) {
            if (pair.startsWith("charset=")) {
                String name = urlDecoded(pair.substring("charset=".length()), StandardCharsets.US_ASCII)
                        .strip().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    return StandardCharsets.UTF_8;
                }
                Charset charset = CHARSETS.get(name);
                if (charset == null) {
                    throw new NotificationRejected(Reason.CHARSET_UNSUPPORTED, "charset '" + printable(name) + "' is not one Alipay uses");
                }
                return charset;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String strictlyDecoded(byte[] raw, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new NotificationRejected(Reason.FORM_MALFORMED, "body is not valid " + charset.name());
        }
    }

    private static String urlDecoded(String text, Charset charset) {
        try {
            return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException e) {
            throw new NotificationRejected(Reason.FORM_MALFORMED, "broken %-escape in the form");
        }
    }

    /** Unverified input goes into log lines only shortened and without control characters. */
    static String printable(String text) {
        return RawBody.printable(text);
    }
}
