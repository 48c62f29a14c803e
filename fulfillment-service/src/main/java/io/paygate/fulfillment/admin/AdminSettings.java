package io.paygate.fulfillment.admin;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin credentials of {@code /admin/**} (HTTP Basic), and where the admin console is.
 *
 * @param username   the admin's user name
 * @param password   required: the service refuses to start without one rather than serve an
 *                   open or guessable admin stream
 * @param consoleUrl the admin console's base URL; an order's page is {@code <console-url>/orders/<order number>}
 */
@ConfigurationProperties("paygate.fulfillment.admin")
public record AdminSettings(
        @DefaultValue("admin") String username,
        String password,
        @DefaultValue("http://localhost:8080/admin") URI consoleUrl) {

    public AdminSettings {
        if (username == null || username.isBlank() || username.contains(":")) {
            throw new IllegalArgumentException("paygate.fulfillment.admin.username must be non-blank and contain no ':'");
        }
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("paygate.fulfillment.admin.password is required: set it (or the "
                    + "environment variable PAYGATE_ADMIN_PASSWORD) to the admin's password");
        }
        if (consoleUrl == null || !consoleUrl.isAbsolute()
                || !("http".equals(consoleUrl.getScheme()) || "https".equals(consoleUrl.getScheme()))) {
            throw new IllegalArgumentException("paygate.fulfillment.admin.console-url must be an absolute http(s) URL, was "
                    + consoleUrl);
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=****, consoleUrl=" + consoleUrl + "]";
    }
}
