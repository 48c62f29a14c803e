package io.paygate.fulfillment.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who mails are from and to, and how they are written. The SMTP server itself (host, port,
 * user, password, STARTTLS) is Spring's {@code spring.mail.*}.
 *
 * @param from   the sender address of every mail
 * @param admins where admin alerts go (orders to review, failed refunds); at least one address
 * @param locale the language of mails and admin messages: {@code zh} (default) or {@code en}
 * @param zone   the business time zone times are shown in
 */
@ConfigurationProperties("paygate.fulfillment.mail")
public record MailSettings(
        @DefaultValue("paygate@localhost") String from,
        @DefaultValue("admin@localhost") List<String> admins,
        @DefaultValue("zh") MailLanguage locale,
        @DefaultValue("Asia/Shanghai") ZoneId zone) {

    public MailSettings {
        requireAddress("paygate.fulfillment.mail.from", from);
        if (admins == null || admins.isEmpty()) {
            throw new IllegalArgumentException("paygate.fulfillment.mail.admins needs at least one address: "
                    + "alerts about orders to review must reach someone");
        }
        admins.forEach(address -> requireAddress("paygate.fulfillment.mail.admins", address));
        admins = List.copyOf(admins);
    }

    private static void requireAddress(String key, String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(key + " must be an email address");
        }
        try {
            new InternetAddress(address.strip(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(key + " is not an email address: '" + address + "'", e);
        }
    }
}
