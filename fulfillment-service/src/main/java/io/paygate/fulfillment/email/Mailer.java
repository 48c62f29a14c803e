package io.paygate.fulfillment.email;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** Sends mails over SMTP as {@code multipart/alternative}: a plain-text part, then the HTML part. */
@Component
public class Mailer {

    /** The system property Jakarta Mail reads before it looks for a {@code StreamProvider} on the class path. */
    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    /** Angus Mail's, the only implementation on the class path. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    private final JavaMailSender sender;
    private final MailSettings settings;

    Mailer(JavaMailSender sender, MailSettings settings) {
        nameStreamProvider();
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
        sender.send(message(mail, null));
    }

    /**
     * A {@code Message-ID} for one mail that stays the same however often it is sent: a mail sent
     * again (a crash after the server accepted it, before we recorded that) is a copy of the same
     * mail, which the recipient's client and our checks can tell from a second mail.
     *
     * @param unique what names this one mail among all we send, e.g. its event and effect
     */
    public String messageId(String unique) {
        String from = settings.from();
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "paygate.local" : from.substring(at + 1).replace(">", "").strip();
        return "<" + unique + "@" + (domain.isEmpty() ? "paygate.local" : domain) + ">";
    }

    /**
     * A connection to the SMTP server for sending several mails one after the other, instead of
     * a connection per mail; reconnects by itself if the server dropped it. Each {@link
     * Connection#send} blocks until the server accepted that mail, so the caller can record it
     * before the next. Use it from one thread that may block, and close it.
     *
     * <p>A connection used within the last second is taken to be alive; one idle for longer is
     * checked first (Jakarta Mail's {@code isConnected()} sends a {@code NOOP}). If it died in
     * that second, that one send fails as any send can (the caller retries it later) and the
     * next one connects anew.
     */
    public Connection connect() {
        return new Connection();
    }

    /** See {@link #connect}. */
    public final class Connection implements AutoCloseable {

        /** Used within this long, a connection is not pinged before the next mail. */
        private static final long TRUSTED_NANOS = 1_000_000_000L;

        private Transport transport;
        private long lastUsed;

        private Connection() {
        }

        /** How long since this connection last carried a mail, or since it was made. */
        public java.time.Duration idle() {
            return transport == null ? java.time.Duration.ZERO : java.time.Duration.ofNanos(System.nanoTime() - lastUsed);
        }

        /**
         * Blocks until the SMTP server accepted the mail.
         *
         * @throws MailException as {@link Mailer#send} does (so {@link #permanent} applies)
         */
        public void send(Mail mail) {
            send(mail, null);
        }

        /**
         * The same, under a {@code Message-ID} of the caller's (see {@link Mailer#messageId}), or
         * one of Jakarta Mail's when {@code messageId} is null.
         */
        public void send(Mail mail, String messageId) {
            MimeMessage message = message(mail, messageId);
            if (!(sender instanceof JavaMailSenderImpl smtp)) {
                sender.send(message);
                return;
            }
            Transport open = open(smtp, message);
            try {
                message.saveChanges();
                Address[] recipients = message.getAllRecipients();
                open.sendMessage(message, recipients == null ? new Address[0] : recipients);
                lastUsed = System.nanoTime();
            } catch (MessagingException e) {
                close(); // after a failure the session's state is unknown: the next mail gets a new connection
                throw new MailSendException(Map.of(message, e));
            }
        }

        /** The live connection, or a new one, failing as {@code JavaMailSenderImpl} fails to connect. */
        private Transport open(JavaMailSenderImpl smtp, MimeMessage message) {
            if (transport != null && (System.nanoTime() - lastUsed < TRUSTED_NANOS || transport.isConnected())) {
                return transport;
            }
            close();
            try {
                Session session = smtp.getSession();
                String protocol = smtp.getProtocol() != null ? smtp.getProtocol()
                        : session.getProperty("mail.transport.protocol") != null ? session.getProperty("mail.transport.protocol") : "smtp";
                Transport fresh = session.getTransport(protocol);
                String username = smtp.getUsername() == null || smtp.getUsername().isEmpty() ? null : smtp.getUsername();
                String password = username == null && (smtp.getPassword() == null || smtp.getPassword().isEmpty()) ? null
                        : smtp.getPassword();
                fresh.connect(smtp.getHost(), smtp.getPort(), username, password);
                transport = fresh;
                lastUsed = System.nanoTime();
                return fresh;
            } catch (AuthenticationFailedException e) {
                throw new MailAuthenticationException(e);
            } catch (MessagingException e) {
                throw new MailSendException("Mail server connection failed", e, Map.of(message, e));
            }
        }

        /** Every mail sent through it was accepted already; failing to say goodbye changes nothing. */
        @Override
        public void close() {
            Transport open = transport;
            transport = null;
            if (open != null) {
                try {
                    open.close();
                } catch (MessagingException | RuntimeException ignored) {
                    // the server answered for every mail before this
                }
            }
        }
    }

    private MimeMessage message(Mail mail, String messageId) {
        MimeMessage message = newMessage(messageId);
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
        return message;
    }

    /** A message that keeps {@code messageId}: Jakarta Mail otherwise writes a fresh one at every send. */
    private MimeMessage newMessage(String messageId) {
        if (messageId == null || !(sender instanceof JavaMailSenderImpl smtp)) {
            return sender.createMimeMessage();
        }
        return new MimeMessage(smtp.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    /**
     * Names Angus Mail's {@code StreamProvider} for the whole JVM, unless something is named
     * already. Without it Jakarta Mail 2.1 runs a {@code ServiceLoader} over the whole class path
     * on every header it encodes and every body part it writes (jakartaee/mail-api#861): 2.3 ms of
     * CPU per receipt instead of 0.2 ms (docs/benchmarks.md, JMH {@code ReceiptMail}). A system
     * property, because that is the only thing Jakarta Mail reads before scanning; it is set here
     * and at the application's start, so the service's own launch, the local run (which shares its
     * JVM with the other services) and the tests all get it without a JVM option.
     */
    public static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) != null) {
            return;
        }
        try {
            Class.forName(ANGUS_STREAM_PROVIDER, false, Mailer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notAngus) {
            return; // another Jakarta Mail implementation: let it be found as before
        }
        System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
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
