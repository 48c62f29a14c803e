package io.paygate.fulfillment.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AdminSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AdminSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void startFailsWithAClearMessageWithoutAnAdminPassword() {
        context.run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("paygate.fulfillment.admin.password is required"));
        context.withPropertyValues("paygate.fulfillment.admin.password=  ")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void theConsoleUrlMustBeAnAbsoluteHttpUrl() {
        context.withPropertyValues("paygate.fulfillment.admin.password=p", "paygate.fulfillment.admin.console-url=javascript:alert(1)")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void usernameDefaultsToAdminAndThePasswordNeverShowsInToString() {
        context.withPropertyValues("paygate.fulfillment.admin.password=s3cret-pass").run(started -> {
            AdminSettings settings = started.getBean(AdminSettings.class);
            assertThat(settings.username()).isEqualTo("admin");
            assertThat(settings.consoleUrl()).hasToString("http://localhost:8080/admin");
            assertThat(settings.toString()).doesNotContain("s3cret-pass");
        });
    }
}
