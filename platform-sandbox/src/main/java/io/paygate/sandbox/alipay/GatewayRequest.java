package io.paygate.sandbox.alipay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One call to the gateway: query string and form body merged (ref §11.1), every name and value
 * decoded in the charset the request itself declares in {@code charset} (ref §11.2).
 *
 * @param params  the parameters in arrival order, query first
 * @param charset the declared charset, for decoding, verifying and answering
 */
record GatewayRequest(Map<String, String> params, Charset charset) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    GatewayRequest {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * @param rawQuery the query string as sent (still percent-encoded), or null
     * @param form     the {@code application/x-www-form-urlencoded} body bytes, possibly empty
     * @throws Failure.AlipayRefusal {@code isv.invalid-charset} for a charset Alipay does not take
     */
    static GatewayRequest parse(String rawQuery, byte[] form) {
        List<String[]> pairs = new ArrayList<>();
        split(rawQuery == null ? "" : rawQuery, pairs);
        split(new String(form, StandardCharsets.ISO_8859_1), pairs);
        Charset charset = declaredCharset(pairs);
        var params = new LinkedHashMap<String, String>();
        for (String[] pair : pairs) {
            // a name sent twice keeps its first value: the query (which carries sign) wins over the body
            params.putIfAbsent(decode(pair[0], charset), decode(pair[1], charset));
        }
        return new GatewayRequest(params, charset);
    }

    String get(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String method() {
        return get("method");
    }

    /** The charset's name as merchants write it, for {@code charset=} in answers. */
    String charsetName() {
        return charset.name().toLowerCase(Locale.ROOT);
    }

    /** {@code biz_content} as JSON. */
    JsonNode bizContent() {
        String biz = get("biz_content");
        if (biz == null) {
            throw Failure.missing("isv.missing-biz-content", "缺少biz_content参数").refusal();
        }
        try {
            JsonNode node = JSON.readTree(biz);
            if (!node.isObject()) {
                throw Failure.invalidParameter("biz_content must be a JSON object").refusal();
            }
            return node;
        } catch (JacksonException e) {
            throw Failure.invalidParameter("biz_content is not JSON").refusal();
        }
    }

    private static Charset declaredCharset(List<String[]> pairs) {
        for (String[] pair : pairs) {
            if (pair[0].equals("charset")) {
                String name = decode(pair[1], StandardCharsets.US_ASCII);
                return switch (name.toLowerCase(Locale.ROOT)) {
                    case "utf-8" -> StandardCharsets.UTF_8;
                    case "gbk" -> Charset.forName("GBK");
                    default -> throw Failure.invalid("isv.invalid-charset", "字符集不合法: " + name).refusal();
                };
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void split(String encoded, List<String[]> into) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            into.add(eq < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
    }

    /**
     * Form decoding at the byte level ({@code +} is a space, {@code %XX} a byte), then the bytes
     * read in {@code charset}: {@code URLDecoder} would mis-read GBK bytes sent unescaped.
     */
    private static String decode(String encoded, Charset charset) {
        var bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < encoded.length() && hex(encoded.charAt(i + 1)) >= 0 && hex(encoded.charAt(i + 2)) >= 0) {
                bytes.write(hex(encoded.charAt(i + 1)) * 16 + hex(encoded.charAt(i + 2)));
                i += 2;
            } else if (c <= 0xFF) {
                bytes.write(c);
            } else {
                // not form-encoded at all: take the text as the browser meant it
                int codePoint = encoded.codePointAt(i);
                bytes.writeBytes(Character.toString(codePoint).getBytes(charset));
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(charset);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
