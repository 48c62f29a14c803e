package io.paygate.sandbox.alipay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A merchant's notify_url on a free port: records every notification it receives and answers
 * each order's deliveries from a script ({@code success} when the script has run out).
 */
final class MerchantEndpoint implements AutoCloseable {

    record Received(String contentType, String rawBody, Map<String, String> params) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<String>> answers = new ConcurrentHashMap<>();

    private MerchantEndpoint(HttpServer server) {
        this.server = server;
    }

    static MerchantEndpoint start() {
        try {
            var endpoint = new MerchantEndpoint(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            endpoint.server.createContext("/notify", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
                var params = decode(body);
                endpoint.received.add(new Received(exchange.getRequestHeaders().getFirst("Content-Type"), body, params));
                String answer = endpoint.nextAnswer(params.get("out_trade_no"));
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            endpoint.server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String notifyUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
    }

    /** The next deliveries for this order are answered with these bodies, in order. */
    void answer(String outTradeNo, String... bodies) {
        answers.computeIfAbsent(outTradeNo, key -> new ArrayDeque<>()).addAll(List.of(bodies));
    }

    List<Received> notificationsFor(String outTradeNo) {
        return received.stream().filter(r -> outTradeNo.equals(r.params().get("out_trade_no"))).toList();
    }

    private synchronized String nextAnswer(String outTradeNo) {
        Deque<String> script = answers.get(outTradeNo);
        return script == null || script.isEmpty() ? "success" : script.poll();
    }

    static Map<String, String> decode(String form) {
        var params = new LinkedHashMap<String, String>();
        for (String pair : form.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
