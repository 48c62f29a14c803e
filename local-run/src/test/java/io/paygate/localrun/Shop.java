package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.api.internal.util.AlipaySignature;
import io.paygate.common.keys.PemKeys;
import io.paygate.localrun.Browser.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * What the fault tests do to the running system, as its outside world would: a client app
 * creating orders and starting Alipay payments, a buyer opening the cashier and paying, the
 * sandbox's controls, and Alipay's notifications signed with the sandbox's platform key.
 */
final class Shop {

    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    final Browser browser = new Browser();
    private final LocalRun run;
    private final String platformKey;

    Shop(LocalRun run) {
        this.run = run;
        try {
            this.platformKey = PemKeys.base64Body(Files.readString(run.keys().alipayPlatformPrivate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An order the buyer has opened Alipay's cashier for: the sandbox holds a trade waiting to be paid. */
    String orderAwaitingAlipay(long amountFen, String email) {
        return orderAwaitingAlipay(amountFen, email, java.util.UUID.randomUUID().toString());
    }

    /** The same, safe to repeat: a client app that retries sends the same {@code Idempotency-Key}. */
    String orderAwaitingAlipay(long amountFen, String email, String idempotencyKey) {
        String orderNo = createOrder(amountFen, email, idempotencyKey);
        Page payment = startPayment(orderNo, "ALIPAY", "PC");
        Page cashier = browser.submitFirstForm(sandbox("/alipay/gateway.do"), payment.json().get("credential").get("formHtml").asString());
        assertThat(cashier.status()).as(cashier.body()).isEqualTo(200);
        return orderNo;
    }

    /** An order with a WeChat Pay Native payment started: the sandbox holds a trade waiting for the buyer to scan and pay. */
    String orderAwaitingWechat(long amountFen, String email, String idempotencyKey) {
        String orderNo = createOrder(amountFen, email, idempotencyKey);
        startPayment(orderNo, "WECHAT", "NATIVE");
        return orderNo;
    }

    /** An order awaiting payment on {@code channel} (ALIPAY or WECHAT). */
    String orderAwaiting(String channel, long amountFen, String email) {
        return orderAwaiting(channel, amountFen, email, java.util.UUID.randomUUID().toString());
    }

    /** The same, safe to repeat with the same {@code idempotencyKey}. */
    String orderAwaiting(String channel, long amountFen, String email, String idempotencyKey) {
        return switch (channel) {
            case "ALIPAY" -> orderAwaitingAlipay(amountFen, email, idempotencyKey);
            case "WECHAT" -> orderAwaitingWechat(amountFen, email, idempotencyKey);
            default -> throw new IllegalArgumentException(channel);
        };
    }

    /** The buyer pays on {@code channel}; the sandbox then notifies on its schedule. */
    void pay(String channel, String orderNo) {
        Page paid = browser.postJson(sandbox("/sandbox/" + platform(channel) + "/trades/" + orderNo + "/pay"), Map.of());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    }

    /** The sandbox delivers the trade's latest notification on {@code channel} once more, now; answers after the delivery. */
    Page notifyAgain(String channel, String orderNo) {
        return browser.postJson(sandbox("/sandbox/" + platform(channel) + "/trades/" + orderNo + "/notify"), Map.of());
    }

    /** The sandbox's record of the order's trade on {@code channel}. */
    JsonNode trade(String channel, String orderNo) {
        return browser.get(sandbox("/sandbox/" + platform(channel) + "/trades/" + orderNo)).json();
    }

    /** An admin refunds part or all of a paid order; answers order-service's answer. */
    Page refund(String orderNo, long amountFen) {
        return browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + orderNo + "/refunds"),
                Map.of("amountFen", amountFen, "reason", "故障演练退款"), "Authorization", adminAuthorization());
    }

    private String createOrder(long amountFen, String email, String idempotencyKey) {
        String[] headers = {auth()[0], auth()[1], "Idempotency-Key", idempotencyKey};
        Page created = browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "故障演练", "customerEmail", email, "amountFen", amountFen), headers);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("orderNo").asString();
    }

    private Page startPayment(String orderNo, String channel, String scene) {
        Page payment = browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", channel, "scene", scene), auth());
        assertThat(payment.status()).as(payment.body()).isEqualTo(201);
        return payment;
    }

    private static String platform(String channel) {
        return switch (channel) {
            case "ALIPAY" -> "alipay";
            case "WECHAT" -> "wechat";
            default -> throw new IllegalArgumentException(channel);
        };
    }

