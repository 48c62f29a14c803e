package io.paygate.notify.wechat;

import io.paygate.notify.intake.RawBody;
import io.paygate.notify.wechat.WechatRejected.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Pipeline step "read": API v3 notifications are JSON in UTF-8 and nothing else. An XML body
 * (a v2-style notification, or an XXE payload) is refused by its content type or its first
 * character and never reaches an XML parser. The text is kept exactly as received: the
 * signature covers it byte for byte.
 */
final class WechatBody {

    private WechatBody() {
    }

    /** @return the body as UTF-8 text, exactly as received */
    static String read(String contentType, byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new WechatRejected(Reason.BODY_EMPTY, "no body");
        }
        if (!isJson(contentType)) {
            throw new WechatRejected(Reason.CONTENT_TYPE_UNSUPPORTED,
                    "content type '" + printable(String.valueOf(contentType)) + "' is not application/json");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WechatRejected(Reason.BODY_NOT_JSON, "body is not UTF-8");
        }
        String start = text.stripLeading();
        if (!start.startsWith("{")) {
            throw new WechatRejected(Reason.BODY_NOT_JSON, start.startsWith("<")
                    ? "body is XML (a v2 notification or worse); only API v3 JSON is read" : "body is not a JSON object");
        }
        return text;
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String charset = type.getParameter("charset");
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (charset == null || charset.replace("\"", "").toUpperCase(Locale.ROOT).equals("UTF-8"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static String printable(String text) {
        return RawBody.printable(text);
    }
}
