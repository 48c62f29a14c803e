package io.paygate.fulfillment.email;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How receipts are written. The SMTP server itself is Spring's {@code spring.mail.host/port}.
 *
 * @param from   the sender address of every receipt
 * @param locale the receipts' language: {@code zh} (default) or {@code en}
 * @param zone   the business time zone the paid time is shown in
 */
@ConfigurationProperties("paygate.fulfillment.mail")
public record MailSettings(
        @DefaultValue("paygate@localhost") String from,
        @DefaultValue("zh") ReceiptLanguage locale,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {

    public MailSettings {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("paygate.fulfillment.mail.from must be an email address");
        }
    }
}
