package io.paygate.bench;

import io.paygate.bench.Notifications.Channel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client app does before money moves: products with stock, orders, and a started payment
 * (notify-ingress accepts notifications only for orders whose payment paygate started). Alipay's
 * APP scene only signs an order string; WeChat Pay's APP scene asks the sandbox for a prepay id.
 */
final class Shop {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Every bench order mails the same address: the SMTP sink keeps one mailbox per recipient. */
    static final String CUSTOMER = "bench@example.com";
    static final int PRODUCTS = 8;

    /** An order whose payment was started on a channel. */
    record Order(String orderNo, long amountFen, Channel channel) {
    }

    private final Paygate paygate;
    private final HttpClient http;

    Shop(Paygate paygate, HttpClient http) {
        this.paygate = paygate;
        this.http = http;
    }

    /** Products {@code BENCH-0..7} with stock enough for any run. */
    void stockProducts() {
        for (int i = 0; i < PRODUCTS; i++) {
            var put = HttpRequest.newBuilder(URI.create(paygate.url("order-service", "/admin/v1/products/" + sku(i))))
                    .header("Authorization", paygate.adminAuthorization())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "name", "Bench product " + i, "priceFen", 100 + i, "stock", 100_000_000))))
                    .build();
            var answer = send(put);
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("cannot stock " + sku(i) + ": " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    static String sku(int i) {
        return "BENCH-" + i;
    }

    /** The order-creation request the order scenario measures: one or two lines, stock held for each. */
    HttpRequest createOrderWithItems(int n) {
        var items = new ArrayList<Map<String, Object>>();
        items.add(Map.of("sku", sku(n % PRODUCTS), "quantity", 1));
        if (n % 2 == 1) {
            items.add(Map.of("sku", sku((n + 3) % PRODUCTS), "quantity", 2));
        }
        return post("order-service", "/api/v1/orders",
                Map.of("subject", "年度会员", "customerEmail", CUSTOMER, "items", items));
    }

    /** Creates {@code count} orders and starts their payments, {@code concurrency} at a time. */
    List<Order> ordersWithStartedPayments(int count, Channel channel, int concurrency) {
        var made = new ConcurrentLinkedQueue<Order>();
        var failures = new ConcurrentLinkedQueue<String>();
        var next = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(concurrency, Thread.ofPlatform().name("bench-setup-", 0).factory())) {
            var workers = new ArrayList<CompletableFuture<Void>>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    while (next.getAndIncrement() < count && failures.size() < 10) {
                        try {
                            made.add(orderWithStartedPayment(channel));
                        } catch (RuntimeException e) {
                            failures.add(e.getMessage());
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("setup failed: " + failures.peek());
        }
        return List.copyOf(made);
    }

    Order orderWithStartedPayment(Channel channel) {
        long amountFen = 100 + (long) (Math.random() * 99_900);
        var created = send(post("order-service", "/api/v1/orders",
                Map.of("subject", "年度会员", "customerEmail", CUSTOMER, "amountFen", amountFen)));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("order not created: " + created.statusCode() + " " + created.body());
        }
        String orderNo = JSON.readTree(created.body()).get("orderNo").asString();
        var started = send(post("payment-service", "/api/v1/orders/" + orderNo + "/payments",
                Map.of("channel", channel.name(), "scene", "APP")));
        if (started.statusCode() != 201) {
            throw new IllegalStateException("payment not started: " + started.statusCode() + " " + started.body());
        }
        return new Order(orderNo, amountFen, channel);
    }

    JsonNode order(String orderNo) {
        var answer = send(HttpRequest.newBuilder(URI.create(paygate.url("order-service", "/api/v1/orders/" + orderNo)))
                .header("Authorization", paygate.clientAuthorization()).GET().build());
        return JSON.readTree(answer.body());
    }

    HttpRequest post(String service, String path, Object body) {
        return HttpRequest.newBuilder(URI.create(paygate.url(service, path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", paygate.clientAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
