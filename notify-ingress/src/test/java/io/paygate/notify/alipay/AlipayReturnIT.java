package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.browserReturn;
import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.common.keys.PemKeys;
import io.paygate.notify.RunningIngress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class AlipayReturnIT extends RunningIngress {

    private static final AlipaySigner ALIPAY = new AlipaySigner(ALIPAY_KEYS.getPrivate());

    @Autowired
    WebTestClient web;
    @LocalServerPort
    int port;

    @Test
    void verifiedReturnRedirectsTheBrowserToTheResultPageWithTheOrderNumber() {
        String orderNo = newOrderNo();

        web.get().uri(returnUri(ALIPAY.sign(browserReturn(orderNo))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.FOUND)
                .expectHeader().valueEquals(HttpHeaders.LOCATION, REDIRECT + "?orderNo=" + orderNo)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Test
    void tamperedReturnIsABadRequestWithoutRedirect() {
        Map<String, String> tampered = AlipaySigner.with(ALIPAY.sign(browserReturn(newOrderNo())), "total_amount", "0.01");

        web.get().uri(returnUri(tampered))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("return_signature_invalid");
    }

    @Test
    void returnSignedByAnotherKeyOrNotSignedIsABadRequest() {
        var stranger = new AlipaySigner(PemKeys.generateRsa().getPrivate());

        for (var forged : new Map[] {stranger.sign(browserReturn(newOrderNo())), browserReturn(newOrderNo())}) {
            @SuppressWarnings("unchecked")
            URI uri = returnUri(forged);
            web.get().uri(uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("return_signature_invalid");
        }
    }

    @Test
    void genuineReturnForAnotherApplicationIsABadRequest() {
        var otherApp = ALIPAY.sign(AlipaySigner.with(browserReturn(newOrderNo()), "app_id", "2021009999999999"));

        web.get().uri(returnUri(otherApp)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectBody().jsonPath("$.code").isEqualTo("return_invalid");
    }

    private URI returnUri(Map<String, String> fields) {
        URI uri = URI.create("http://localhost:" + port + "/return/alipay?" + AlipaySigner.form(fields));
        assertThat(uri.getRawQuery()).doesNotContain(" ");
        return uri;
    }
}
