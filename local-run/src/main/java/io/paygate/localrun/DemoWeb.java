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
 * The demo shop of the local run, the checkout a new user clicks through: pick products and
 * maybe a coupon, create the order, pay it with Alipay (PC or WAP cashier in the sandbox) or
 * WeChat Pay (the Native QR code shown here, or H5), and watch the order turn PAID live; a list
 * of the customer's orders pays an unpaid one again. Also the mails the SMTP sink received and
 * the admin messages. It is a client of the services' public APIs with the demo API key, as a
 * merchant's own shop would be (and reads the product table as the merchant's backend).
 */
final class DemoWeb implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalRunSettings settings;
    private final MailSink mail;
    private final boolean wechat;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    DemoWeb(LocalRunSettings settings, MailSink mail, boolean wechat) {
        this.wechat = wechat;
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
                case "/repay" -> repay(exchange);
                case "/orders" -> html(exchange, 200, orders(query(exchange).getOrDefault("email", "")));
                case "/wechat" -> html(exchange, 200, wechatNative(query(exchange).get("orderNo")));
                case "/status" -> status(exchange, query(exchange).get("orderNo"));
                case "/qr.png" -> qr(exchange, query(exchange).get("orderNo"));
                case "/result" -> html(exchange, 200, result(query(exchange).get("orderNo")));
                case "/mail" -> html(exchange, 200, mails());
                case "/admin" -> html(exchange, 200, adminMessages());
                default -> html(exchange, 404, page("Not found", "<p>Nothing here. <a href=\"/\">Back to the shop</a></p>"));
            }
        } catch (RuntimeException e) {
            html(exchange, 500, page("Something went wrong", "<p>" + escape(e.getMessage()) + "</p><p><a href=\"/\">Back</a></p>"));
        }
    }

    /** The ways to pay the shop offers: value of the form's {@code pay} field → channel and scene. */
    private static final Map<String, String[]> WAYS = Map.of(
            "ALIPAY_PC", new String[] {"ALIPAY", "PC"},
            "ALIPAY_WAP", new String[] {"ALIPAY", "WAP"},
            "WECHAT_NATIVE", new String[] {"WECHAT", "NATIVE"},
            "WECHAT_H5", new String[] {"WECHAT", "H5"});

    private void checkout(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            html(exchange, 405, shop(""));
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var items = new java.util.ArrayList<Map<String, Object>>();
        for (var field : form.entrySet()) {
            if (field.getKey().startsWith("qty.") && field.getValue().matches("\\d{1,4}") && Integer.parseInt(field.getValue()) > 0) {
                items.add(Map.of("sku", field.getKey().substring(4), "quantity", Integer.parseInt(field.getValue())));
            }
        }
        if (items.isEmpty()) {
            html(exchange, 422, shop("Pick at least one product."));
            return;
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("subject", form.getOrDefault("subject", "paygate demo").isBlank() ? "paygate demo" : form.get("subject"));
        body.put("customerEmail", form.getOrDefault("email", ""));
        body.put("items", items);
        if (!form.getOrDefault("coupon", "").isBlank()) {
            body.put("couponCode", form.get("coupon").strip());
        }
        var order = api("POST", settings.baseUrl(settings.ports().order()) + "/api/v1/orders", body);
        if (order.status() != 201) {
            html(exchange, 422, shop("order-service refused the order: " + order.body().path("detail").asString("")
                    + " (" + order.body().path("code").asString("") + ")"));
            return;
        }
        String orderNo = order.body().get("orderNo").asString();
        if (!"PENDING_PAYMENT".equals(order.body().get("status").asString())) {
            // a coupon paid for everything: no platform is asked
            redirect(exchange, "/result?orderNo=" + orderNo);
            return;
        }
        pay(exchange, orderNo, form.getOrDefault("pay", "ALIPAY_PC"));
    }

    /** Pays an unpaid order again, on the same channel or the other one, until its deadline. */
    private void repay(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            html(exchange, 405, shop(""));
            return;
        }
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String orderNo = form.getOrDefault("orderNo", "");
        if (!orderNo.matches("\\d{15,32}")) {
            html(exchange, 422, shop("No order number."));
            return;
        }
        pay(exchange, orderNo, form.getOrDefault("pay", "ALIPAY_PC"));
    }

    private void pay(HttpExchange exchange, String orderNo, String way) throws IOException {
        String[] channelScene = WAYS.getOrDefault(way, WAYS.get("ALIPAY_PC"));
        var payment = api("POST", settings.baseUrl(settings.ports().payment()) + "/api/v1/orders/" + orderNo + "/payments",
                Map.of("channel", channelScene[0], "scene", channelScene[1]));
        if (payment.status() != 201) {
            html(exchange, payment.status() == 409 || payment.status() == 422 ? 409 : 502,
                    page("Cannot pay order " + orderNo, "<p class=\"error\" id=\"error\">payment-service refused: "
                            + escape(payment.body().path("detail").asString("")) + " ("
                            + escape(payment.body().path("code").asString("")) + ")</p>"
                            + "<p><a href=\"/result?orderNo=" + orderNo + "\">The order</a> · <a href=\"/\">Shop</a></p>"));
            return;
        }
        JsonNode credential = payment.body().get("credential");
        switch (way) {
            // WeChat Native: this shop shows the QR code itself and watches the order
            case "WECHAT_NATIVE" -> redirect(exchange, "/wechat?orderNo=" + orderNo);
            // WeChat H5: the mobile browser goes to WeChat Pay's page (here the sandbox's)
            case "WECHAT_H5" -> redirect(exchange, credential.get("h5Url").asString() + "&redirect_url="
                    + java.net.URLEncoder.encode(settings.baseUrl(settings.ports().web()) + "/result?orderNo=" + orderNo, StandardCharsets.UTF_8));
            // Alipay's auto-submitting form takes the browser to the (sandbox) cashier
            default -> html(exchange, 200, credential.get("formHtml").asString());
        }
    }

    private String wechatNative(String orderNo) {
        if (orderNo == null || !orderNo.matches("\\d{15,32}")) {
            return page("Unknown order", "<p>No order number. <a href=\"/\">Back to the shop</a></p>");
        }
        var order = api("GET", settings.baseUrl(settings.ports().order()) + "/api/v1/orders/" + orderNo, null);
        String scan = settings.baseUrl(settings.ports().sandbox()) + "/sandbox/wechat/scan?out_trade_no=" + orderNo;
        return page("Scan to pay with WeChat", "<p>Order " + escape(orderNo) + ", ¥" + Yuan.format(order.body().path("payableFen").asLong())
                + "</p><p><img id=\"qr\" alt=\"WeChat Pay QR code\" width=\"264\" height=\"264\" src=\"/qr.png?orderNo=" + orderNo + "\"></p>"
                + "<p>Scan it with WeChat — or, in this sandbox, <a id=\"scan\" href=\"" + escape(scan) + "\" target=\"_blank\">"
                + "open the sandbox's scan page</a> and press Pay there.</p>"
                + liveStatus(orderNo, order.body())
                + "<p><a href=\"/\">Shop</a></p>");
    }

    /** A status line that follows the order live: the page asks {@code /status} every second until it is settled. */
    private static String liveStatus(String orderNo, JsonNode order) {
        JsonNode payment = order.path("payments").path(0);
        String trade = payment.isMissingNode() ? "" : "(" + payment.path("channel").asString("") + " "
                + payment.path("platformTradeNo").asString("") + ")";
        return "<p>Status: <strong id=\"status\">" + escape(order.path("status").asString("…")) + "</strong> <span id=\"trade\">"
                + escape(trade) + "</span></p>"
                + "<script>(function(){var no='" + orderNo + "';function tick(){fetch('/status?orderNo='+no).then(function(r){return r.json();})"
                + ".then(function(o){document.getElementById('status').textContent=o.status;"
                + "document.getElementById('trade').textContent=o.platformTradeNo?('('+o.channel+' '+o.platformTradeNo+')'):'';"
                + "if(o.status==='PENDING_PAYMENT'){setTimeout(tick,1000);}}).catch(function(){setTimeout(tick,2000);});}tick();})();</script>";
    }

    private void status(HttpExchange exchange, String orderNo) throws IOException {
        if (orderNo == null || !orderNo.matches("\\d{15,32}")) {
            json(exchange, 400, JSON.createObjectNode().put("code", "order_no_invalid"));
            return;
        }
        var order = api("GET", settings.baseUrl(settings.ports().order()) + "/api/v1/orders/" + orderNo, null);
        if (order.status() != 200) {
            json(exchange, order.status(), order.body());
            return;
        }
        var view = JSON.createObjectNode();
        view.put("orderNo", orderNo);
        view.put("status", order.body().get("status").asString());
        view.put("payableFen", order.body().get("payableFen").asLong());
        JsonNode payment = order.body().path("payments").path(0);
        if (!payment.isMissingNode()) {
            view.put("channel", payment.path("channel").asString(""));
            view.put("platformTradeNo", payment.path("platformTradeNo").asString(""));
        }
        json(exchange, 200, view);
    }

    private void qr(HttpExchange exchange, String orderNo) throws IOException {
        if (orderNo == null || !orderNo.matches("\\d{15,32}")) {
            html(exchange, 400, page("No order", "<p>No order number.</p>"));
            return;
        }
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(settings.baseUrl(settings.ports().payment())
                            + "/api/v1/orders/" + orderNo + "/payments/qr.png"))
                    .header("Authorization", "Bearer " + settings.demoApiKey()).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            exchange.getResponseHeaders().set("Content-Type", response.headers().firstValue("Content-Type").orElse("image/png"));
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String orders(String email) {
        if (email.isBlank()) {
            return page("Your orders", "<form method=\"get\" action=\"/orders\"><label>Email <input name=\"email\" type=\"email\" required>"
                    + "</label> <button type=\"submit\">Show</button></form>");
        }
        var list = api("GET", settings.baseUrl(settings.ports().order()) + "/api/v1/orders?customerEmail="
                + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&limit=200", null);
        var rows = new StringBuilder();
        for (JsonNode o : list.body()) {
            String orderNo = o.get("orderNo").asString();
            String status = o.get("status").asString();
            rows.append("<tr id=\"order-").append(orderNo).append("\"><td><a href=\"/result?orderNo=").append(orderNo).append("\">")
                    .append(orderNo).append("</a></td><td>").append(escape(o.path("subject").asString(""))).append("</td><td>¥")
                    .append(Yuan.format(o.get("payableFen").asLong())).append("</td><td class=\"status\">").append(escape(status))
                    .append("</td><td>");
            if ("PENDING_PAYMENT".equals(status)) {
                rows.append("<form method=\"post\" action=\"/repay\"><input type=\"hidden\" name=\"orderNo\" value=\"").append(orderNo)
                        .append("\">").append(waySelect()).append(" <button type=\"submit\" class=\"repay\">Pay again</button></form>");
            }
            rows.append("</td></tr>");
        }
        return page("Orders of " + email, "<table id=\"orders\"><tr><th>order</th><th>what</th><th>amount</th><th>status</th><th></th></tr>"
                + rows + "</table><p>An unpaid order can be paid again, on either channel, until its deadline.</p><p><a href=\"/\">Shop</a></p>");
    }

    private String waySelect() {
        return "<select name=\"pay\"><option value=\"ALIPAY_PC\">Alipay, computer (PC)</option>"
                + "<option value=\"ALIPAY_WAP\">Alipay, mobile browser (WAP)</option>"
                + (wechat ? "<option value=\"WECHAT_NATIVE\">WeChat Pay, scan a QR code (Native)</option>"
                        + "<option value=\"WECHAT_H5\">WeChat Pay, mobile browser (H5)</option>" : "")
                + "</select>";
    }

    private String result(String orderNo) {
        if (orderNo == null || !orderNo.matches("\\d{15,32}")) {
            return page("Unknown order", "<p>No order number. <a href=\"/\">Back to the shop</a></p>");
        }
        var order = api("GET", settings.baseUrl(settings.ports().order()) + "/api/v1/orders/" + orderNo, null);
        if (order.status() != 200) {
            return page("Unknown order", "<p>Order " + escape(orderNo) + " was not found.</p>");
        }
        return page("Order " + orderNo, liveStatus(orderNo, order.body())
                + "<p>Amount: ¥" + Yuan.format(order.body().get("payableFen").asLong()) + "</p>"
                + "<p>The page the browser came back to proves nothing: this status comes from order-service, "
                + "which only moves on a verified platform notification.</p>"
                + "<p><a href=\"/orders?email=" + java.net.URLEncoder.encode(order.body().path("customerEmail").asString(""), StandardCharsets.UTF_8)
                + "\">Your orders</a> · <a href=\"/mail\">Mail</a> · <a href=\"/admin\">Admin messages</a> · <a href=\"/\">Shop</a></p>");
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
        var rows = new StringBuilder();
        for (JsonNode p : products()) {
            String sku = p.get("sku").asString();
            rows.append("<tr><td>").append(escape(p.path("name").asString(sku))).append("</td><td>¥")
                    .append(Yuan.format(p.get("priceFen").asLong())).append("</td><td>").append(p.path("stock").asLong())
                    .append(" left</td><td><input name=\"qty.").append(escape(sku)).append("\" id=\"qty-").append(escape(sku))
                    .append("\" type=\"number\" min=\"0\" max=\"1000\" value=\"0\" size=\"4\"></td></tr>");
        }
        return page("paygate demo shop", (error.isEmpty() ? "" : "<p class=\"error\" id=\"error\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/checkout\" id=\"checkout\">"
                + "<table id=\"products\"><tr><th>product</th><th>price</th><th>stock</th><th>how many</th></tr>" + rows + "</table>"
                + "<p><label>Coupon <input name=\"coupon\" id=\"coupon\" placeholder=\"" + DEMO_COUPON_PREFIX + "…\"></label></p>"
                + "<p><label>Your email <input name=\"email\" id=\"email\" type=\"email\" value=\"buyer@example.com\" required></label></p>"
                + "<p><label>Pay with " + waySelect().replace("<select name=\"pay\">", "<select name=\"pay\" id=\"pay-with\">") + "</label></p>"
                + "<input type=\"hidden\" name=\"subject\" value=\"paygate demo 演示订单\">"
                + "<p><button type=\"submit\" id=\"buy\">Buy</button></p></form>"
                + "<p>Alipay takes you to the sandbox cashier; WeChat Native shows a QR code here that the sandbox's scan page pays. "
                + "After you pay, the sandbox notifies notify-ingress, the order becomes PAID, a receipt lands in "
                + "<a href=\"/mail\">the mail sink</a> and an <a href=\"/admin\">admin message</a> appears. "
                + "<a href=\"/orders\">Your orders</a> lets you pay an unpaid order again.</p>");
    }

    /** The shop's catalogue: products from order-service (this shop is the merchant's own backend, so it may read them). */
    private JsonNode products() {
        var response = admin("GET", settings.baseUrl(settings.ports().order()) + "/admin/v1/products", null);
        return response.status() == 200 ? response.body() : JSON.createArrayNode();
    }

    /** Puts the demo products and coupons in place the first time the shop starts; later starts leave stock and coupons as they are. */
    void seed() {
        String products = settings.baseUrl(settings.ports().order()) + "/admin/v1/products/";
        for (String[] product : DEMO_PRODUCTS) {
            if (admin("GET", products + product[0], null).status() == 404) {
                admin("PUT", products + product[0], Map.of("name", product[1], "priceFen", Long.parseLong(product[2]),
                        "stock", Integer.parseInt(product[3])));
            }
        }
        String coupons = settings.baseUrl(settings.ports().order()) + "/admin/v1/coupons/";
        for (int i = 1; i <= 20; i++) {
            admin("PUT", coupons + DEMO_COUPON_PREFIX + i, Map.of("amountOffFen", 1_000_000L));
        }
    }

    /** SKU, name, price in fen, stock. */
    private static final String[][] DEMO_PRODUCTS = {
            {"ANNUAL", "年度会员 Annual plan", "8888", "100"},
            {"MUG", "马克杯 Mug", "3900", "20"},
            {"STICKER", "贴纸 Sticker", "1", "1000"}};
    /** Single-use demo coupons FREE1 … FREE20, each worth more than anything here: the order is free. */
    static final String DEMO_COUPON_PREFIX = "FREE";

    private record ApiResponse(int status, JsonNode body) {
    }

    private ApiResponse api(String method, String url, Map<String, Object> body) {
        return call(method, url, body, "Bearer " + settings.demoApiKey());
    }

    private ApiResponse admin(String method, String url, Map<String, Object> body) {
        return call(method, url, body,
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + settings.adminPassword()).getBytes(StandardCharsets.UTF_8)));
    }

    private ApiResponse call(String method, String url, Map<String, Object> body, String authorization) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", authorization)
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

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
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
