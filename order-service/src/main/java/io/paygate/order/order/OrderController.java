package io.paygate.order.order;

import io.paygate.common.web.ApiException;
import io.paygate.order.client.ClientApps;
import io.paygate.order.stock.Stock;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The client apps' order API. Every order belongs to the client app that created it; others see 404. */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrderCreation creation;
    private final OrderRepository orders;
    private final OrderSettings settings;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderClosing closing;
    private final Stock stock;

    OrderController(OrderCreation creation, OrderRepository orders, OrderSettings settings, IdempotencyKeys idempotencyKeys,
                    OrderClosing closing, Stock stock) {
        this.stock = stock;
        this.creation = creation;
        this.closing = closing;
        this.orders = orders;
        this.settings = settings;
        this.idempotencyKeys = idempotencyKeys;
    }

    /**
     * @param subject          what is bought, shown on the cashier; Alipay forbids {@code / = &}
     * @param customerEmail    where the receipt goes
     * @param amountFen        the price in fen, for an order without items
     * @param items            line items priced from the product table; their stock is held until paid, expired or cancelled
     * @param couponCode       a single-use coupon; one that covers the whole amount pays the order at once
     * @param payWithinSeconds the pay window, default 15 minutes
     */
    record CreateOrder(
            @NotBlank @Size(max = 256) @jakarta.validation.constraints.Pattern(regexp = "[^/=&]*",
                    message = "must not contain / = or &") String subject,
            @NotBlank @Email @Size(max = 320) String customerEmail,
            @Min(1) @Max(10_000_000_000L) Long amountFen,
            @Size(max = 50) List<@Valid @NotNull Item> items,
            String couponCode,
            Long payWithinSeconds) {
    }

    /** A line item: a product and how many. */
    record Item(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record PaymentView(String channel, String platformTradeNo, String status, Instant paidAt) {
    }

    record ItemView(String sku, int quantity, long priceFen) {
    }

    record OrderView(String orderNo, OrderStatus status, String subject, String customerEmail, long amountFen,
                     long payableFen, String currency, Instant createdAt, Instant expiresAt, Instant paidAt,
                     List<ItemView> items, List<PaymentView> payments, List<OrderRepository.RefundLine> refunds) {

        static OrderView of(Order order, List<Stock.Held> items, List<OrderRepository.RefundLine> refunds) {
            List<PaymentView> payments = order.platformTradeNo() == null ? List.of()
                    : List.of(new PaymentView(order.paidChannel().name(), order.platformTradeNo(), "SUCCEEDED", order.paidAt()));
            return new OrderView(order.orderNo(), order.status(), order.subject(), order.customerEmail(), order.amountFen(),
                    order.payableFen(), order.currency(), order.createdAt(), order.expiresAt(), order.paidAt(),
                    items.stream().map(i -> new ItemView(i.sku(), i.quantity(), i.priceFen())).toList(), payments, refunds);
        }
    }

    private Mono<OrderView> view(Order order) {
        return Mono.zip(stock.itemsOf(order.orderNo()).collectList(), orders.refundsOf(order.orderNo()).collectList())
                .map(both -> OrderView.of(order, both.getT1(), both.getT2()));
    }

    @Operation(summary = "Create an order waiting for payment")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<OrderView> create(@Valid @RequestBody CreateOrder request,
                           @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
                           ServerWebExchange exchange) {
        List<Item> items = request.items() == null ? List.of() : request.items();
        if (items.isEmpty() == (request.amountFen() == null)) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_or_items",
                    "give either items (priced from the product table) or amountFen, not both and not neither"));
        }
        if (items.stream().map(Item::sku).distinct().count() != items.size()) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "duplicate_sku",
                    "each SKU may appear once; give its total quantity"));
        }
        String coupon = request.couponCode() == null || request.couponCode().isBlank() ? null : request.couponCode().strip();
        Duration window = request.payWithinSeconds() == null ? null : Duration.ofSeconds(request.payWithinSeconds());
        if (window != null && (window.compareTo(settings.minPayWithin()) < 0 || window.compareTo(settings.maxPayWithin()) > 0)) {
            return Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "pay_window_out_of_range",
                    "payWithinSeconds must be between " + settings.minPayWithin().toSeconds() + " and "
                            + settings.maxPayWithin().toSeconds()));
        }
        long client = ClientApps.clientId(exchange);
        List<Stock.Wanted> wanted = items.stream().map(item -> new Stock.Wanted(item.sku(), item.quantity())).toList();
        Mono<OrderView> create = Mono.defer(() -> creation.create(client, request.subject().strip(),
                        request.customerEmail().strip(), request.amountFen(), wanted, coupon, window)
                .flatMap(this::view));
        if (idempotencyKey == null) {
            return create;
        }
        return idempotencyKeys.once(client, idempotencyKey, JSON.writeValueAsBytes(request),
                        () -> create.map(JSON::writeValueAsBytes))
                .map(answer -> JSON.readValue(answer, OrderView.class));
    }

    @Operation(summary = "One order, with its payments")
    @GetMapping("/{orderNo}")
    Mono<OrderView> get(@PathVariable String orderNo, ServerWebExchange exchange) {
        long client = ClientApps.clientId(exchange);
        return orders.find(orderNo)
                .filter(order -> order.clientId() == client)
                .flatMap(this::view)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.NOT_FOUND, "order_not_found",
                        "no order " + orderNo)));
    }

    @Operation(summary = "Cancel an unpaid order; its open payments are then closed at the platforms")
    @PostMapping("/{orderNo}/cancel")
    Mono<OrderView> cancel(@PathVariable String orderNo, ServerWebExchange exchange) {
        long client = ClientApps.clientId(exchange);
        return orders.find(orderNo)
                .filter(order -> order.clientId() == client)
                .switchIfEmpty(Mono.error(new ApiException(HttpStatus.NOT_FOUND, "order_not_found", "no order " + orderNo)))
                .flatMap(closing::cancel)
                .onErrorMap(IllegalTransition.class,
                        e -> new ApiException(HttpStatus.CONFLICT, "order_not_cancellable", e.getMessage()))
                .flatMap(this::view);
    }

    @Operation(summary = "A customer's orders, oldest first, in pages after the given order number")
    @GetMapping
    Flux<OrderView> list(@RequestParam String customerEmail, @RequestParam(required = false) String after,
                         @RequestParam(defaultValue = "50") int limit, ServerWebExchange exchange) {
        if (limit < 1 || limit > 200) {
            return Flux.error(new ApiException(HttpStatus.BAD_REQUEST, "limit_out_of_range", "limit must be 1..200"));
        }
        long client = ClientApps.clientId(exchange);
        Mono<Long> afterId = after == null ? Mono.just(0L)
                : orders.find(after).map(Order::id).defaultIfEmpty(Long.MAX_VALUE);
        return afterId.flatMapMany(id -> orders.findByCustomer(client, customerEmail, id, limit)).concatMap(this::view);
    }
}
