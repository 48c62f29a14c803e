package io.paygate.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class OperationsIT extends RunningIngress {

    @Autowired
    WebTestClient web;

    @Test
    void readyAndLiveWhileTheBrokerAnswers() {
        web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void refusedNotificationsAreCountedByReasonOnThePrometheusEndpoint() {
        web.post().uri("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("app_id=1&app_id=2")
                .exchange().expectBody(String.class).isEqualTo("failure");

        String metrics = web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).containsPattern(
                "paygate_notify_rejected_total\\{[^}]*channel=\"alipay\"[^}]*reason=\"field_duplicated\"[^}]*} [1-9]");
    }

    @Test
    void openApiDescribesTheAlipayEndpoints() {
        // the first API docs are generated on demand: give a busy machine time
        web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/notify/alipay'].post").exists()
                .jsonPath("$.paths['/return/alipay'].get").exists();
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
