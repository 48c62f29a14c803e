package io.paygate.common.web;

import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The refusals the framework makes before or around our controllers (no route: 404, wrong
 * method: 405, a body type no reader takes: 415, ...) as the same problem document with a
 * {@code code} ({@code not_found}, {@code method_not_allowed}, {@code unsupported_media_type}),
 * instead of Boot's error page attributes without one. Only 4xx; anything else goes on to
 * Boot's handler.
 */
@Order(-2)
public class StatusProblems implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!(ex instanceof ResponseStatusException refused) || !refused.getStatusCode().is4xxClientError()
                || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatus status = HttpStatus.valueOf(refused.getStatusCode().value());
        String code = status.name().toLowerCase(Locale.ROOT);
        String detail = refused.getReason() == null ? status.getReasonPhrase() : refused.getReason();
        return ApiErrors.write(exchange, status, code, detail);
    }
}
