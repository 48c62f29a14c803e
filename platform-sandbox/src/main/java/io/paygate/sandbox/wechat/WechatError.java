package io.paygate.sandbox.wechat;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An answer other than success, in WeChat Pay's form: an HTTP status and
 * {@code {"code","message"[,"detail"]}} (ref §3.2, §8).
 */
final class WechatError extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> detail;

    WechatError(HttpStatus status, String code, String message, Map<String, Object> detail) {
        super(message);
        this.status = status;
        this.code = code;
        this.detail = detail;
    }

    WechatError(HttpStatus status, String code, String message) {
        this(status, code, message, null);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> detail() {
        return detail;
    }

    static WechatError signError(String message) {
        return new WechatError(HttpStatus.UNAUTHORIZED, "SIGN_ERROR", message);
    }

    /** A field breaks its format rule; {@code field} is a JSON pointer into the body. */
    static WechatError paramError(String field, String issue) {
        return new WechatError(HttpStatus.BAD_REQUEST, "PARAM_ERROR", "参数错误: " + field + " " + issue,
                Map.of("field", field, "issue", issue, "location", "body"));
    }

    static WechatError invalidRequest(String message) {
        return new WechatError(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", message);
    }

    static WechatError orderNotExist() {
        return new WechatError(HttpStatus.NOT_FOUND, "ORDER_NOT_EXIST", "订单不存在");
    }

    static WechatError resourceNotExists(String message) {
        return new WechatError(HttpStatus.NOT_FOUND, "RESOURCE_NOT_EXISTS", message);
    }
}
