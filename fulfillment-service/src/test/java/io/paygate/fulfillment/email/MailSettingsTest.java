package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class MailSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MailSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void receiptsAreChineseFromPaygateAtLocalhostInShanghaiTimeUnlessConfigured() {
        context.run(started -> assertThat(started.getBean(MailSettings.class))
                .isEqualTo(new MailSettings("paygate@localhost", ReceiptLanguage.ZH, ZoneId.of("Asia/Shanghai"))));
    }

    @Test
    void englishIsSelectedWithLowerCaseEn() {
        context.withPropertyValues("paygate.fulfillment.mail.locale=en", "paygate.fulfillment.mail.from=shop@example.com")
                .run(started -> {
                    MailSettings settings = started.getBean(MailSettings.class);
                    assertThat(settings.locale()).isEqualTo(ReceiptLanguage.EN);
                    assertThat(settings.from()).isEqualTo("shop@example.com");
                });
    }

    @Test
    void anUnknownLanguageStopsTheStart() {
        context.withPropertyValues("paygate.fulfillment.mail.locale=fr").run(started -> assertThat(started).hasFailed());
    }
}
