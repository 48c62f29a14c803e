package io.paygate.fulfillment.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin credentials of {@code /admin/**} (HTTP Basic).
 *
 * @param username the admin's user name
 * @param password required: the service refuses to start without one rather than serve an
 *                 open or guessable admin stream
 */
@ConfigurationProperties("paygate.fulfillment.admin")
public record AdminSettings(@DefaultValue("admin") String username, String password) {

    public AdminSettings {
        if (username == null || username.isBlank() || username.contains(":")) {
            throw new IllegalArgumentException("paygate.fulfillment.admin.username must be non-blank and contain no ':'");
        }
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("paygate.fulfillment.admin.password is required: set it (or the "
                    + "environment variable PAYGATE_ADMIN_PASSWORD) to the admin's password");
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=****]";
    }
}
