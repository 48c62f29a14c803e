package io.paygate.fulfillment.admin;

import io.paygate.common.web.ApiErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /admin/**} needs HTTP Basic with the configured admin credentials. One admin account
 * does not justify Spring Security; this filter is the whole of it.
 */
@Component
@Order(0)
class AdminAuthentication implements WebFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHALLENGE = "Basic realm=\"paygate admin\", charset=\"UTF-8\"";

    private final byte[] expected;

    AdminAuthentication(AdminSettings settings) {
        this.expected = (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8);
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

    boolean authorised(String header) {
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
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        byte[] body = JSON.writeValueAsBytes(ApiErrors.body(HttpStatus.UNAUTHORIZED, "unauthorized",
                "admin endpoints need HTTP Basic with the admin credentials"));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