    /** {@code count} orders awaiting Alipay, prepared a few at a time; order i is mailed to {@code email.apply(i)}. */
    List<String> ordersAwaitingAlipay(int count, long amountFen, IntFunction<String> email) {
        return inParallel(count, 6, i -> orderAwaitingAlipay(amountFen, email.apply(i)));
    }

    /** The buyer pays in the cashier; the sandbox then notifies on its schedule. */
    void pay(String orderNo) {
        Page paid = browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/pay"), Map.of());
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
    }

    /** Switches sandbox faults on for one order (see the sandbox's TradeFaults). */
    void fault(String orderNo, Map<String, Object> faults) {
        fault("ALIPAY", orderNo, faults);
    }

    /** Switches sandbox faults on for one order on {@code channel} (the sandbox's TradeFaults / OrderFaults). */
    void fault(String channel, String orderNo, Map<String, Object> faults) {
        var body = new LinkedHashMap<String, Object>(faults);
        body.put("outTradeNo", orderNo);
        Page set = browser.postJson(sandbox("/sandbox/" + platform(channel) + "/faults"), body);
        assertThat(set.status()).as(set.body()).isEqualTo(200);
    }

    /** The sandbox delivers the trade's latest notification once more, now; answers after the delivery. */
    Page notifyAgain(String orderNo) {
        return browser.postJson(sandbox("/sandbox/alipay/trades/" + orderNo + "/notify"), Map.of());
    }

    JsonNode trade(String orderNo) {
        return browser.get(sandbox("/sandbox/alipay/trades/" + orderNo)).json();
    }

    JsonNode order(String orderNo) {
        return browser.get(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo), auth()).json();
    }

    /**
     * A payment notification for a paid sandbox trade as Alipay sends it: the trade's own numbers
     * and amount, a notification id of our choosing, signed with the platform's key.
     */
    Map<String, String> paymentNotification(JsonNode trade, String notifyId) {
        String now = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(ALIPAY_TIME);
        var fields = new LinkedHashMap<String, String>();
        fields.put("notify_time", now);
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", notifyId);
        fields.put("app_id", LocalRun.AlipayApp.APP_ID);
        fields.put("auth_app_id", LocalRun.AlipayApp.APP_ID);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("trade_no", trade.get("tradeNo").asString());
        fields.put("out_trade_no", trade.get("outTradeNo").asString());
        fields.put("seller_id", LocalRun.AlipayApp.SELLER_ID);
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", trade.get("totalAmount").asString());
        fields.put("receipt_amount", trade.get("totalAmount").asString());
        fields.put("gmt_create", now);
        fields.put("gmt_payment", now);
        var unsigned = new HashMap<>(fields);
        try {
            String sign = AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(unsigned), platformKey, "utf-8");
            fields.put("sign_type", "RSA2");
            fields.put("sign", sign);
        } catch (com.alipay.api.AlipayApiException e) {
            throw new IllegalStateException("cannot sign like the platform", e);
        }
        return fields;
    }

    /** One notification POSTed to notify-ingress as the platform would, with how long the answer took. */
    record Answer(Map<String, String> notification, int status, String body, long millis) {
        boolean success() {
            return status == 200 && "success".equals(body);
        }
    }

    Answer deliver(Map<String, String> notification) {
        long started = System.nanoTime();
        Page answer = browser.postForm(url(run.settings().ports().notifyIngress(), "/notify/alipay"), notification);
        return new Answer(notification, answer.status(), answer.body(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The WeChat Pay sandbox delivers the order's latest notification once more, now; answers what
     * notify-ingress answered it, timed from here (so an upper bound of notify-ingress's own time).
     * Its {@code notification} is null: WeChat Pay's are built and encrypted by the sandbox.
     */
    Answer deliverWechatAgain(String orderNo) {
        long started = System.nanoTime();
        Page delivered = notifyAgain("WECHAT", orderNo);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        JsonNode manual = null;
        for (JsonNode attempt : delivered.json().get("notifications")) {
            if ("MANUAL".equals(attempt.path("trigger").asString())) {
                manual = attempt;
            }
        }
        assertThat(manual).as("the delivery just asked for, among " + delivered.body()).isNotNull();
        return new Answer(null, manual.path("httpStatus").asInt(0), manual.path("responseBody").asString(""), millis);
    }

    static <T> List<T> inParallel(int count, int threads, IntFunction<T> task) {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.apply(n)));
            }
            var results = new ArrayList<T>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    String adminAuthorization() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + run.settings().adminPassword())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    String[] auth() {
        return new String[] {"Authorization", "Bearer " + run.settings().demoApiKey()};
    }

    String sandbox(String path) {
        return url(run.settings().ports().sandbox(), path);
    }

    static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }
}
