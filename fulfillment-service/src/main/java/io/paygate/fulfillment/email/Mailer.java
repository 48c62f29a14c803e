package io.paygate.fulfillment.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends mails over SMTP as {@code multipart/alternative}: a plain-text part, then the HTML part. */
@Component
public class Mailer {

    private final JavaMailSender sender;
    private final MailSettings settings;

    Mailer(JavaMailSender sender, MailSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /**
     * Blocks until the SMTP server accepted the mail. Call it from a thread that may block,
     * never from an event loop.
     *
     * @throws MailException when the mail cannot be built (see {@link #permanent}) or the server
     *                       is unreachable or refuses it
     */
    public void send(Mail mail) {
        MimeMessage message = sender.createMimeMessage();
        try {
            message.setFrom(address(settings.from()));
            InternetAddress[] to = new InternetAddress[mail.to().size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = address(mail.to().get(i));
            }
            message.setRecipients(MimeMessage.RecipientType.TO, to);
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            var alternatives = new MimeMultipart("alternative");
            alternatives.addBodyPart(part(mail.text(), "plain"));
            alternatives.addBodyPart(part(mail.html(), "html"));
            message.setContent(alternatives);
        } catch (AddressException e) {
            throw new MailParseException("not a mail address: " + e.getRef(), e);
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot build the mail", e);
        }
        sender.send(message);
    }

    /**
     * Whether sending this mail again can never succeed: it cannot be built, or the server
     * refused a recipient for good. Anything else (server away, timeouts, temporary refusals)
     * is worth retrying.
     */
    public static boolean permanent(RuntimeException failure) {
        if (failure instanceof MailPreparationException || failure instanceof MailParseException) {
            return true;
        }
        if (failure instanceof MailSendException send) {
            for (Exception cause : send.getFailedMessages().values()) {
                if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InternetAddress address(String address) throws AddressException {
        return new InternetAddress(address.strip(), true);
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        var part = new MimeBodyPart();
        part.setText(content, StandardCharsets.UTF_8.name(), subtype);
        // after setText, which resets it: never base64, so the raw mail stays readable (digits stay digits)
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }
}
