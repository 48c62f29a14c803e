package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
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
    void mailsAreChineseFromPaygateAtLocalhostToAdminAtLocalhostInShanghaiTimeUnlessConfigured() {
        context.run(started -> assertThat(started.getBean(MailSettings.class)).isEqualTo(new MailSettings(
                "paygate@localhost", List.of("admin@localhost"), MailLanguage.ZH, ZoneId.of("Asia/Shanghai"))));
    }

    @Test
    void englishIsSelectedWithLowerCaseEnAndAdminsAreACommaSeparatedList() {
        context.withPropertyValues("paygate.fulfillment.mail.locale=en", "paygate.fulfillment.mail.from=shop@example.com",
                        "paygate.fulfillment.mail.admins=a@example.com,b@example.com")
                .run(started -> {
                    MailSettings settings = started.getBean(MailSettings.class);
                    assertThat(settings.locale()).isEqualTo(MailLanguage.EN);
                    assertThat(settings.from()).isEqualTo("shop@example.com");
                    assertThat(settings.admins()).containsExactly("a@example.com", "b@example.com");
                });
    }

    @Test
    void anUnknownLanguageOrAnAdminThatIsNoAddressStopsTheStart() {
        context.withPropertyValues("paygate.fulfillment.mail.locale=fr").run(started -> assertThat(started).hasFailed());
        context.withPropertyValues("paygate.fulfillment.mail.admins=not an address").run(started -> assertThat(started).hasFailed());
    }
}
