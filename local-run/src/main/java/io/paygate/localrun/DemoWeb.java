package io.paygate.localrun;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paygate.common.money.Yuan;
import io.paygate.devstack.MailSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo shop of the local run: a page to create an order and pay it with Alipay (which
 * sends the browser to the sandbox cashier), the result page the buyer returns to, the mails
 * the SMTP sink received and the admin messages. It is a client of the services' public APIs
 * with the demo API key, as a merchant's own shop would be.
 */
final class DemoWeb implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalRunSettings settings;
    private final MailSink mail;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    DemoWeb(LocalRunSettings settings, MailSink mail) {
        this.settings = settings;
        this.mail = mail;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.ports().web()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("port " + settings.ports().web() + " is taken", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::route);
        server.start();
    }

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/" -> html(exchange, 200, shop(""));
                case "/checkout" -> checkout(exchange);
                case "/result" -> html(exchange, 200, result(query(exchange).get("orderNo")));
                case "/mail" -> html(exchange, 200, mails());
                case "/admin" -> html(exchange, 200, adminMessages());
                default -> html(exchange, 404, page("Not found", "<p>Nothing here. <a href=\"/\">Back to the shop</a></p>"));
            }
        } catch (RuntimeException e) {
            html(exchange, 500, page("Something went wrong", "<p>" + escape(e.getMessage()) + "</p><p><a href=\"/\">Back</a></p>"));
        }
    }

    private void checkout(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            html(exchange, 405, shop(""));
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        long amountFen;
        try {
            amountFen = Yuan.parseFen(normaliseYuan(form.getOrDefault("amount", "")));
        } catch (IllegalArgumentException e) {
            html(exchange, 422, shop("The amount must be a number of yuan like 88.88."));
            return;
        }
        var order = api("POST", settings.baseUrl(settings.ports().order()) + "/api/v1/orders", Map.of(
                "subject", form.getOrDefault("subject", ""),
                "customerEmail", form.getOrDefault("email", ""),
                "amountFen", amountFen));
        if (order.status() != 201) {
            html(exchange, 422, shop("order-service refused the order: " + order.body().path("detail").asString()));
            return;
        }
        String orderNo = order.body().get("orderNo").asString();
        var payment = api("POST", settings.baseUrl(settings.ports().payment()) + "/api/v1/orders/" + orderNo + "/payments",
                Map.of("channel", "ALIPAY", "scene", "WAP".equals(form.get("scene")) ? "WAP" : "PC"));
        if (payment.status() != 201) {
            html(exchange, 502, shop("payment-service refused the payment: " + payment.body().path("detail").asString()));
            return;
        }
        // Alipay's auto-submitting form takes the browser to the (sandbox) cashier
        html(exchange, 200, payment.body().get("credential").get("formHtml").asString());
    }

    private String result(String orderNo) {
        if (orderNo == null || !orderNo.matches("\\d{15,32}")) {
            return page("Unknown order", "<p>No order number. <a href=\"/\">Back to the shop</a></p>");
        }
        var order = api("GET", settings.baseUrl(settings.ports().order()) + "/api/v1/orders/" + orderNo, null);
        if (order.status() != 200) {
            return page("Unknown order", "<p>Order " + escape(orderNo) + " was not found.</p>");
        }
        String status = order.body().get("status").asString();
        boolean settled = !"PENDING_PAYMENT".equals(status);
        String refresh = settled ? "" : "<meta http-equiv=\"refresh\" content=\"2\">";
        String trade = order.body().path("payments").path(0).path("platformTradeNo").asString("");
        return page("Order " + orderNo, refresh + "<p>Status: <strong id=\"status\">" + escape(status) + "</strong>"
                + (settled ? "" : " (the payment is being confirmed; this page refreshes itself)") + "</p>"
                + "<p>Amount: ¥" + Yuan.format(order.body().get("payableFen").asLong()) + "</p>"
                + (trade.isEmpty() ? "" : "<p>Alipay trade number: <code id=\"trade\">" + escape(trade) + "</code></p>")
                + "<p>The page the browser came back to proves nothing: this status comes from order-service, "
                + "which only moves on a verified platform notification.</p>"
                + "<p><a href=\"/mail\">Mail</a> · <a href=\"/admin\">Admin messages</a> · <a href=\"/\">Shop</a></p>");
    }

    private String mails() {
        var rows = new StringBuilder();
        for (var m : mail.received().reversed()) {
            rows.append("<tr><td>").append(m.receivedAt()).append("</td><td>").append(escape(m.to())).append("</td><td>")
                    .append(escape(m.subject())).append("</td></tr>");
        }
        return page("Received mail", "<p>Everything the SMTP sink on port " + mail.port() + " received, newest first.</p>"
                + "<table id=\"mails\"><tr><th>received</th><th>to</th><th>subject</th></tr>" + rows + "</table>"
                + "<p><a href=\"/\">Shop</a></p>");
    }

    private String adminMessages() {
        String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + settings.adminPassword()).getBytes(StandardCharsets.UTF_8));
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl(settings.ports().fulfillment()) + "/admin/v1/messages"))
                    .header("Authorization", auth).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            var rows = new StringBuilder();
            JsonNode messages = JSON.readTree(response.body());
            for (int i = messages.size() - 1; i >= 0; i--) {
                JsonNode m = messages.get(i);
                rows.append("<tr><td>").append(escape(m.path("at").asString(""))).append("</td><td>")
                        .append(escape(m.path("text").asString(""))).append("</td></tr>");
            }
            return page("Admin messages", "<meta http-equiv=\"refresh\" content=\"5\"><p>Newest first. The live stream is "
                    + settings.baseUrl(settings.ports().fulfillment()) + "/admin/v1/stream (user admin).</p>"
                    + "<table id=\"messages\"><tr><th>at</th><th>message</th></tr>" + rows + "</table><p><a href=\"/\">Shop</a></p>");
        } catch (IOException | InterruptedException e) {
            return page("Admin messages", "<p>fulfillment-service did not answer: " + escape(e.toString()) + "</p>");
        }
    }

    private String shop(String error) {
        return page("paygate demo shop", (error.isEmpty() ? "" : "<p class=\"error\">" + escape(error) + "</p>") + """
                <form method="post" action="/checkout" id="checkout">
                  <p><label>What <input name="subject" value="年度会员 Annual plan" maxlength="256" required></label></p>
                  <p><label>Amount (yuan) <input name="amount" value="88.88" required></label></p>
                  <p><label>Your email <input name="email" type="email" value="buyer@example.com" required></label></p>
                  <p><label>Cashier <select name="scene"><option value="PC">Alipay on a computer (PC)</option>
                    <option value="WAP">Alipay in a mobile browser (WAP)</option></select></label></p>
                  <p><button type="submit" id="pay-alipay">Pay with Alipay</button></p>
                </form>
                <p>Paying takes you to the Alipay sandbox cashier. After you pay there, the sandbox notifies
                notify-ingress, the order becomes PAID, a receipt lands in <a href="/mail">the mail sink</a>
                and an <a href="/admin">admin message</a> appears.</p>
                """);
    }

    private record ApiResponse(int status, JsonNode body) {
    }

    private ApiResponse api(String method, String url, Map<String, Object> body) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + settings.demoApiKey())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(15))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new ApiResponse(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String normaliseYuan(String raw) {
        String value = raw.strip();
        if (value.matches("\\d+")) {
            return value + ".00";
        }
        if (value.matches("\\d+\\.\\d")) {
            return value + "0";
        }
        return value;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : parse(raw);
    }

    private static Map<String, String> parse(String form) {
        var values = new LinkedHashMap<String, String>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}"
                + "td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #ddd}.error{color:#b00}</style>"
                + "</head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
