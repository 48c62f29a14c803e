package io.paygate.bench.jmh;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A receipt built and written the way fulfillment-service's Mailer builds it (UTF-8 subject,
 * multipart/alternative of text and HTML) and SMTPTransport writes it, minus the socket. JFR
 * showed the delivery worker spending its time in Jakarta Mail's StreamProvider lookup, a
 * ServiceLoader scan of the whole class path on every header encode and body-part write; this
 * measures it on this class path, and {@link Named} with the provider named by system property.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReceiptMail {

    private final Session session = Session.getInstance(new Properties());

    @Benchmark
    public long buildAndWrite() throws Exception {
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress("paygate@example.com"));
        message.setRecipients(MimeMessage.RecipientType.TO, new InternetAddress[] {new InternetAddress("buyer@example.com")});
        message.setSubject("支付成功：订单 202611261731020000000042", StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        var alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(part("订单 202611261731020000000042 已支付 ¥88.88，交易号 2026112622001499999999。", "plain"));
        alternatives.addBodyPart(part("<p>订单 <b>202611261731020000000042</b> 已支付 ¥88.88</p>", "html"));
        message.setContent(alternatives);
        message.saveChanges();
        var counted = new Counting();
        message.writeTo(counted);
        return counted.bytes;
    }

    private static MimeBodyPart part(String text, String subtype) throws Exception {
        var part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    /** The same with {@code jakarta.mail.util.StreamProvider} named, so Jakarta Mail skips the class-path scan. */
    @org.openjdk.jmh.annotations.Fork(jvmArgsAppend = "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider")
    public static class Named extends ReceiptMail {
    }

    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
