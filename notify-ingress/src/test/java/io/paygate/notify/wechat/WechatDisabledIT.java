package io.paygate.notify.wechat;

import io.paygate.notify.RunningIngress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The default deployment, without WeChat Pay keys: it starts, and WeChat's URLs answer 503 so that a misconfigured platform keeps retrying. */
class WechatDisabledIT extends RunningIngress {

    @Autowired
    WebTestClient web;

    @ParameterizedTest
    @ValueSource(strings = {"/notify/wechat/payment", "/notify/wechat/refund"})
    void whenNotEnabledBothUrlsAnswer503WithFailJson(String path) {
        web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"id\":\"EV-1\"}")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.code").isEqualTo("FAIL")
                .jsonPath("$.message").isEqualTo("WeChat Pay is not enabled");
    }

    @Test
    void alipayStillWorksWithoutWechatConfiguration() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
