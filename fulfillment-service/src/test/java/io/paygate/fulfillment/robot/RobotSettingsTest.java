package io.paygate.fulfillment.robot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class RobotSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RobotSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void theRobotIsOffUnlessAUrlIsSet() {
        context.run(started -> assertThat(started.getBean(RobotSettings.class).enabled()).isFalse());
    }

    @Test
    void aUrlWithoutASecretStopsTheStart() {
        context.withPropertyValues("paygate.fulfillment.robot.url=https://chat.example.com/hook")
                .run(started -> assertThat(started).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("paygate.fulfillment.robot.secret is required"));
    }

    @Test
    void neitherTheSecretNorTheUrlsTokenShowsInToString() {
        context.withPropertyValues("paygate.fulfillment.robot.url=https://chat.example.com/send?key=url-token-123",
                "paygate.fulfillment.robot.secret=robot-secret-456").run(started -> {
                    RobotSettings settings = started.getBean(RobotSettings.class);
                    assertThat(settings.enabled()).isTrue();
                    assertThat(settings.toString()).doesNotContain("url-token-123").doesNotContain("robot-secret-456")
                            .contains("chat.example.com");
                });
    }
}
