package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void aRequestIsSignedOverEverythingButSignSortedWithRawValues() {
        // the captured alipay.trade.query of ref §2.1, with its exact signed text from §2.3
        Map<String, String> params = new HashMap<>(Map.of(
                "charset", "utf-8", "method", "alipay.trade.query", "sign", "IGUC==", "version", "1.0",
                "app_id", "2021000000000001", "sign_type", "RSA2", "timestamp", "2026-11-27 01:26:54",
                "alipay_sdk", "alipay-sdk-java-4.40.734.ALL", "format", "json",
                "biz_content", "{\"out_trade_no\":\"20240101120000000001\"}"));
        params.put("notify_url", "");

        assertThat(Signatures.content(params, Signatures.REQUEST_EXCLUDES)).isEqualTo(
                "alipay_sdk=alipay-sdk-java-4.40.734.ALL&app_id=2021000000000001&biz_content={\"out_trade_no\":\"20240101120000000001\"}"
                        + "&charset=utf-8&format=json&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-11-27 01:26:54&version=1.0");
    }

    @Test
    void aNotificationLeavesOutSignTypeToo() {
        var params = Map.of("sign", "x", "sign_type", "RSA2", "b", "2", "a", "1");

        assertThat(Signatures.content(params, Signatures.NOTIFICATION_EXCLUDES)).isEqualTo("a=1&b=2");
    }

    @Test
    void whatTheSandboxSignsTheSdkVerifiesAndTheOtherWayRound() throws Exception {
        var keys = PemKeys.generateRsa();
        String publicKey = PemKeys.base64Body(PemKeys.toPem(keys.getPublic()));
        String privateKey = PemKeys.base64Body(PemKeys.toPem(keys.getPrivate()));
        String content = "a=1&subject=年度会员";

        String ours = Signatures.sign(content, StandardCharsets.UTF_8, SignType.RSA2, keys.getPrivate());
        assertThat(AlipaySignature.rsa256CheckContent(content, ours, publicKey, "utf-8")).isTrue();

        String theirs = AlipaySignature.rsa256Sign(content, privateKey, "utf-8");
        assertThat(Signatures.verify(content, theirs, StandardCharsets.UTF_8, SignType.RSA2, keys.getPublic())).isTrue();
        assertThat(Signatures.verify(content + "x", theirs, StandardCharsets.UTF_8, SignType.RSA2, keys.getPublic())).isFalse();
        assertThat(Signatures.verify(content, "not base64!", StandardCharsets.UTF_8, SignType.RSA2, keys.getPublic())).isFalse();
    }
}
