package io.paygate.fulfillment;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** Reading what GreenMail received, the way a mail client would. */
final class ReceivedMail {

    private ReceivedMail() {
    }

    static List<MimeMessage> to(GreenMailExtension smtp, String recipient) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Mails to this recipient whose subject names the order (admin mails all go to the same address). */
    static List<MimeMessage> about(GreenMailExtension smtp, String recipient, String orderNo) {
        return to(smtp, recipient).stream().filter(m -> {
            try {
                return m.getSubject().contains(orderNo);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded text of the first part of this MIME type, however deeply the parts are nested. */
    static String part(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = part(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
