package io.paygate.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.Stack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.localrun.Browser.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Canary secrets — the demo client's API key, the admin password, the WeChat Pay API v3 key and
 * every private key of the run — must never appear in a log line, a Kafka record or an HTTP
 * answer, while the system takes payments on both platforms, refunds, and refuses forgeries and
 * bad logins.
 */
class SecretsDoNotLeakIT {

    private static LocalRun run;
    private static TopicRecorder topics;
    /** Every log event of the run, as it would be written: message, key-values, exception and its causes. */
    private static final StringBuffer LOG = new StringBuffer();
    private static final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> CAPTURE =
            new ch.qos.logback.core.AppenderBase<>() {
                @Override
                protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
                    LOG.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
                    if (event.getKeyValuePairs() != null) {
                        event.getKeyValuePairs().forEach(kv -> LOG.append(' ').append(kv.key).append('=').append(kv.value));
                    }
                    for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                        LOG.append(' ').append(thrown.getClassName()).append(": ").append(thrown.getMessage());
                    }
                    LOG.append('\n');
                }
            };
    private final Browser browser = new Browser();
    private final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() {
        run = LocalRun.start(LocalRunSettings.forTests(Stack.temporaryDataDir(), List.of(
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), Map.of()));
        // after every service started: each start re-initialises logging and would drop an appender added before
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        CAPTURE.setContext(root.getLoggerContext());
        CAPTURE.start();
        root.addAppender(CAPTURE);
        topics = new TopicRecorder(run.kafka().bootstrapServers(), "paygate.order.v1", "paygate.payment.v1", "paygate.notify.raw.v1",
                "paygate.order.v1.fulfillment-service.dlt", "paygate.payment.v1.order-service.dlt", "paygate.order.v1.payment-service.dlt");
    }

    @AfterAll
    static void stopTheSystem() {
        topics.close();
        run.close();
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(CAPTURE);
    }

    @Test
    void noCanaryReachesALogATopicOrAnAnswer() throws Exception {
        Map<String, String> canaries = canaries();

        // Alipay: pay on the cashier, refund part of it
        String alipayOrder = order(8888);
        keep(browser.submitFirstForm(sandbox("/alipay/gateway.do"), pay(alipayOrder, "ALIPAY", "PC").json()
                .get("credential").get("formHtml").asString()));
        keep(browser.postJson(sandbox("/sandbox/alipay/trades/" + alipayOrder + "/pay"), Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(alipayOrder)));
        keep(browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + alipayOrder + "/refunds"),
                Map.of("amountFen", 888), "Authorization", admin(run.settings().adminPassword())));
        // WeChat Pay: Native, paid, refunded (its refund notification decrypted with the API v3 key)
        String wechatOrder = order(6666);
        keep(pay(wechatOrder, "WECHAT", "NATIVE"));
        keep(browser.postJson(sandbox("/sandbox/wechat/trades/" + wechatOrder + "/pay"), Map.of()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(status(wechatOrder)));
        keep(browser.postJson(url(run.settings().ports().order(), "/admin/v1/orders/" + wechatOrder + "/refunds"),
                Map.of("amountFen", 666), "Authorization", admin(run.settings().adminPassword())));
        await().atMost(Duration.ofSeconds(40)).until(() -> "SUCCEEDED".equals(order(wechatOrder).get("refunds").get(0).get("status").asString()));
        // refusals: a forged notification, a wrong admin password, a wrong API key, bad input
        keep(browser.postForm(url(run.settings().ports().notifyIngress(), "/notify/alipay"),
                Map.of("out_trade_no", alipayOrder, "trade_status", "TRADE_SUCCESS", "sign", "Zm9yZ2Vk", "sign_type", "RSA2")));
        keep(browser.get(url(run.settings().ports().order(), "/admin/v1/review"), "Authorization", admin("wrong-" + run.settings().adminPassword())));
        keep(browser.get(url(run.settings().ports().order(), "/api/v1/orders/" + alipayOrder), "Authorization", "Bearer pk_wrong"));
        keep(browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"), Map.of("amountFen", -1), auth()));
        keep(browser.get(url(run.settings().ports().payment(), "/actuator/prometheus")));
        keep(browser.get(url(run.settings().ports().order(), "/v3/api-docs")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !topics.of(wechatOrder, "io.paygate.OrderRefunded.v1").isEmpty());

        String logs = logText();
        // the payments above were logged (so this test could see a leak there)
        assertThat(logs).as("the run's log").contains(alipayOrder).contains(wechatOrder);
        List<String> records = topics.all().stream().map(r -> r.key() + " " + new String(r.value(), StandardCharsets.UTF_8) + " "
                + headers(r)).toList();
        assertThat(records).isNotEmpty();
        canaries.forEach((name, secret) -> {
            assertThat(logs).as("the log holds " + name).doesNotContain(secret);
            assertThat(records).as("a Kafka record holds " + name).noneMatch(record -> record.contains(secret));
            assertThat(answers).as("an HTTP answer holds " + name).noneMatch(answer -> answer.contains(secret));
        });
        System.out.printf("[secrets] %d canaries, %d log characters, %d records, %d answers: none found%n",
                canaries.size(), logs.length(), records.size(), answers.size());
    }

    /** The secrets, each as it would appear if leaked: the value itself, or a chunk of a key's Base64 body. */
    private static Map<String, String> canaries() throws Exception {
        var canaries = new LinkedHashMap<String, String>();
        canaries.put("demo API key", run.settings().demoApiKey());
        canaries.put("admin password", run.settings().adminPassword());
        canaries.put("WeChat Pay API v3 key", run.settings().wechatApiV3Key());
        var keys = run.keys();
        for (Path key : List.of(keys.alipayAppPrivate(), keys.alipayPlatformPrivate(), keys.wechatMerchantPrivate(),
                keys.wechatPlatformPrivate())) {
            String body = PemKeys.base64Body(Files.readString(key));
            canaries.put(key.getFileName().toString(), body.substring(body.length() / 2, body.length() / 2 + 40));
        }
        return canaries;
    }

    /** What the run logged, plus any log file it wrote. */
    private static String logText() throws Exception {
        var text = new StringBuilder(LOG);
        Path logs = run.settings().dataDir().resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.walk(logs)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    text.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return text.toString();
    }

    private static String headers(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        var text = new StringBuilder();
        record.headers().forEach(h -> text.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8)).append(' '));
        return text.toString();
    }

    private Page keep(Page page) {
        answers.add(page.status() + " " + page.location() + " " + page.body());
        return page;
    }

    private String order(long amountFen) {
        Page created = keep(browser.postJson(url(run.settings().ports().order(), "/api/v1/orders"),
                Map.of("subject", "canary", "customerEmail", "canary@example.com", "amountFen", amountFen), auth()));
        return created.json().get("orderNo").asString();
    }

    private Page pay(String orderNo, String channel, String scene) {
        return keep(browser.postJson(url(run.settings().ports().payment(), "/api/v1/orders/" + orderNo + "/payments"),
                Map.of("channel", channel, "scene", scene), auth()));
    }

    private String status(String orderNo) {
        return order(orderNo).get("status").asString();
    }

    private tools.jackson.databind.JsonNode order(String orderNo) {
        return keep(browser.get(url(run.settings().ports().order(), "/api/v1/orders/" + orderNo), auth())).json();
    }

    private static String[] auth() {
        return new String[] {"Authorization", "Bearer " + run.settings().demoApiKey()};
    }

    private static String admin(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String sandbox(String path) {
        return url(run.settings().ports().sandbox(), path);
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }
}
