package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static io.paygate.notify.wechat.WechatNotificationFixture.APPID;
import static io.paygate.notify.wechat.WechatNotificationFixture.MCHID;
import static io.paygate.notify.wechat.WechatNotificationFixture.newOrderNo;
import static io.paygate.notify.wechat.WechatNotificationFixture.paid;
import static io.paygate.notify.wechat.WechatNotificationFixture.refund;
import static io.paygate.notify.wechat.WechatNotificationFixture.transaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.notify.hostile.ConnectionCanary;
import io.paygate.notify.hostile.RawHttp;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile requests to {@code POST /notify/wechat/payment} (and its refund URL) over real HTTP
 * against the real broker (issue #7, "Hostile input"). WeChat Pay's protocol: anything but 2xx
 * is a refusal and is retried; we answer 401 when authenticity fails and 400 otherwise, with
 * {@code {"code":"FAIL","message":"notification refused: <reason>"}}. Each case must get that answer, be counted
 * under its reason in {@code paygate.notify.rejected}, and publish nothing to either topic: the
 * genuine notification of the same order is sent afterwards as a marker, and from the hostile
 * request up to the marker's records only the marker's may appear. Cases already in
 * {@link WechatNotificationIT} are not repeated here.
 */
class WechatHostileIT extends RunningWechatIngress {

    private static final String PAYMENT_URL = "/notify/wechat/payment";
    private static final String REFUND_URL = "/notify/wechat/refund";
    private static final String JSON_TYPE = "application/json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConnectionCanary canary;

    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    @BeforeAll
    static void listenForXxe() {
        canary = new ConnectionCanary();
    }

    @AfterAll
    static void stopListening() {
        canary.close();
    }

    /** What is posted where: headers as given (a null value is left out), body bytes, chunked or not. */
    record Sent(String path, String contentType, Map<String, String> headers, byte[] body, boolean chunked) {

        static Sent payment(Delivery delivery) {
            return new Sent(PAYMENT_URL, JSON_TYPE, delivery.headers(), bytes(delivery.body()), false);
        }

        Sent withHeader(String name, String value) {
            var changed = new LinkedHashMap<>(headers);
            changed.put(name, value);
            return new Sent(path, contentType, changed, body, chunked);
        }

        Sent as(String otherType) {
            return new Sent(path, otherType, headers, body, chunked);
        }
    }

    static Stream<Arguments> hostileNotifications() {
        return Stream.of(
                // unsigned, forged, wrong key, replayed
                refused("no Wechatpay-Signature", o -> genuine(o).withHeader("Wechatpay-Signature", null), 400, "headers_missing"),
                refused("no Wechatpay-Serial", o -> genuine(o).withHeader("Wechatpay-Serial", null), 400, "headers_missing"),
                refused("no Wechatpay-Nonce", o -> genuine(o).withHeader("Wechatpay-Nonce", null), 400, "headers_missing"),
                refused("timestamp not a number", o -> genuine(o).withHeader("Wechatpay-Timestamp", "yesterday"), 400, "timestamp_invalid"),
                refused("timestamp past Long.MAX_VALUE", o -> genuine(o).withHeader("Wechatpay-Timestamp", "99999999999999999999"), 400,
                        "timestamp_invalid"),
                refused("signature that is not Base64", o -> genuine(o).withHeader("Wechatpay-Signature", "!!not*base64!!"), 401,
                        "signature_invalid"),
                refused("signature of 256 zero bytes", o -> genuine(o).withHeader("Wechatpay-Signature",
                        java.util.Base64.getEncoder().encodeToString(new byte[256])), 401, "signature_invalid"),
                refused("replayed a day later", o -> Sent.payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o),
                        Instant.now().minus(Duration.ofDays(1)))), 401, "timestamp_stale"),
                refused("replayed with the timestamp header refreshed", o -> {
                    Delivery old = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now().minus(Duration.ofMinutes(10)));
                    return Sent.payment(old).withHeader("Wechatpay-Timestamp", Long.toString(Instant.now().getEpochSecond()));
                }, 401, "signature_invalid"),
                refused("nonce header changed", o -> genuine(o).withHeader("Wechatpay-Nonce", WechatPlatform.nonce(32)), 401,
                        "signature_invalid"),
                refused("body re-serialised with other whitespace", o -> {
                    Delivery genuine = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now());
                    return Sent.payment(genuine.withBody(genuine.body().replace(",", ", ")));
                }, 401, "signature_invalid"),
                refused("public key of another WeChat Pay merchant under our key id", o -> {
                    Delivery foreign = WechatPlatform.withPublicKey().notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now());
                    return Sent.payment(foreign).withHeader("Wechatpay-Serial", OLD_KEY.serial());
                }, 401, "signature_invalid"),
                // the encrypted resource
                refused("ciphertext with one byte flipped, re-signed", o -> Sent.payment(OLD_KEY.sign(resourceTampered(o, "ciphertext"),
                        Instant.now())), 401, "resource_undecryptable"),
                refused("associated_data changed, re-signed", o -> Sent.payment(OLD_KEY.sign(resourceTampered(o, "associated_data"),
                        Instant.now())), 401, "resource_undecryptable"),
                refused("resource nonce changed, re-signed", o -> Sent.payment(OLD_KEY.sign(resourceTampered(o, "nonce"), Instant.now())),
                        401, "resource_undecryptable"),
                refused("resource in plain text, not encrypted", o -> Sent.payment(OLD_KEY.sign("{\"id\":\"EV-1\",\"event_type\":"
                        + "\"TRANSACTION.SUCCESS\",\"resource_type\":\"encrypt-resource\",\"resource\":" + paid(o) + "}", Instant.now())), 400,
                        "body_malformed"),
                // another merchant, amounts
                refused("mchid missing", o -> payment(o, transaction(MCHID, APPID, o, "SUCCESS", "8888", "CNY").replace(
                        "\"mchid\":\"" + MCHID + "\",", "")), 400, "mchid_mismatch"),
                refused("appid missing", o -> payment(o, transaction(MCHID, APPID, o, "SUCCESS", "8888", "CNY").replace(
                        "\"appid\":\"" + APPID + "\",", "")), 400, "appid_mismatch"),
                refused("amount negative", o -> payment(o, transaction(o, "SUCCESS", -8888)), 400, "amount_invalid"),
                refused("amount 0.01 yuan written as a fraction", o -> payment(o, transaction(MCHID, APPID, o, "SUCCESS", "0.01", "CNY")), 400,
                        "body_malformed"),
                refused("amount past Long.MAX_VALUE", o -> payment(o, transaction(MCHID, APPID, o, "SUCCESS", "99999999999999999999",
                        "CNY")), 400, "body_malformed"),
                refused("amount missing", o -> payment(o, transaction(o, "SUCCESS", 8888).replace("\"total\":8888},", "},")), 400,
                        "body_malformed"),
                // order and transaction numbers
                refused("SQL in out_trade_no", o -> payment(o, paid(o).replace("\"out_trade_no\":\"" + o, "\"out_trade_no\":\"" + o
                        + "' OR '1'='1")), 400, "order_no_invalid"),
                refused("script in out_trade_no", o -> payment(o, paid(o).replace("\"out_trade_no\":\"" + o,
                        "\"out_trade_no\":\"<script>alert(1)</script>")), 400, "order_no_invalid"),
                refused("SQL in transaction_id", o -> payment(o, paid(o).replace("\"transaction_id\":\"",
                        "\"transaction_id\":\"1'; DROP TABLE payments; --")), 400, "trade_no_invalid"),
                refused("trade_state in lower case", o -> payment(o, transaction(o, "success", 8888)), 400, "trade_state_unknown"),
                // refund or close notifications on the payment URL
                refused("REFUND.CLOSED on the payment URL", o -> Sent.payment(OLD_KEY.notify(API_V3_KEY, "REFUND.CLOSED",
                        refund(o, "CLOSED"), Instant.now())), 400, "event_type_unexpected"),
                refused("REFUND.ABNORMAL on the payment URL", o -> Sent.payment(OLD_KEY.notify(API_V3_KEY, "REFUND.ABNORMAL",
                        refund(o, "ABNORMAL"), Instant.now())), 400, "event_type_unexpected"),
                refused("an event type WeChat Pay does not send", o -> Sent.payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.CLOSED",
                        paid(o), Instant.now())), 400, "event_type_unexpected"),
                refused("a refund of another merchant on the refund URL", o -> {
                    Delivery delivery = OLD_KEY.notify(API_V3_KEY, "REFUND.SUCCESS", refund("1900000109", o, "SUCCESS"), Instant.now());
                    return new Sent(REFUND_URL, JSON_TYPE, delivery.headers(), bytes(delivery.body()), false);
                }, 400, "mchid_mismatch"),
                // bodies and content types
                refused("empty body", o -> Sent.payment(OLD_KEY.sign("", Instant.now())), 400, "body_empty"),
                refused("JSON array", o -> Sent.payment(OLD_KEY.sign("[" + OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o),
                        Instant.now()).body() + "]", Instant.now())), 400, "body_not_json"),
                refused("JSON nested 10,000 deep", o -> Sent.payment(OLD_KEY.sign("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
                        Instant.now())), 400, "body_malformed"),
                refused("a form instead of JSON", o -> genuine(o).as("application/x-www-form-urlencoded"), 400, "content_type_unsupported"),
                refused("text/plain instead of JSON", o -> genuine(o).as("text/plain"), 400, "content_type_unsupported"),
                refused("XML with external entities as application/xml", o -> Sent.payment(OLD_KEY.sign(canary.xxe("<out_trade_no>" + o
                        + "</out_trade_no>"), Instant.now())).as("application/xml"), 400, "content_type_unsupported"),
                refused("body one byte over 64 KiB", o -> new Sent(PAYMENT_URL, JSON_TYPE, genuine(o).headers(), filler(64 * 1024 + 1), false),
                        400, "body_too_large"),
                refused("8 MiB body chunked, no Content-Length", o -> new Sent(PAYMENT_URL, JSON_TYPE, genuine(o).headers(),
                        filler(8 * 1024 * 1024), true), 400, "body_too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileNotifications")
    void hostileNotificationIsRefusedWithFailJsonCountedAndPublishesNothing(Function<String, Sent> forge, int status, String reason)
            throws Exception {
        String orderNo = newOrderNo();
        Sent sent = forge.apply(orderNo);
        double refusedBefore = refused(reason);
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = RawHttp.post(url(sent.path()), sent.contentType(), sent.headers(), sent.body(), sent.chunked());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        var body = JSON.readTree(answer.body());
        assertThat(body.path("code").asString()).isEqualTo("FAIL");
        assertThat(body.path("message").asString()).isEqualTo("notification refused: " + reason);
        assertThat(refused(reason)).isEqualTo(refusedBefore + 1);
        assertOnlyTheMarkerIsPublishedSince(sentFrom, orderNo);
    }

    @Test
    void noXmlEntityOrDtdIsEverFetchedWhateverWayTheXmlArrives() throws Exception {
        int counted = canary.probed();
        String orderNo = newOrderNo();
        String xxe = canary.xxe("<out_trade_no>" + orderNo + "</out_trade_no>");

        for (String type : new String[] {"text/xml", "application/xml", JSON_TYPE}) {
            Delivery signed = OLD_KEY.sign(xxe, Instant.now());
            assertThat(RawHttp.post(url(PAYMENT_URL), type, signed.headers(), bytes(xxe), false).statusCode()).as(type).isEqualTo(400);
            assertThat(RawHttp.post(url(REFUND_URL), type, signed.headers(), bytes(xxe), false).statusCode()).as(type).isEqualTo(400);
        }
        // inside a genuine, encrypted notification the XML is only text
        String withXml = paid(orderNo).replace("\"attach\":\"\"", "\"attach\":" + JSON.writeValueAsString(xxe));
        Delivery genuine = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", withXml, Instant.now());
        assertThat(RawHttp.post(url(PAYMENT_URL), JSON_TYPE, genuine.headers(), bytes(genuine.body()), false).statusCode()).isEqualTo(204);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> canary.connections() == counted);
        assertThat(canary.connections()).isEqualTo(counted);
    }

    @Test
    void aHeaderFloodIsRefusedBeforeTheEndpointAndPublishesNothing() throws Exception {
        String orderNo = newOrderNo();
        long sentFrom = System.currentTimeMillis();
        Sent sent = genuine(orderNo);
        var headers = new LinkedHashMap<>(sent.headers());
        headers.putAll(RawHttp.flood(200, 100));

        HttpResponse<String> answer = RawHttp.post(url(PAYMENT_URL), JSON_TYPE, headers, sent.body(), false);

        assertThat(answer.statusCode()).isIn(400, 431);
        assertOnlyTheMarkerIsPublishedSince(sentFrom, orderNo);
    }

    /** The genuine notification of the order goes last; it, and nothing else, may have been published since the hostile request. */
    private void assertOnlyTheMarkerIsPublishedSince(long sentFrom, String orderNo) throws Exception {
        Sent marker = genuine(orderNo);
        assertThat(RawHttp.post(url(PAYMENT_URL), JSON_TYPE, marker.headers(), marker.body(), false).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(300))
                .until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RECEIVED).size() == 1);
        // by the records' own time, not their place in the recorder, which may still be reading earlier classes' records
        assertThat(topics.all().stream().filter(record -> record.timestamp() >= sentFrom).toList())
                .extracting(ConsumerRecord::key).containsOnly(orderNo).hasSize(2);
    }

    private static Sent genuine(String orderNo) {
        return Sent.payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now()));
    }

    private static Sent payment(String orderNo, String resourceJson) {
        return Sent.payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", resourceJson, Instant.now()));
    }

    /** A genuine envelope with one field of its encrypted resource changed, so AES-GCM's tag no longer matches. */
    private static String resourceTampered(String orderNo, String field) {
        String nonce = WechatPlatform.nonce(12);
        String ciphertext = WechatPlatform.encrypt(API_V3_KEY, paid(orderNo), "transaction", nonce);
        return switch (field) {
            case "ciphertext" -> {
                byte[] raw = java.util.Base64.getDecoder().decode(ciphertext);
                raw[0] ^= 1;
                yield WechatPlatform.envelope("EV-T", "TRANSACTION.SUCCESS", "transaction",
                        java.util.Base64.getEncoder().encodeToString(raw), "transaction", nonce);
            }
            case "associated_data" -> WechatPlatform.envelope("EV-T", "TRANSACTION.SUCCESS", "transaction", ciphertext, "refund", nonce);
            default -> WechatPlatform.envelope("EV-T", "TRANSACTION.SUCCESS", "transaction", ciphertext, "transaction",
                    WechatPlatform.nonce(12));
        };
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private double refused(String reason) {
        return meters.find("paygate.notify.rejected").tags("channel", "wechat", "reason", reason).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] filler(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) ' ');
        return bytes;
    }

    private static Arguments refused(String name, Function<String, Sent> forge, int status, String reason) {
        return Arguments.of(Named.of(name, forge), status, reason);
    }
}
