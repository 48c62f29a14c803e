package io.paygate.fulfillment.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Links into the admin console, for alerts that ask an admin to act on an order. */
@Component
public class AdminLinks {

    private final String base;

    AdminLinks(AdminSettings settings) {
        String url = settings.consoleUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code <console-url>/reconciliations/<CHANNEL>/<day>}: the console opens that day's reconciliation. */
    public String reconciliation(String channel, java.time.LocalDate day) {
        return base + "/reconciliations/" + URLEncoder.encode(channel, StandardCharsets.UTF_8) + "/" + day;
    }

    /** {@code <console-url>/orders/<order number>}. */
    public String order(String orderNo) {
        return base + "/orders/" + URLEncoder.encode(orderNo, StandardCharsets.UTF_8);
    }
}
