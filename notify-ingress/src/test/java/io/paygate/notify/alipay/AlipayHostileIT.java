package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.notification;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.common.keys.PemKeys;
import io.paygate.notify.RunningIngress;
import io.paygate.notify.hostile.ConnectionCanary;
import io.paygate.notify.hostile.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/**
 * Hostile requests to {@code POST /notify/alipay} over real HTTP against the real broker (issue
 * #7, "Hostile input"). The Alipay protocol has one refusal: the plain text {@code failure}
 * (HTTP 200, or 413 for a body refused unread), after which Alipay retries. Each case must be
 * answered so, counted under its reason in {@code paygate.notify.rejected}, and publish nothing
 * to either topic: the genuine notification of the same order is sent afterwards as a marker,
 * and from the hostile request up to the marker's records only the marker's may appear.
 * Cases already in {@link AlipayNotificationIT} are not repeated here.
 */
class AlipayHostileIT extends RunningIngress {

    private static final AlipaySigner ALIPAY = new AlipaySigner(ALIPAY_KEYS.getPrivate());
    private static final AlipaySigner STRANGER = new AlipaySigner(PemKeys.generateRsa().getPrivate());
    private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
    private static final String PAID = "io.paygate.PaymentSucceeded.v1";
    private static final String RECEIVED = "io.paygate.NotificationReceived.v1";
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

    /** What is posted: content type (null: none), body bytes, and whether they go chunked with no Content-Length. */
    record Sent(String contentType, byte[] body, boolean chunked) {

        static Sent form(Map<String, String> fields) {
            return new Sent(FORM, AlipaySigner.formBytes(fields), false);
        }

        static Sent text(String contentType, String body) {
            return new Sent(contentType, body.getBytes(StandardCharsets.UTF_8), false);
        }
    }

