package io.paygate.order.client;

import io.paygate.common.web.ApiErrors;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** {@code /api/**} needs {@code Authorization: Bearer <api key>} of a registered client app. */
@Component
@Order(0)
class ApiKeyFilter implements WebFilter {

    private final ClientApps clients;

    ApiKeyFilter(ClientApps clients) {
        this.clients = clients;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return unauthorized(exchange, "send Authorization: Bearer <api key>");
        }
        return clients.authenticate(header.substring(7).strip())
                .flatMap(id -> {
                    exchange.getAttributes().put(ClientApps.ATTRIBUTE, id);
                    return chain.filter(exchange).then(Mono.just(true));
                })
                .switchIfEmpty(Mono.defer(() -> unauthorized(exchange, "unknown API key").then(Mono.just(false))))
                .then();
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return ApiErrors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }
}
