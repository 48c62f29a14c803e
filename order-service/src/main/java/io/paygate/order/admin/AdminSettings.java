package io.paygate.order.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin credentials of order-service's {@code /admin/**} (HTTP Basic).
 *
 * @param username the admin's user name
 * @param password required: no admin API without one
 */
@ConfigurationProperties("paygate.order.admin")
public record AdminSettings(@DefaultValue("admin") String username, String password) {

    public AdminSettings {
        if (username == null || username.isBlank() || username.contains(":")) {
            throw new IllegalArgumentException("paygate.order.admin.username must be non-blank and contain no ':'");
        }
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("paygate.order.admin.password is required: set it (or the environment "
                    + "variable PAYGATE_ADMIN_PASSWORD) to the admin's password");
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=****]";
    }
}
