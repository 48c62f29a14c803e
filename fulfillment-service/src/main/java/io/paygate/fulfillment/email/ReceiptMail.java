package io.paygate.fulfillment.email;

import io.paygate.events.OrderPaid;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Sends the customer's receipt for a paid order over SMTP. */
@Component
public class ReceiptMail {

    private static final Logger log = LoggerFactory.getLogger(ReceiptMail.class);

    private final JavaMailSender sender;
    private final MailSettings settings;

    ReceiptMail(JavaMailSender sender, MailSettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /**
     * Blocks until the SMTP server accepted the mail. Call it from a thread that may block,
     * never from an event loop.
     *
     * @throws MailException when the server is unreachable or refuses the mail; the caller
     *                       lets it propagate so the delivery is retried
     */
    public void send(OrderPaid paid) {
        Receipt receipt = Receipt.of(paid, settings.locale(), settings.zone());
        MimeMessage message = sender.createMimeMessage();
        try {
            var helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(settings.from());
            helper.setTo(paid.customerEmail());
            helper.setSubject(receipt.subject());
            helper.setText(receipt.text(), receipt.html());
        } catch (MessagingException e) {
            throw new MailPreparationException("cannot build the receipt for order " + paid.orderNo(), e);
        }
        sender.send(message);
        log.atInfo().addKeyValue("orderNo", paid.orderNo()).log("order {}: receipt mailed", paid.orderNo());
    }
}
