package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailerTest {

    private final JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
    private final Mailer mailer = new Mailer(nowhere, new MailSettings("paygate@example.com", List.of("admin@example.com"),
            MailLanguage.ZH, ZoneId.of("Asia/Shanghai")));

    @Test
    void aRecipientThatIsNoAddressFailsForGoodBeforeAnyServerIsAsked() {
        assertThatThrownBy(() -> mailer.send(new Mail(List.of("not an address"), "s", "t", "<p>h</p>")))
                .isInstanceOf(MailParseException.class)
                .satisfies(failure -> assertThat(Mailer.permanent((MailParseException) failure)).isTrue());
    }

    @Test
    void anUnreachableServerIsWorthRetrying() {
        nowhere.setHost("127.0.0.1");
        nowhere.setPort(1);

        assertThatThrownBy(() -> mailer.send(new Mail(List.of("buyer@example.com"), "s", "t", "<p>h</p>")))
                .isInstanceOf(MailSendException.class)
                .satisfies(failure -> assertThat(Mailer.permanent((MailSendException) failure)).isFalse());
    }
}