    static Stream<Arguments> hostileNotifications() {
        return Stream.of(
                // unsigned, forged, wrong key
                refused("neither sign nor sign_type", o -> Sent.form(AlipaySigner.without(AlipaySigner.without(
                        ALIPAY.sign(tradeSuccess(o)), "sign"), "sign_type")), "sign_missing"),
                refused("empty sign", o -> Sent.form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)), "sign", "")), "sign_missing"),
                refused("sign that is not Base64", o -> Sent.form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)), "sign", "!!not*base64!!")),
                        "signature_invalid"),
                refused("sign of random bytes", o -> Sent.form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)), "sign",
                        java.util.Base64.getEncoder().encodeToString(new byte[256]))), "signature_invalid"),
                refused("sign_type lower-case rsa2", o -> Sent.form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)),
                        "sign_type", "rsa2")), "sign_type_unsupported"),
                refused("sign_type SM2", o -> Sent.form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)), "sign_type", "SM2")),
                        "sign_type_unsupported"),
                refused("stranger's key, certificate-mode field added", o -> Sent.form(STRANGER.sign(AlipaySigner.with(tradeSuccess(o),
                        "alipay_cert_sn", "0123456789abcdef"))), "signature_invalid"),
                refused("genuine signature replayed for another order", o -> {
                    Map<String, String> genuine = ALIPAY.sign(tradeSuccess(newOrderNo()));
                    return Sent.form(AlipaySigner.with(AlipaySigner.with(genuine, "out_trade_no", o), "trade_no",
                            AlipayNotificationFixture.tradeNoFor(o)));
                }, "signature_invalid"),
                refused("genuine signature, status changed WAIT_BUYER_PAY to TRADE_SUCCESS", o -> Sent.form(AlipaySigner.with(
                        ALIPAY.sign(notification(o, "WAIT_BUYER_PAY", "88.88")), "trade_status", "TRADE_SUCCESS")), "signature_invalid"),
                refused("genuine signature, a field added after signing", o -> Sent.form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)),
                        "passback_params", "x")), "signature_invalid"),
                // another merchant
                refused("another merchant's app_id and seller_id, signed by its own key", o -> Sent.form(STRANGER.sign(AlipaySigner.with(
                        AlipaySigner.with(tradeSuccess(o), "app_id", "2021009999999999"), "seller_id", "2088999999999999"))),
                        "signature_invalid"),
                refused("app_id missing", o -> Sent.form(ALIPAY.sign(AlipaySigner.without(tradeSuccess(o), "app_id"))), "app_id_mismatch"),
                refused("our seller_id with a trailing space", o -> Sent.form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "seller_id", AlipayNotificationFixture.SELLER_ID + " "))),
                        "seller_id_mismatch"),
                // amounts
                refused("amount 0.01 swapped in after signing", o -> Sent.form(AlipaySigner.with(AlipaySigner.with(
                        ALIPAY.sign(tradeSuccess(o)), "total_amount", "0.01"), "receipt_amount", "0.01")), "signature_invalid"),
                refused("amount zero", o -> Sent.form(ALIPAY.sign(notification(o, "TRADE_SUCCESS", "0.00"))), "amount_invalid"),
                refused("amount negative", o -> Sent.form(ALIPAY.sign(notification(o, "TRADE_SUCCESS", "-88.88"))), "amount_invalid"),
                refused("amount in exponent form", o -> Sent.form(ALIPAY.sign(notification(o, "TRADE_SUCCESS", "1e2"))), "amount_invalid"),
                refused("amount with three decimals", o -> Sent.form(ALIPAY.sign(notification(o, "TRADE_SUCCESS", "88.881"))),
                        "amount_invalid"),
                refused("amount absurd", o -> Sent.form(ALIPAY.sign(notification(o, "TRADE_SUCCESS", "99999999999999999999.99"))),
                        "amount_invalid"),
                refused("amount missing", o -> Sent.form(ALIPAY.sign(AlipaySigner.without(tradeSuccess(o), "total_amount"))),
                        "amount_invalid"),
                // order and trade numbers
                refused("SQL in out_trade_no", o -> Sent.form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "out_trade_no",
                        o + "' OR '1'='1"))), "order_no_invalid"),
                refused("script in out_trade_no", o -> Sent.form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "out_trade_no",
                        "<script>alert(1)</script>"))), "order_no_invalid"),
                refused("out_trade_no of 40 digits", o -> Sent.form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "out_trade_no",
                        o + "1234567890123456"))), "order_no_invalid"),
                refused("SQL in trade_no", o -> Sent.form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "trade_no",
                        "1'; DROP TABLE payments; --"))), "trade_no_invalid"),
                // refund and close notifications are told apart, not taken for payments: status unknown to the map
                refused("trade status in lower case", o -> Sent.form(ALIPAY.sign(notification(o, "trade_success", "88.88"))),
                        "trade_status_unknown"),
                // bodies that are not a form
                refused("empty body", o -> Sent.text(FORM, ""), "body_empty"),
                refused("form with a pair without '='", o -> Sent.text(FORM, AlipaySigner.form(ALIPAY.sign(tradeSuccess(o))) + "&orphan"),
                        "form_malformed"),
                refused("broken %-escape", o -> Sent.text(FORM, AlipaySigner.form(ALIPAY.sign(tradeSuccess(o))) + "&subject=%zz"),
                        "form_malformed"),
                refused("bytes that are not UTF-8", o -> new Sent(FORM, concat(AlipaySigner.formBytes(ALIPAY.sign(tradeSuccess(o))),
                        new byte[] {'&', 'x', '=', (byte) 0xC3, (byte) 0x28}), false), "form_malformed"),
                refused("charset Alipay does not use", o -> Sent.text(FORM, AlipaySigner.form(ALIPAY.sign(tradeSuccess(o)))
                        .replace("charset=utf-8", "charset=x-no-such-charset")), "charset_unsupported"),
                refused("JSON body declared as a form", o -> Sent.text(FORM, "{\"out_trade_no\":\"" + o + "\",\"total_amount\":\"0.01\"}"),
                        "form_malformed"),
                refused("no content type, a stranger's signature", o -> new Sent(null, AlipaySigner.formBytes(STRANGER.sign(tradeSuccess(o))),
                        false), "signature_invalid"),
                refused("content type that is not a media type", o -> new Sent("form;;;", AlipaySigner.formBytes(
                        ALIPAY.sign(tradeSuccess(o))), false), "content_type_unsupported"),
                refused("XML with external entities as text/xml", o -> Sent.text("text/xml", canary.xxe("<out_trade_no>" + o
                        + "</out_trade_no>")), "content_type_unsupported"),
                refused("XML with external entities declared as a form", o -> Sent.text(FORM, canary.xxe("<out_trade_no>" + o
                        + "</out_trade_no>")), "form_malformed"),
                refused("XML with external entities inside a signed field", o -> Sent.form(STRANGER.sign(AlipaySigner.with(tradeSuccess(o),
                        "subject", canary.xxe("")))), "signature_invalid"),
                // sizes
                refused("body one byte over 64 KiB", o -> new Sent(FORM, filler(64 * 1024 + 1), false), 413, "body_too_large"),
                refused("8 MiB body chunked, no Content-Length", o -> new Sent(FORM, filler(8 * 1024 * 1024), true), 413, "body_too_large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileNotifications")
    void hostileNotificationIsAnsweredFailureCountedAndPublishesNothing(Function<String, Sent> forge, int status, String reason)
            throws Exception {
        String orderNo = newOrderNo();
        Sent sent = forge.apply(orderNo);
        double refusedBefore = refused(reason);
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = RawHttp.post(url(), sent.contentType(), Map.of(), sent.body(), sent.chunked());

        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo("failure");
        assertThat(refused(reason)).isEqualTo(refusedBefore + 1);
        assertOnlyTheMarkerIsPublishedSince(sentFrom, orderNo);
    }

    @Test
    void noXmlEntityOrDtdIsEverFetchedWhateverWayTheXmlArrives() throws Exception {
        int counted = canary.probed();
        String orderNo = newOrderNo();
        String xxe = canary.xxe("<out_trade_no>" + orderNo + "</out_trade_no>");

        for (String type : new String[] {"text/xml", "application/xml", "application/xhtml+xml", FORM, "multipart/form-data; boundary=x"}) {
            assertThat(RawHttp.post(url(), type, Map.of(), xxe.getBytes(StandardCharsets.UTF_8), false).body()).as(type).isEqualTo("failure");
        }
        assertThat(RawHttp.post(url(), FORM, Map.of(), AlipaySigner.formBytes(ALIPAY.sign(AlipaySigner.with(tradeSuccess(orderNo),
                "subject", xxe))), false).body()).isEqualTo("success");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> canary.connections() == counted);
        assertThat(canary.connections()).isEqualTo(counted);
    }

    @Test
    void aHeaderFloodIsRefusedBeforeTheEndpointAndPublishesNothing() throws Exception {
        String orderNo = newOrderNo();
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = RawHttp.post(url(), FORM, RawHttp.flood(200, 100),
                AlipaySigner.formBytes(ALIPAY.sign(tradeSuccess(orderNo))), false);

        assertThat(answer.statusCode()).isIn(400, 431);
        assertOnlyTheMarkerIsPublishedSince(sentFrom, orderNo);
    }

    @Test
    void oneHeaderOver8KiBIsRefusedBeforeTheEndpointAndPublishesNothing() throws Exception {
        String orderNo = newOrderNo();
        long sentFrom = System.currentTimeMillis();

        HttpResponse<String> answer = RawHttp.post(url(), FORM, Map.of("Cookie", "c=" + "x".repeat(16 * 1024)),
                AlipaySigner.formBytes(ALIPAY.sign(tradeSuccess(orderNo))), false);

        assertThat(answer.statusCode()).isIn(400, 431);
        assertOnlyTheMarkerIsPublishedSince(sentFrom, orderNo);
    }

    /** The genuine notification of the order goes last; it, and nothing else, may have been published since the hostile request. */
    private void assertOnlyTheMarkerIsPublishedSince(long sentFrom, String orderNo) throws Exception {
        HttpResponse<String> marker = RawHttp.post(url(), FORM, Map.of(), AlipaySigner.formBytes(ALIPAY.sign(tradeSuccess(orderNo))), false);
        assertThat(marker.body()).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(300))
                .until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RECEIVED).size() == 1);
        // by the records' own time, not their place in the recorder, which may still be reading earlier classes' records
        assertThat(topics.all().stream().filter(record -> record.timestamp() >= sentFrom).toList())
                .extracting(ConsumerRecord::key).containsOnly(orderNo).hasSize(2);
    }

    private String url() {
        return "http://localhost:" + port + "/notify/alipay";
    }

    private double refused(String reason) {
        var counter = meters.find("paygate.notify.rejected").tags("channel", "alipay", "endpoint", "notify", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] filler(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static Arguments refused(String name, Function<String, Sent> forge, String reason) {
        return refused(name, forge, 200, reason);
    }

    private static Arguments refused(String name, Function<String, Sent> forge, int status, String reason) {
        return Arguments.of(Named.of(name, forge), status, reason);
    }
}
