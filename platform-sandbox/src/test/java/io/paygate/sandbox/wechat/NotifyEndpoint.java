package io.paygate.sandbox.wechat;

import com.sun.net.httpserver.HttpServer;
import com.wechat.pay.java.core.notification.RequestParam;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A merchant's notify_url on a free port: {@code /notify/<name>} records every notification it
 * receives and answers each name's deliveries from a script of HTTP statuses (200 when the script
 * has run out). Names keep tests apart: the encrypted body does not say which order it is about.
 */
final class NotifyEndpoint {

    /** One notification as received: the signed headers (read case-insensitively) and the raw body. */
    record Received(String name, String serial, String signature, String timestamp, String nonce, String body) {

        RequestParam requestParam() {
            return new RequestParam.Builder().serialNumber(serial).signature(signature).timestamp(timestamp).nonce(nonce)
                    .body(body).build();
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();

    private NotifyEndpoint(HttpServer server) {
        this.server = server;
    }

    static NotifyEndpoint start() {
        try {
            var endpoint = new NotifyEndpoint(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            endpoint.server.createContext("/notify/", exchange -> {
                String name = exchange.getRequestURI().getPath().substring("/notify/".length());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                var headers = exchange.getRequestHeaders();
                endpoint.received.add(new Received(name, headers.getFirst("Wechatpay-Serial"),
                        headers.getFirst("Wechatpay-Signature"), headers.getFirst("Wechatpay-Timestamp"),
                        headers.getFirst("Wechatpay-Nonce"), body));
                int status = endpoint.nextAnswer(name);
                if (status == 204) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    byte[] bytes = (status < 300 ? "" : "{\"code\":\"FAIL\",\"message\":\"not now\"}").getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                exchange.close();
            });
            endpoint.server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + name;
    }

    /** The next deliveries to this name are answered with these statuses, in order. */
    void answer(String name, Integer... statuses) {
        answers.computeIfAbsent(name, key -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    List<Received> receivedBy(String name) {
        return received.stream().filter(r -> r.name().equals(name)).toList();
    }

    private synchronized int nextAnswer(String name) {
        Deque<Integer> script = answers.get(name);
        return script == null || script.isEmpty() ? 200 : script.poll();
    }
}
