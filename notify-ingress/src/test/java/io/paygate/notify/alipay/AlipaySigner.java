package io.paygate.notify.alipay;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Signs form fields the way Alipay signs notifications and returns, written from the
 * protocol description rather than with the SDK, so every test also checks the SDK's
 * verification against an independent implementation: every field except {@code sign} and
 * {@code sign_type}, empty values dropped, sorted by name, joined {@code k=v&...} with raw
 * values, SHA256withRSA over the bytes in the form's charset, Base64.
 */
public final class AlipaySigner {

    private final PrivateKey key;

    public AlipaySigner(PrivateKey key) {
        this.key = key;
    }

    /** The fields plus {@code sign_type=RSA2} and their {@code sign}, in the order given. */
    public Map<String, String> sign(Map<String, String> fields) {
        Charset charset = Charset.forName(fields.getOrDefault("charset", "utf-8"));
        var signed = new LinkedHashMap<>(fields);
        signed.put("sign_type", "RSA2");
        signed.put("sign", signature(content(fields), charset));
        return signed;
    }

    public static String content(Map<String, String> fields) {
        return new TreeMap<>(fields).entrySet().stream()
                .filter(e -> !e.getKey().equals("sign") && !e.getKey().equals("sign_type"))
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    private String signature(String content, Charset charset) {
        try {
            var signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(content.getBytes(charset));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields as an {@code application/x-www-form-urlencoded} body (also a query string), in the form's charset. */
    public static String form(Map<String, String> fields) {
        Charset charset = Charset.forName(fields.getOrDefault("charset", "utf-8"));
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), charset) + "=" + URLEncoder.encode(e.getValue(), charset))
                .collect(Collectors.joining("&"));
    }

    public static byte[] formBytes(Map<String, String> fields) {
        return form(fields).getBytes(StandardCharsets.US_ASCII);
    }

    /** A copy with one field replaced after signing, as a tampering middleman would. */
    public static Map<String, String> with(Map<String, String> fields, String name, String value) {
        var copy = new LinkedHashMap<>(fields);
        copy.put(name, value);
        return copy;
    }

    /** A copy without one field. */
    public static Map<String, String> without(Map<String, String> fields, String name) {
        var copy = new LinkedHashMap<>(fields);
        copy.remove(name);
        return copy;
    }

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
