package io.paygate.payment.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradePagePayRequest;
import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.PemKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlipayClientsTest {

    @Test
    void inCertificateModeRequestsNameTheAppAndRootCertificatesAndAreSignedOverThem() throws Exception {
        var settings = AlipayCertificateSettingsTest.certificateMode(URI.create("http://127.0.0.1:9/alipay/gateway.do"),
                AlipayCertificateSettingsTest.APP_CERT, AlipayCertificateSettingsTest.ALIPAY_CERT, AlipayCertificateSettingsTest.ROOT_PEM);
        var client = AlipayClients.create(settings);
        var model = new AlipayTradePagePayModel();
        model.setOutTradeNo("202611261800000000000042");
        model.setTotalAmount("88.88");
        model.setSubject("member");
        model.setProductCode("FAST_INSTANT_TRADE_PAY");
        var request = new AlipayTradePagePayRequest();
        request.setBizModel(model);

        Map<String, String> params = query(client.pageExecute(request, "GET").getBody());

        assertThat(params).containsEntry("app_cert_sn", AlipayCertificates.certSn(AlipayCertificates.first(AlipayCertificateSettingsTest.APP_CERT)))
                .containsEntry("alipay_root_cert_sn", AlipayCertificates.certSn(AlipayCertificateSettingsTest.ROOT));
        var content = new HashMap<>(params);
        String sign = content.remove("sign");
        assertThat(AlipaySignature.rsaCheck(AlipaySignature.getSignContent(content), sign,
                PemKeys.base64Body(PemKeys.toPem(AlipayCertificateSettingsTest.APP.getPublic())), "utf-8", "RSA2")).isTrue();
    }

    @Test
    void buildingEitherClientLeavesTheJvmsCertificateRestrictionsAlone() throws Exception {
        String before = Security.getProperty("jdk.certpath.disabledAlgorithms");

        AlipayClients.create(AlipayGatewayTest.settings());
        AlipayClients.create(AlipayCertificateSettingsTest.certificateMode(URI.create("http://x"), AlipayCertificateSettingsTest.APP_CERT,
                AlipayCertificateSettingsTest.ALIPAY_CERT, AlipayCertificateSettingsTest.ROOT_PEM));

        assertThat(before).isNotBlank();
        assertThat(Security.getProperty("jdk.certpath.disabledAlgorithms")).isEqualTo(before);
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
