package io.paygate.sandbox.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.wechat.pay.java.core.RSAAutoCertificateConfig;
import com.wechat.pay.java.core.RSAConfig;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.core.certificate.InMemoryCertificateProvider;
import com.wechat.pay.java.core.cipher.AeadAesCipher;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.RSAVerifier;
import com.wechat.pay.java.core.cipher.Verifier;
import com.wechat.pay.java.core.notification.NotificationConfig;
import io.paygate.common.keys.PemKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The sandbox signing as a platform certificate: the SDK downloads it from {@code /v3/certificates}
 * (RSAAutoCertificateConfig) or is given it (RSAConfig); a key rotation keeps the old key listed
 * and answering while the new one signs notifications.
 */
@TestPropertySource(properties = "paygate.sandbox.wechat.signing=PLATFORM_CERTIFICATE")
class WechatCertificateModeIT extends WechatFixture {

    /** One per JVM: wechatpay-java keeps one certificate downloader per merchant id. */
    private static RSAAutoCertificateConfig autoConfig;

    @Test
    void theDownloadedCertificateVerifiesAnswersAndNotifications() {
        var auto = autoConfig();
        var service = new NativePayService.Builder().httpClient(http(auto, 5_000)).build();
        String orderNo = newOrderNo();
        service.prepay(nativeRequest(orderNo, 100, orderNo));
        assertThat(query(service, orderNo).getTradeState()).isEqualTo(Transaction.TradeStateEnum.NOTPAY);
        pay(orderNo);
        var received = awaitNotifications(orderNo, 1).getFirst();
        assertThat(received.serial()).matches("[0-9A-F]{40}");
        assertThat(new NotificationParser(auto).parse(received.requestParam(), Transaction.class).getOutTradeNo())
                .isEqualTo(orderNo);
    }

    @Test
    void afterARotationTheNewKeySignsWhileTheOldOneStaysListedAndAnswers() {
        List<JsonNode> before = keys();
        JsonNode rotated = JSON.readTree(browser.post().uri("/sandbox/wechat/keys/rotate").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        List<JsonNode> after = keys();
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after.getLast().get("active").asBoolean()).isTrue();
        assertThat(after.getFirst().get("active").asBoolean()).isFalse();
        assertThat(rotated.get("publicKeyId").asString()).isNotEqualTo(PUBLIC_KEY_ID).startsWith("PUB_KEY_ID_");

        var oldOnly = certificateConfig(before);
        var both = certificateConfig(after);
        var oldOnlyNotifications = certificateNotifications(before);
        var bothNotifications = certificateNotifications(after);
        String orderNo = newOrderNo();
        var oldMerchant = new NativePayService.Builder().httpClient(http(oldOnly, 5_000)).build();
        oldMerchant.prepay(nativeRequest(orderNo, 100, orderNo));
        assertThat(query(oldMerchant, orderNo).getOutTradeNo()).isEqualTo(orderNo);
        assertThat(query(nativePay, orderNo).getOutTradeNo()).isEqualTo(orderNo); // public-key merchant with the first key

        pay(orderNo);
        var received = awaitNotifications(orderNo, 1).getFirst();
        assertThat(received.serial()).isEqualTo(rotated.get("certificateSerial").asString());
        assertThat(new NotificationParser(bothNotifications).parse(received.requestParam(), Transaction.class).getOutTradeNo())
                .isEqualTo(orderNo);
        assertThatThrownBy(() -> new NotificationParser(oldOnlyNotifications).parse(received.requestParam(), Transaction.class))
                .isInstanceOf(ValidationException.class);
    }

    private synchronized RSAAutoCertificateConfig autoConfig() {
        if (autoConfig == null) {
            autoConfig = new RSAAutoCertificateConfig.Builder()
                    .merchantId(MCHID)
                    .privateKey(PemKeys.base64Body(PemKeys.toPem(MERCHANT_KEYS.getPrivate())))
                    .merchantSerialNumber(MERCHANT_SERIAL)
                    .apiV3Key(API_V3_KEY)
                    .httpClientBuilder(new DefaultHttpClientBuilder().okHttpClient(redirecting(5_000)))
                    .build();
        }
        return autoConfig;
    }

    private RSAConfig certificateConfig(List<JsonNode> keys) {
        return new RSAConfig.Builder()
                .merchantId(MCHID)
                .privateKey(PemKeys.base64Body(PemKeys.toPem(MERCHANT_KEYS.getPrivate())))
                .merchantSerialNumber(MERCHANT_SERIAL)
                .wechatPayCertificates(keys.stream().map(k -> k.get("certificatePem").asString()).toArray(String[]::new))
                .build();
    }

    /** A merchant that verifies notifications with these platform certificates, as RSAConfig users do. */
    private static NotificationConfig certificateNotifications(List<JsonNode> keys) {
        var certificates = keys.stream().map(k -> {
            try {
                return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                        new ByteArrayInputStream(k.get("certificatePem").asString().getBytes(StandardCharsets.US_ASCII)));
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return new NotificationConfig() {
            @Override
            public String getSignType() {
                return "WECHATPAY2-SHA256-RSA2048";
            }

            @Override
            public String getCipherType() {
                return "AEAD_AES_256_GCM";
            }

            @Override
            public Verifier createVerifier() {
                return new RSAVerifier(new InMemoryCertificateProvider(certificates));
            }

            @Override
            public AeadCipher createAeadCipher() {
                return new AeadAesCipher(API_V3_KEY.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    private List<JsonNode> keys() {
        var list = new ArrayList<JsonNode>();
        JSON.readTree(browser.get().uri("/sandbox/wechat/keys").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody()).forEach(list::add);
        return list;
    }

    private static Transaction query(NativePayService service, String orderNo) {
        var request = new QueryOrderByOutTradeNoRequest();
        request.setMchid(MCHID);
        request.setOutTradeNo(orderNo);
        return service.queryOrderByOutTradeNo(request);
    }
}
