package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.devstack.SilentServer;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP timeouts the service ships with (fulfillment-service.yml) make a mail to a server
 * that accepts the connection and never greets give up, as a failure worth retrying.
 */
class MailTimeoutTest {

    private static final String PREFIX = "spring.mail.properties.";

    @Test
    void anSmtpServerThatNeverAnswersFailsTheMailWithinTheShippedReadTimeout() {
        Properties shipped = shippedMailProperties();
        Duration readTimeout = Duration.ofMillis(Long.parseLong(shipped.getProperty("mail.smtp.timeout")));
        assertThat(shipped.getProperty("mail.smtp.connectiontimeout")).isNotBlank();
        assertThat(shipped.getProperty("mail.smtp.writetimeout")).isNotBlank();
        try (var silent = new SilentServer()) {
            var smtp = new JavaMailSenderImpl();
            smtp.setHost("127.0.0.1");
            smtp.setPort(silent.uri("").getPort());
            smtp.setJavaMailProperties(shipped);
            var mailer = new Mailer(smtp, new MailSettings("paygate@example.com", List.of("ops@example.com"), MailLanguage.ZH,
                    ZoneId.of("Asia/Shanghai")));

            long started = System.nanoTime();
            assertThatThrownBy(() -> mailer.send(new Mail(List.of("buyer@example.com"), "收据", "t", "<p>h</p>")))
                    .isInstanceOf(MailSendException.class)
                    .satisfies(failure -> assertThat(Mailer.permanent((MailSendException) failure)).isFalse());
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(silent.connections()).isEqualTo(1);
            assertThat(waited).isGreaterThanOrEqualTo(readTimeout.minusMillis(500)).isLessThan(readTimeout.plusSeconds(10));
        }
    }

    /** {@code spring.mail.properties.*} of the service's own configuration file. */
    private static Properties shippedMailProperties() {
        var yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("fulfillment-service.yml"));
        Properties all = yaml.getObject();
        var mail = new Properties();
        for (String name : all.keySet().stream().map(String::valueOf).toList()) {
            if (name.startsWith(PREFIX)) {
                // "[mail.smtp.timeout]" or "mail.smtp.timeout", whichever way the flattening wrote a dotted key
                String key = name.substring(PREFIX.length()).replaceAll("^\\[(.*)]$", "$1");
                mail.setProperty(key, String.valueOf(all.get(name)).replaceAll("^\\$\\{[^:]+:(.*)}$", "$1"));
            }
        }
        assertThat(mail).as("spring.mail.properties in fulfillment-service.yml, from " + all.keySet()).isNotEmpty();
        return mail;
    }
}
