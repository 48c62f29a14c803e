package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.browserReturn;
import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.SharedStack;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * notify-ingress configured in certificate mode (no Alipay public key at all, only Alipay's
 * public key certificate and root): notifications and returns signed with the certified key
 * pass, those signed with another key do not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=notify-ingress",
        "paygate.alipay.app-id=2021000000000001",
        "paygate.alipay.seller-id=2088000000000001",
        "paygate.alipay.mode=CERTIFICATE",
        "paygate.notify.return-redirect-url=https://shop.example/pay/result"})
@AutoConfigureWebTestClient
class AlipayCertificateModeIT {

    private static final KeyPair ROOT_KEYS = PemKeys.generateRsa();
    private static final KeyPair PLATFORM_KEYS = PemKeys.generateRsa();
    private static final X509Certificate ROOT = AlipayCertificates.issueRoot(ROOT_KEYS, "Sandbox Root", Duration.ofDays(30));
    private static final AlipaySigner ALIPAY = new AlipaySigner(PLATFORM_KEYS.getPrivate());

    @Autowired
    WebTestClient web;
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties(null).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("paygate.alipay.alipay-public-cert.value", () -> AlipayCertificates.toPem(
                AlipayCertificates.issue(ROOT, ROOT_KEYS.getPrivate(), PLATFORM_KEYS.getPublic(), "Sandbox Alipay", Duration.ofDays(30))));
        registry.add("paygate.alipay.root-cert.value", () -> AlipayCertificates.toPem(ROOT));
    }

    @Test
    void aNotificationSignedWithTheCertifiedKeyIsAcceptedAndOneSignedWithAnotherIsNot() {
        var stranger = new AlipaySigner(PemKeys.generateRsa().getPrivate());

        assertThat(post(AlipaySigner.form(stranger.sign(tradeSuccess(newOrderNo()))))).isEqualTo("failure");
        assertThat(post(AlipaySigner.form(ALIPAY.sign(tradeSuccess(newOrderNo()))))).isEqualTo("success");
    }

    @Test
    void aReturnSignedWithTheCertifiedKeyRedirectsTheBrowser() {
        String orderNo = newOrderNo();

        web.get().uri(URI.create("http://localhost:" + port + "/return/alipay?" + AlipaySigner.form(ALIPAY.sign(browserReturn(orderNo)))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.FOUND);
    }

    private String post(String body) {
        return web.post().uri("/notify/alipay")
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded; charset=utf-8"))
                .bodyValue(body.getBytes(StandardCharsets.US_ASCII))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult().getResponseBody();
    }
}
