package io.paygate.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.common.keys.PemKeys;
import io.paygate.sandbox.PlatformSandboxApplication;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A sandbox with a missing, malformed or borrowed key refuses to start, saying which setting is wrong. */
class AlipaySandboxStartupTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Clock.class, Clock::systemUTC)
            .withUserConfiguration(AlipaySandboxConfiguration.class);

    @Test
    void refusesToStartWhenItsKeyIsTheMerchantApplicationsKey() {
        var shared = PemKeys.generateRsa();

        assertThatThrownBy(() -> PlatformSandboxApplication.builder().run(
                "--server.port=0",
                "--paygate.sandbox.alipay.platform-private-key.value=" + PemKeys.base64Body(PemKeys.toPem(shared.getPrivate())),
                "--paygate.sandbox.alipay.app-public-key.value=" + PemKeys.base64Body(PemKeys.toPem(shared.getPublic()))))
                .rootCause()
                .hasMessageContaining("paygate.sandbox.alipay.platform-private-key belongs to the merchant application")
                .hasMessageContaining("equals paygate.sandbox.alipay.app-public-key");
    }

    @Test
    void refusesToStartWithoutAPlatformKey() {
        context.withPropertyValues("paygate.sandbox.alipay.app-public-key.value=" + PemKeys.toPem(PemKeys.generateRsa().getPublic()))
                .run(started -> assertThat(started.getStartupFailure()).rootCause()
                        .hasMessageContaining("paygate.sandbox.alipay.platform-private-key is not configured"));
    }

    @Test
    void refusesToStartWithAMalformedAppKey() {
        context.withPropertyValues(
                        "paygate.sandbox.alipay.platform-private-key.value=" + PemKeys.toPem(PemKeys.generateRsa().getPrivate()),
                        "paygate.sandbox.alipay.app-public-key.value=bm90IGEga2V5")
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining(
                        "paygate.sandbox.alipay.app-public-key is not an RSA public key"));
    }

    @Test
    void startsWithTwoDistinctKeyPairsAndAlipaysDefaults() {
        context.withPropertyValues(
                        "paygate.sandbox.alipay.platform-private-key.value=" + PemKeys.toPem(PemKeys.generateRsa().getPrivate()),
                        "paygate.sandbox.alipay.app-public-key.value=" + PemKeys.toPem(PemKeys.generateRsa().getPublic()))
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    var settings = started.getBean(AlipaySandboxSettings.class);
                    assertThat(settings.appId()).isEqualTo("2021000000000001");
                    assertThat(settings.sellerId()).isEqualTo("2088000000000001");
                    assertThat(settings.notifyRetrySchedule()).extracting(java.time.Duration::toMinutes)
                            .containsExactly(0L, 4L, 10L, 10L, 60L, 120L, 360L, 900L);
                });
    }
}
