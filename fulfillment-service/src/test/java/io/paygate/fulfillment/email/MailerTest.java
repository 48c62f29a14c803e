package io.paygate.fulfillment.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.paygate.devstack.Ports;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailerTest {

    private final JavaMailSenderImpl nowhere = new JavaMailSenderImpl();
    private final Mailer mailer = new Mailer(nowhere, new MailSettings("paygate@example.com", List.of("admin@example.com"),
            MailLanguage.ZH, ZoneId.of("Asia/Shanghai")));

    @Test
    void jakartaMailFindsAngusStreamsByNameInsteadOfScanningTheClassPathForEveryMail() {
        assertThat(System.getProperty(Mailer.STREAM_PROVIDER)).isEqualTo(Mailer.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void aRecipientThatIsNoAddressFailsForGoodBeforeAnyServerIsAsked() {
        assertThatThrownBy(() -> mailer.send(new Mail(List.of("not an address"), "s", "t", "<p>h</p>")))
                .isInstanceOf(MailParseException.class)
                .satisfies(failure -> assertThat(Mailer.permanent((MailParseException) failure)).isTrue());
    }

    @Test
    void severalMailsGoOutOverOneConnectionAndABadOneDoesNotStopTheNext() throws Exception {
        var smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            nowhere.setHost("127.0.0.1");
            nowhere.setPort(smtp.getSmtp().getPort());

            try (Mailer.Connection connection = mailer.connect()) {
                connection.send(new Mail(List.of("first@example.com"), "一", "t", "<p>h</p>"));
                assertThatThrownBy(() -> connection.send(new Mail(List.of("not an address"), "s", "t", "<p>h</p>")))
                        .isInstanceOf(MailParseException.class);
                connection.send(new Mail(List.of("second@example.com"), "二", "t", "<p>h</p>"));
            }

            assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("一", "二");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aMailSentTwiceUnderItsMessageIdArrivesTwiceWithThatIdAndOthersGetTheirOwn() throws Exception {
        var smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            nowhere.setHost("127.0.0.1");
            nowhere.setPort(smtp.getSmtp().getPort());
            String id = mailer.messageId("6a7cc5ab-c193-3439-a8a6-7124b54354e3.42");
            var receipt = new Mail(List.of("buyer@example.com"), "收据", "t", "<p>h</p>");

            try (Mailer.Connection connection = mailer.connect()) {
                connection.send(receipt, id);
                connection.send(receipt, id);
                connection.send(receipt);
            }

            assertThat(id).isEqualTo("<6a7cc5ab-c193-3439-a8a6-7124b54354e3.42@example.com>");
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(3);
            assertThat(received[0].getMessageID()).isEqualTo(id);
            assertThat(received[1].getMessageID()).isEqualTo(id);
            assertThat(received[2].getMessageID()).isNotNull().isNotEqualTo(id);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aConnectionKeptOpenSurvivesTheServerRestartingAtTheCostOfAtMostOneRetriableFailure() throws Exception {
        var setup = new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        nowhere.setHost("127.0.0.1");
        nowhere.setPort(setup.getPort());
        var first = new GreenMail(setup);
        first.start();
        GreenMail second = null;
        GreenMail third = null;
        try (Mailer.Connection connection = mailer.connect()) {
            connection.send(new Mail(List.of("a@example.com"), "a", "t", "<p>h</p>"));
            first.stop();
            second = new GreenMail(setup);
            second.start();

            // idle for over a second: the connection is checked before the next mail and made anew
            await().atMost(java.time.Duration.ofSeconds(5)).pollInterval(java.time.Duration.ofMillis(50))
                    .until(() -> connection.idle().compareTo(java.time.Duration.ofMillis(1_200)) > 0);
            assertThat(connection.idle()).isGreaterThan(java.time.Duration.ofSeconds(1));
            connection.send(new Mail(List.of("b@example.com"), "b", "t", "<p>h</p>"));
            assertThat(second.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("b");

            // gone again right after a mail: the next send may fail, as worth retrying, and the one after goes out
            second.stop();
            third = new GreenMail(setup);
            third.start();
            var expected = new java.util.ArrayList<String>();
            try {
                connection.send(new Mail(List.of("c@example.com"), "c", "t", "<p>h</p>"));
                expected.add("c");
            } catch (MailSendException broken) {
                assertThat(Mailer.permanent(broken)).isFalse();
            }
            connection.send(new Mail(List.of("d@example.com"), "d", "t", "<p>h</p>"));
            expected.add("d");
            assertThat(third.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactlyElementsOf(expected);
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
            if (third != null) {
                third.stop();
            }
        }
    }

    @Test
    void anUnreachableServerIsWorthRetryingOverAConnectionToo() {
        nowhere.setHost("127.0.0.1");
        nowhere.setPort(1);

        try (Mailer.Connection connection = mailer.connect()) {
            assertThatThrownBy(() -> connection.send(new Mail(List.of("buyer@example.com"), "s", "t", "<p>h</p>")))
                    .isInstanceOf(MailSendException.class)
                    .satisfies(failure -> assertThat(Mailer.permanent((MailSendException) failure)).isFalse());
        }
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
