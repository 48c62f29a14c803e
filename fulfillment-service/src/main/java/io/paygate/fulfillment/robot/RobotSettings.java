package io.paygate.fulfillment.robot;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The optional chat robot that gets every admin message as a signed JSON POST.
 *
 * @param url     where to POST; blank (the default) turns the robot off. Treated as a secret
 *                (chat services put their access token in it), so only its scheme and host are
 *                ever shown
 * @param secret  the HMAC-SHA256 key the messages are signed with; required when a URL is set
 * @param timeout connect and answer timeout of one attempt
 */
@ConfigurationProperties("paygate.fulfillment.robot")
public record RobotSettings(
        @DefaultValue("") String url,
        @DefaultValue("") String secret,
        @DefaultValue("5s") Duration timeout) {

    public RobotSettings {
        if (enabled(url)) {
            URI parsed;
            try {
                parsed = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("paygate.fulfillment.robot.url is not a URL");
            }
            if (!parsed.isAbsolute() || !("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    || parsed.getHost() == null) {
                throw new IllegalArgumentException("paygate.fulfillment.robot.url must be an absolute http(s) URL");
            }
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("paygate.fulfillment.robot.secret is required when "
                        + "paygate.fulfillment.robot.url is set: the robot's messages are always signed");
            }
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("paygate.fulfillment.robot.timeout must be positive");
        }
    }

    public boolean enabled() {
        return enabled(url);
    }

    URI uri() {
        return URI.create(url.strip());
    }

    private static boolean enabled(String url) {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        String where = enabled() ? uri().getScheme() + "://" + uri().getHost() + "/****" : "off";
        return "RobotSettings[url=" + where + ", secret=****, timeout=" + timeout + "]";
    }
}
