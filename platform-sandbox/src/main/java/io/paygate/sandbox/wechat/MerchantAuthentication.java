package io.paygate.sandbox.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks {@code Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,timestamp=…,serial_no=…,signature=…}
 * (ref §2.2, §10.3): over the raw path and query of the request line and the body as sent;
 * anything wrong is {@code 401 SIGN_ERROR}.
 */
final class MerchantAuthentication {

    static final String SCHEME = "WECHATPAY2-SHA256-RSA2048";
    private static final Pattern PAIR = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final Duration SKEW = Duration.ofMinutes(5);

    private final WechatSandboxSettings settings;
    private final PlatformKeys keys;
    private final Clock clock;

    MerchantAuthentication(WechatSandboxSettings settings, PlatformKeys keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * @param pathAndQuery the raw path (without the sandbox's optional {@code /wechat} prefix) and {@code ?query} if any
     * @throws WechatError 401 SIGN_ERROR
     */
    void check(String authorization, String method, String pathAndQuery, String body) {
        if (authorization == null || authorization.isBlank()) {
            throw WechatError.signError("签名错误: 缺少 Authorization 请求头");
        }
        if (!authorization.startsWith(SCHEME + " ")) {
            throw WechatError.signError("签名错误: 认证类型应为 " + SCHEME);
        }
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = PAIR.matcher(authorization.substring(SCHEME.length() + 1));
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        for (String name : new String[] {"mchid", "nonce_str", "timestamp", "serial_no", "signature"}) {
            if (fields.get(name) == null || fields.get(name).isEmpty()) {
                throw WechatError.signError("签名错误: Authorization 缺少 " + name);
            }
        }
        if (!settings.mchid().equals(fields.get("mchid"))) {
            throw WechatError.signError("签名错误: 商户号 " + fields.get("mchid") + " 不存在");
        }
        if (!settings.merchantSerial().equalsIgnoreCase(fields.get("serial_no"))) {
            throw WechatError.signError("签名错误: 商户证书序列号 " + fields.get("serial_no") + " 不存在或已过期");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.get("timestamp"));
        } catch (NumberFormatException e) {
            throw WechatError.signError("签名错误: timestamp 不是 Unix 秒数");
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs().compareTo(SKEW) >= 0) {
            throw WechatError.signError("签名错误: 请求时间戳与服务器时间相差超过5分钟");
        }
        String message = method + "\n" + pathAndQuery + "\n" + fields.get("timestamp") + "\n" + fields.get("nonce_str") + "\n"
                + body + "\n";
        if (!WechatCrypto.verify(message, fields.get("signature"), keys.merchantPublic())) {
            throw WechatError.signError("签名错误: 请检查签名参数和方法是否都符合签名算法要求");
        }
    }
}
