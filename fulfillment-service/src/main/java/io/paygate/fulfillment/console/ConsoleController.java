package io.paygate.fulfillment.console;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The admin console: one page (the live feed of admin messages, the review queue with Refund
 * and Accept, order search and an order's story, reconciliation) and, behind the same origin,
 * order-service's and payment-service's admin APIs. The page itself holds nothing; everything it
 * shows comes through {@code /admin/**} with the admin's credentials, which this service checks
 * and the service behind it checks again.
 */
@RestController
class ConsoleController {

    /** How long the console waits for order-service or payment-service before answering 502. */
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(15);

    private static final Resource PAGE = new ClassPathResource("console/index.html");
    private static final String PROXY = "/admin/v1/order-service/";
    private static final String PAYMENT_PROXY = "/admin/v1/payment-service/";

    private final WebClient orderService;
    private final WebClient paymentService;

    ConsoleController(@Value("${paygate.fulfillment.console.order-service-url:http://localhost:8081}") URI orderServiceUrl,
                      @Value("${paygate.fulfillment.console.payment-service-url:http://localhost:8082}") URI paymentServiceUrl) {
        this.orderService = WebClient.builder().baseUrl(orderServiceUrl.toString()).build();
        this.paymentService = WebClient.builder().baseUrl(paymentServiceUrl.toString()).build();
    }

    @Operation(summary = "The admin console page (sign in with the admin credentials)")
    @GetMapping(path = {"/console", "/console/", "/console/orders/{orderNo}", "/console/reconciliations/{channel}/{day}"}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(PAGE);
    }

    /**
     * order-service's admin API ({@code /admin/v1/…}) as the console's own: review queue, accept,
     * refunds, order search and detail. The admin's Authorization header goes along unchanged.
     */
    @Operation(summary = "order-service's admin API under /admin/v1/order-service/…, for the console")
    @RequestMapping(PROXY + "**")
    Mono<ResponseEntity<byte[]>> orderService(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        return proxy(orderService, PROXY, "order_service_unavailable", "order-service", request, body);
    }

    /**
     * payment-service's admin API ({@code /admin/v1/…}) as the console's own: reconciliations
     * (start, status, discrepancies as CSV) and bills. The admin's Authorization header goes along.
     */
    @Operation(summary = "payment-service's admin API under /admin/v1/payment-service/…, for the console")
    @RequestMapping(PAYMENT_PROXY + "**")
    Mono<ResponseEntity<byte[]>> paymentService(ServerHttpRequest request, @RequestBody(required = false) byte[] body) {
        return proxy(paymentService, PAYMENT_PROXY, "payment_service_unavailable", "payment-service", request, body);
    }

    private static Mono<ResponseEntity<byte[]>> proxy(WebClient service, String prefix, String code, String name,
                                                      ServerHttpRequest request, byte[] body) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.POST && method != HttpMethod.PUT) {
            return Mono.just(ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).build());
        }
        String rest = request.getPath().pathWithinApplication().value().substring(prefix.length());
        String query = request.getURI().getRawQuery();
        var call = service.method(method)
                .uri("/admin/v1/" + rest + (query == null ? "" : "?" + query))
                .headers(headers -> {
                    copy(request.getHeaders(), headers, HttpHeaders.AUTHORIZATION);
                    copy(request.getHeaders(), headers, HttpHeaders.CONTENT_TYPE);
                    // JSON first; anything else only where an endpoint has nothing else (the reconciliation CSV)
                    headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
                });
        var sent = body == null ? call : call.bodyValue(body);
        return sent.exchangeToMono(response -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(bytes -> ResponseEntity.status(response.statusCode())
                                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                                .body(bytes)))
                .timeout(UPSTREAM_TIMEOUT)
                .onErrorResume(failure -> Mono.just(ResponseEntity.status(HttpStatus.BAD_GATEWAY)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(("{\"status\":502,\"code\":\"" + code + "\",\"detail\":\"" + name + " did not answer\"}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String name) {
        String value = from.getFirst(name);
        if (value != null) {
            to.set(name, value);
        }
    }
}
