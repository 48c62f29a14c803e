package io.paygate.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.keys.KeySource;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Security;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlipayGatewayTest {

    private static final KeyPair APP = PemKeys.generateRsa();
    private static final KeyPair PLATFORM = PemKeys.generateRsa();

    static AlipaySettings settings() {
        return new AlipaySettings(true, "2021000000000001", URI.create("http://127.0.0.1:9/alipay/gateway.do"),
                new KeySource(PemKeys.toPem(APP.getPrivate()), null), new KeySource(PemKeys.toPem(PLATFORM.getPublic()), null),
                URI.create("http://notify.example/notify/alipay"), URI.create("http://notify.example/return/alipay"));
    }

    @Test
    void pagePayIsSignedWithTheAppKeyAndCarriesTheDeadlineAmountAndUrls() throws Exception {
        var gateway = new AlipayGateway(settings());
        Instant deadline = Instant.parse("2026-11-26T10:15:00Z");

        var page = gateway.pagePay("202611261800000000000042", "年度会员", 8888, deadline).block();

        assertThat(page.formHtml()).contains("<form").contains("http://127.0.0.1:9/alipay/gateway.do");
        Map<String, String> params = query(page.redirectUrl());
        assertThat(params).containsEntry("method", "alipay.trade.page.pay").containsEntry("sign_type", "RSA2")
                .containsEntry("app_id", "2021000000000001")
                .containsEntry("notify_url", "http://notify.example/notify/alipay")
                .containsEntry("return_url", "http://notify.example/return/alipay");
        assertThat(params.get("biz_content")).contains("\"out_trade_no\":\"202611261800000000000042\"")
                .contains("\"total_amount\":\"88.88\"").contains("\"time_expire\":\"2026-11-26 18:15:00\"")
                .contains("\"product_code\":\"FAST_INSTANT_TRADE_PAY\"");
        // the gateway checks requests over every parameter but sign, sign_type included
        var content = new HashMap<>(params);
        String sign = content.remove("sign");
        assertThat(AlipaySignature.rsaCheck(AlipaySignature.getSignContent(content), sign,
                PemKeys.base64Body(PemKeys.toPem(APP.getPublic())), "utf-8", "RSA2")).isTrue();
    }

    @Test
    void loadingTheSdkLeavesTheJvmsCertificateRestrictionsAlone() throws Exception {
        String before = Security.getProperty("jdk.certpath.disabledAlgorithms");

        AlipayGateway.createClient(settings());
        Class.forName("com.alipay.api.AbstractAlipayClient");

        assertThat(before).isNotBlank();
        assertThat(Security.getProperty("jdk.certpath.disabledAlgorithms")).isEqualTo(before);
    }

    @Test
    void missingOrMalformedCredentialsStopTheServiceWithTheKeyNamed() {
        assertThatThrownBy(() -> new AlipaySettings(true, "2021000000000001", URI.create("http://x"), null,
                new KeySource("x", null), URI.create("http://n"), URI.create("http://r")))
                .hasMessageContaining("paygate.alipay.app-private-key");
        assertThatThrownBy(() -> new AlipaySettings(true, "2021000000000001", URI.create("http://x"),
                new KeySource("not a key", null), new KeySource(PemKeys.toPem(PLATFORM.getPublic()), null),
                URI.create("http://n"), URI.create("http://r")))
                .hasMessageContaining("paygate.alipay.app-private-key");
        assertThatThrownBy(() -> new AlipaySettings(true, " ", URI.create("http://x"), null, null, null, null))
                .hasMessageContaining("paygate.alipay.app-id");
    }

    private static Map<String, String> query(String url) {
        var params = new HashMap<String, String>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
