package io.paygate.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.paygate.devstack.SharedStack;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

class StartupIT {

    @Test
    void refusesToStartWithoutAlipaysPublicKeyAndNamesTheKey() {
        Throwable failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext unexpected = NotifyIngressApplication.builder()
                    .web(WebApplicationType.NONE)
                    .run(
                            "--paygate.alipay.app-id=2021000000000001",
                            "--paygate.alipay.alipay-public-key.value=",
                            "--paygate.alipay.alipay-public-key.file=",
                            "--spring.kafka.bootstrap-servers=" + SharedStack.get().kafka().bootstrapServers())) {
                // started although it must not have
            }
        });

        assertThat(failure).isNotNull();
        assertThat(rootCause(failure).getMessage()).contains("paygate.alipay.alipay-public-key");
    }

    @Test
    void refusesToStartWhenTheProducerIsConfiguredBelowAcksAllOrWithoutIdempotence() {
        for (String drift : new String[] {"--spring.kafka.producer.acks=1", "--spring.kafka.producer.properties.enable.idempotence=false"}) {
            Throwable failure = catchThrowable(() -> {
                try (ConfigurableApplicationContext unexpected = NotifyIngressApplication.builder()
                        .web(WebApplicationType.NONE)
                        .run(
                                "--paygate.alipay.app-id=2021000000000001",
                                "--paygate.alipay.alipay-public-key.value=" + io.paygate.common.keys.PemKeys.toPem(
                                        io.paygate.common.keys.PemKeys.generateRsa().getPublic()),
                                drift,
                                "--spring.kafka.bootstrap-servers=" + SharedStack.get().kafka().bootstrapServers())) {
                    // started although it must not have
                }
            });

            assertThat(failure).as(drift).isNotNull();
            assertThat(rootCause(failure).getMessage()).as(drift).containsAnyOf("acks=all", "enable.idempotence=true");
        }
    }

    @Test
    void refusesToStartWithWechatEnabledButNoApiV3KeyAndNamesTheKey() {
        Throwable failure = catchThrowable(() -> {
            try (ConfigurableApplicationContext unexpected = NotifyIngressApplication.builder()
                    .web(WebApplicationType.NONE)
                    .run(
                            "--paygate.alipay.app-id=2021000000000001",
                            "--paygate.alipay.alipay-public-key.value=" + io.paygate.common.keys.PemKeys.toPem(
                                    io.paygate.common.keys.PemKeys.generateRsa().getPublic()),
                            "--paygate.wechat.enabled=true",
                            "--paygate.wechat.mchid=1230000109",
                            "--paygate.wechat.appid=wxd678efh567hg6787",
                            "--paygate.wechat.api-v3-key=",
                            "--spring.kafka.bootstrap-servers=" + SharedStack.get().kafka().bootstrapServers())) {
                // started although it must not have
            }
        });

        assertThat(failure).isNotNull();
        assertThat(rootCause(failure).getMessage()).contains("paygate.wechat.api-v3-key");
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
