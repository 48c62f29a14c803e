package io.paygate.payment.orders;

import io.paygate.common.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Asks order-service, the owner of that truth, what an order is and whether it can still be
 * paid. The caller's API key is passed on, so a client app can only pay its own orders.
 */
@Component
public class OrderDirectory {

    private final WebClient orders;
    private final Duration timeout;

    OrderDirectory(OrderServiceSettings settings) {
        this.orders = WebClient.builder().baseUrl(settings.orderServiceUrl().toString()).build();
        this.timeout = settings.timeout();
    }

    /** The parts of an order that payments need. */
    public record OrderSummary(String orderNo, String status, String subject, long payableFen, Instant expiresAt) {
    }

    public Mono<OrderSummary> find(String orderNo, String authorization) {
        return orders.get().uri("/api/v1/orders/{orderNo}", orderNo)
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .retrieve()
                .bodyToMono(OrderSummary.class)
                .timeout(timeout)
                .onErrorMap(WebClientResponseException.NotFound.class,
                        e -> new ApiException(HttpStatus.NOT_FOUND, "order_not_found", "no order " + orderNo))
                .onErrorMap(WebClientResponseException.Unauthorized.class,
                        e -> new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "unknown API key"))
                .onErrorMap(e -> !(e instanceof ApiException),
                        e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "order_service_unavailable",
                                "cannot reach order-service to check the order; try again"));
    }
}
