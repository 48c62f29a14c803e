package io.paygate.common.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code /admin/**} needs HTTP Basic with the configured admin credentials. One admin account
 * does not justify Spring Security; this filter is the whole of it. A service registers it as a
 * bean with its own settings.
 */
@Order(0)
public class AdminAuthentication implements WebFilter {

    private static final String CHALLENGE = "Basic realm=\"paygate admin\", charset=\"UTF-8\"";

    private final byte[] expected;

    public AdminAuthentication(String username, String password) {
        if (username == null || username.isBlank() || username.contains(":") || password == null || password.isBlank()) {
            throw new IllegalArgumentException("admin credentials need a user name without ':' and a password");
        }
        this.expected = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/admin/")) {
            return chain.filter(exchange);
        }
        if (!authorised(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION))) {
            return unauthorised(exchange);
        }
        return chain.filter(exchange);
    }

    public boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // constant time: the comparison must not tell an attacker how much of a guess was right
        return MessageDigest.isEqual(presented, expected);
    }

    private static Mono<Void> unauthorised(ServerWebExchange exchange) {
        // a page's own script (the admin console) asks with X-Requested-With and shows its own
        // sign-in; a challenge would make the browser pop up its login dialog instead
        if (!"XMLHttpRequest".equalsIgnoreCase(exchange.getRequest().getHeaders().getFirst("X-Requested-With"))) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return ApiErrors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                "admin endpoints need HTTP Basic with the admin credentials");
    }
}
