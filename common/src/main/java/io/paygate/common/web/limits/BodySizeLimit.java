package io.paygate.common.web.limits;

import io.paygate.common.web.ApiErrors;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the limit with 413 {@code body_too_large}: a declared
 * {@code Content-Length} over it before anything is read, and a chunked body as soon as the
 * bytes read pass it (the reader then fails with {@link ContentTooLargeException}, which
 * {@link ApiErrors} answers the same way). Runs before authentication, so an oversized body
 * costs no database look-up.
 */
public class BodySizeLimit implements WebFilter, Ordered {

    public static final String CODE = "body_too_large";

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            exchange.getResponse().getHeaders().setConnection("close");
            return ApiErrors.write(exchange, HttpStatus.CONTENT_TOO_LARGE, CODE, tooLarge());
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Counted(exchange.getRequest())).build());
    }

    private String tooLarge() {
        return "request body over " + maxBytes + " bytes";
    }

    /** A body of unknown length, failing once more than the limit has been read. */
    private final class Counted extends ServerHttpRequestDecorator {

        Counted(ServerHttpRequest request) {
            super(request);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong read = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                    sink.error(new ContentTooLargeException(new IllegalStateException(tooLarge())));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
