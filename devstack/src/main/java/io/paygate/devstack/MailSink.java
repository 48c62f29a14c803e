package io.paygate.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A real SMTP server that keeps every mail it receives, so people and tests can see them. */
public final class MailSink implements AutoCloseable {

    private final GreenMail greenMail;

    public MailSink(int port) {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /**
     * A received mail, reduced to what a person checks, and its {@code Message-ID}, which names one
     * mail across copies of it (a mail sent twice is received twice under one id).
     */
    public record Mail(Instant receivedAt, String from, String to, String subject, String text, String messageId) {
    }

    public List<Mail> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(MailSink::toMail).toList();
    }

    public List<MimeMessage> messages() {
        return List.of(greenMail.getReceivedMessages());
    }

    public void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (com.icegreen.greenmail.store.FolderException e) {
            throw new IllegalStateException("cannot clear the mail sink", e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static Mail toMail(MimeMessage message) {
        try {
            Instant received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant() : Instant.now();
            return new Mail(received,
                    String.valueOf(Arrays.toString(message.getFrom())),
                    String.valueOf(Arrays.toString(message.getAllRecipients())),
                    message.getSubject(),
                    com.icegreen.greenmail.util.GreenMailUtil.getBody(message),
                    message.getMessageID());
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }
}
