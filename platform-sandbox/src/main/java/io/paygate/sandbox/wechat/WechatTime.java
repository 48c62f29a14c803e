package io.paygate.sandbox.wechat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** WeChat Pay writes times as RFC 3339 in Beijing time: {@code 2024-01-01T12:01:00+08:00}. */
final class WechatTime {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(BEIJING);

    private WechatTime() {
    }

    static String format(Instant at) {
        return at == null ? null : RFC3339.format(at);
    }
}
