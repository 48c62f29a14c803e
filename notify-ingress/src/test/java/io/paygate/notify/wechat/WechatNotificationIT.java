package io.paygate.notify.wechat;

import static io.paygate.notify.wechat.WechatNotificationFixture.API_V3_KEY;
import static io.paygate.notify.wechat.WechatNotificationFixture.APPID;
import static io.paygate.notify.wechat.WechatNotificationFixture.MCHID;
import static io.paygate.notify.wechat.WechatNotificationFixture.newOrderNo;
import static io.paygate.notify.wechat.WechatNotificationFixture.paid;
import static io.paygate.notify.wechat.WechatNotificationFixture.refund;
import static io.paygate.notify.wechat.WechatNotificationFixture.transaction;
import static io.paygate.notify.wechat.WechatNotificationFixture.transactionIdFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.EventCodec;
import io.paygate.events.NotificationReceived;
import io.paygate.events.PaymentSucceeded;
import io.paygate.notify.publish.EventIds;
import io.paygate.notify.wechat.WechatPlatform.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class WechatNotificationIT extends RunningWechatIngress {

    private static final String PAYMENT_URL = "/notify/wechat/payment";
    private static final String REFUND_URL = "/notify/wechat/refund";
    private static final WechatPlatform STRANGER = WechatPlatform.withPublicKey();
    private static final EventCodec CODEC = new EventCodec();

    @Autowired
    MeterRegistry meters;

    @Test
    void verifiedPaymentIsAnswered204OnlyAfterOnePaymentSucceededWithWechatFieldsIsPublished() {
        String orderNo = newOrderNo();
        Delivery delivery = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now());

        EntityExchangeResult<String> answer = post(PAYMENT_URL, delivery);

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500))
                .until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RECEIVED).size() == 1);
        ConsumerRecord<String, byte[]> record = topics.of(orderNo, PAID).getFirst();
        assertThat(record.topic()).isEqualTo("paygate.payment.v1");
        assertThat(TopicRecorder.header(record, "ce_id")).isEqualTo(EventIds.paid(Channel.WECHAT, transactionIdFor(orderNo)));
        var payment = (PaymentSucceeded) CODEC.read(PAID, record.value());
        assertThat(payment).isEqualTo(new PaymentSucceeded(orderNo, Channel.WECHAT, transactionIdFor(orderNo), 8888, "CNY",
                Instant.parse("2026-11-26T09:31:02Z"), APPID, PaymentSucceeded.Source.NOTIFICATION));
        var received = (NotificationReceived) CODEC.read(RECEIVED, topics.of(orderNo, RECEIVED).getFirst().value());
        assertThat(received.body()).isEqualTo(delivery.body()).contains("\"ciphertext\"").doesNotContain(orderNo);
        assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.PAYMENT);
        assertThat(received.channel()).isEqualTo(Channel.WECHAT);
        assertThat(received.contentType()).startsWith("application/json");
    }

    @Test
    void duringARotationTheOldAndTheNewPublicKeyAreBothAccepted() {
        String signedByOld = newOrderNo();
        String signedByNew = newOrderNo();

        assertThat(post(PAYMENT_URL, OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(signedByOld), Instant.now())).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post(PAYMENT_URL, NEW_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(signedByNew), Instant.now())).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> topics.of(signedByOld, PAID).size() == 1 && topics.of(signedByNew, PAID).size() == 1);
    }

    @Test
    void aThirdPublicKeyIdThatIsNotConfiguredIsRefused() {
        String orderNo = newOrderNo();
        double before = refused("serial_unknown");

        EntityExchangeResult<String> answer = post(PAYMENT_URL, STRANGER.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now()));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused("serial_unknown")).isEqualTo(before + 1);
        assertNothingWasPublishedBeforeTheGenuineNotification(orderNo);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED"})
    void refundNotificationOnTheRefundUrlSettlesTheRefundUnderItsOwnIdAndPublishesNoPayment(String eventType) {
        String orderNo = newOrderNo();
        String status = eventType.substring("REFUND.".length());
        Delivery delivery = NEW_KEY.notify(API_V3_KEY, eventType, refund(orderNo, status), Instant.now());

        EntityExchangeResult<String> answer = post(REFUND_URL, delivery);
        // WeChat Pay sends it again: the same event id, so it settles the refund once
        assertThat(post(REFUND_URL, delivery).getStatus()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, RECEIVED).size() == 2);
        var received = (NotificationReceived) CODEC.read(RECEIVED, topics.of(orderNo, RECEIVED).getFirst().value());
        assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.REFUND);
        assertThat(received.body()).isEqualTo(delivery.body());
        assertThat(topics.of(orderNo, PAID)).isEmpty();
        String type = "SUCCESS".equals(status) ? "io.paygate.RefundSucceeded.v1" : "io.paygate.RefundFailed.v1";
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, type).size() == 2);
        String refundNo = orderNo + "R1";
        assertThat(topics.of(orderNo, type)).extracting(record -> io.paygate.devstack.TopicRecorder.header(record, "ce_id"))
                .containsOnly("SUCCESS".equals(status) ? io.paygate.common.kafka.PaymentEventIds.refundSucceeded(refundNo)
                        : io.paygate.common.kafka.PaymentEventIds.refundFailed(refundNo));
        var event = CODEC.read(type, topics.of(orderNo, type).getFirst().value());
        if (event instanceof io.paygate.events.RefundSucceeded done) {
            assertThat(done.amountFen()).isEqualTo(888);
            assertThat(done.refundNo()).isEqualTo(refundNo);
            assertThat(done.refundedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        } else {
            assertThat(((io.paygate.events.RefundFailed) event).code()).isEqualTo(status);
        }
    }

    @Test
    void aRefundNotificationForARefundNumberThatIsNotOursIsRefused() {
        String orderNo = newOrderNo();
        String foreign = refund(orderNo, "SUCCESS").replace(orderNo + "R1", "R" + orderNo);

        EntityExchangeResult<String> answer = post(REFUND_URL, NEW_KEY.notify(API_V3_KEY, "REFUND.SUCCESS", foreign, Instant.now()));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(topics.all()).noneMatch(record -> record.key().equals(orderNo));
    }

    @ParameterizedTest(name = "trade_state {0}")
    @ValueSource(strings = {"REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"})
    void tradeStateOtherThanSuccessIsAcknowledgedAndRecordedButPublishesNoPayment(String tradeState) {
        String orderNo = newOrderNo();

        EntityExchangeResult<String> answer = post(PAYMENT_URL,
                OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", transaction(orderNo, tradeState, 8888), Instant.now()));

        assertThat(answer.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, RECEIVED).size() == 1);
        // a genuine payment on the same key afterwards is the only payment event of the order
        assertThat(post(PAYMENT_URL, OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now())).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() >= 1);
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
    }

    static Stream<Arguments> refusedNotifications() {
        return Stream.of(
                refusal("signature of another body", o -> payment(OLD_KEY.sign(
                        OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now()).body(), Instant.now())
                        .withBody(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now()).body())),
                        HttpStatus.UNAUTHORIZED, "signature_invalid"),
                refusal("signature by a key we do not trust under a trusted id", o -> {
                    Delivery genuine = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now());
                    return payment(genuine.withSignature(STRANGER.signature(genuine.timestamp() + "\n" + genuine.nonce() + "\n" + genuine.body() + "\n")));
                }, HttpStatus.UNAUTHORIZED, "signature_invalid"),
                refusal("unknown serial", o -> payment(STRANGER.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now())),
                        HttpStatus.UNAUTHORIZED, "serial_unknown"),
                refusal("timestamp six minutes old", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o),
                        Instant.now().minus(Duration.ofMinutes(6)))), HttpStatus.UNAUTHORIZED, "timestamp_stale"),
                refusal("timestamp six minutes ahead", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o),
                        Instant.now().plus(Duration.ofMinutes(6)))), HttpStatus.UNAUTHORIZED, "timestamp_stale"),
                refusal("no Wechatpay-Timestamp", o -> new Posted(PAYMENT_URL,
                        OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now()), MediaType.APPLICATION_JSON, "Wechatpay-Timestamp"),
                        HttpStatus.BAD_REQUEST, "headers_missing"),
                refusal("no Wechatpay-* headers at all", o -> new Posted(PAYMENT_URL,
                        OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now()), MediaType.APPLICATION_JSON,
                        "Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature", "Wechatpay-Serial"),
                        HttpStatus.BAD_REQUEST, "headers_missing"),
                refusal("WECHATPAY/SIGNTEST/ probe", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now())
                        .withSignature("WECHATPAY/SIGNTEST/c2lnbmF0dXJlIHByb2Jl")), HttpStatus.UNAUTHORIZED, "signature_probe"),
                refusal("resource encrypted with another APIv3 key", o -> payment(OLD_KEY.notify("ffffffffffffffffffffffffffffffff",
                        "TRANSACTION.SUCCESS", paid(o), Instant.now())), HttpStatus.UNAUTHORIZED, "resource_undecryptable"),
                refusal("another mchid", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS",
                        transaction("1900000109", APPID, o, "SUCCESS", "8888", "CNY"), Instant.now())), HttpStatus.BAD_REQUEST, "mchid_mismatch"),
                refusal("another appid", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS",
                        transaction(MCHID, "wx0000000000000000", o, "SUCCESS", "8888", "CNY"), Instant.now())), HttpStatus.BAD_REQUEST, "appid_mismatch"),
                refusal("signed for 88.88, re-encrypted with 0.01", o -> {
                    Delivery genuine = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(o), Instant.now());
                    Delivery cheap = OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", transaction(o, "SUCCESS", 1), Instant.now());
                    return payment(genuine.withBody(cheap.body()));
                }, HttpStatus.UNAUTHORIZED, "signature_invalid"),
                refusal("well signed, amount zero", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS",
                        transaction(o, "SUCCESS", 0), Instant.now())), HttpStatus.BAD_REQUEST, "amount_invalid"),
                refusal("well signed, amount in USD", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS",
                        transaction(MCHID, APPID, o, "SUCCESS", "8888", "USD"), Instant.now())), HttpStatus.BAD_REQUEST, "amount_invalid"),
                refusal("well signed, amount not a number", o -> payment(OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS",
                        transaction(MCHID, APPID, o, "SUCCESS", "\"88.88\"", "CNY"), Instant.now())), HttpStatus.BAD_REQUEST, "body_malformed"),
                refusal("refund event on the payment URL", o -> payment(OLD_KEY.notify(API_V3_KEY, "REFUND.SUCCESS",
                        refund(o, "SUCCESS"), Instant.now())), HttpStatus.BAD_REQUEST, "event_type_unexpected"),
                refusal("payment event on the refund URL", o -> new Posted(REFUND_URL, OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS",
                        paid(o), Instant.now()), MediaType.APPLICATION_JSON), HttpStatus.BAD_REQUEST, "event_type_unexpected"),
                refusal("well signed malformed JSON", o -> payment(OLD_KEY.sign("{\"id\":\"EV-1\",\"resource\":{" + o, Instant.now())),
                        HttpStatus.BAD_REQUEST, "body_malformed"),
                refusal("v2-style XML notification", o -> new Posted(PAYMENT_URL, OLD_KEY.sign("<xml><return_code><![CDATA[SUCCESS]]></return_code>"
                        + "<out_trade_no>" + o + "</out_trade_no><total_fee>1</total_fee></xml>", Instant.now()), MediaType.TEXT_XML),
                        HttpStatus.BAD_REQUEST, "content_type_unsupported"),
                refusal("XXE payload sent as JSON", o -> payment(OLD_KEY.sign("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "
                        + "\"file:///etc/passwd\">]><xml><out_trade_no>" + o + "&xxe;</out_trade_no></xml>", Instant.now())),
                        HttpStatus.BAD_REQUEST, "body_not_json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNotifications")
    void unverifiableOrMalformedNotificationIsRefusedWithFailJsonCountedAndPublishesNothing(
            Function<String, Posted> forge, HttpStatus status, String reason) {
        String orderNo = newOrderNo();
        double before = refused(reason);
        Posted posted = forge.apply(orderNo);

        EntityExchangeResult<String> answer = posted.send(this);

        assertThat(answer.getStatus()).isEqualTo(status);
        assertThat(answer.getResponseBody()).contains("\"code\":\"FAIL\"").contains(reason);
        assertThat(refused(reason)).isEqualTo(before + 1);
        assertNothingWasPublishedBeforeTheGenuineNotification(orderNo);
    }

    @Test
    void oversizedBodyIsRefusedUnread() {
        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        double before = refused("body_too_large");

        web.post().uri(PAYMENT_URL).contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("FAIL");

        assertThat(refused("body_too_large")).isEqualTo(before + 1);
    }

    private void assertNothingWasPublishedBeforeTheGenuineNotification(String orderNo) {
        // the genuine notification follows on the same key, so anything the refused one had published would be read first
        assertThat(post(PAYMENT_URL, OLD_KEY.notify(API_V3_KEY, "TRANSACTION.SUCCESS", paid(orderNo), Instant.now())).getStatus())
                .isEqualTo(HttpStatus.NO_CONTENT);
        await().atMost(Duration.ofSeconds(10)).until(() -> !topics.of(orderNo, PAID).isEmpty() && !topics.of(orderNo, RECEIVED).isEmpty());
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
        assertThat(topics.of(orderNo, RECEIVED)).hasSize(1);
    }

    private double refused(String reason) {
        var counter = meters.find("paygate.notify.rejected").tags("channel", "wechat", "reason", reason).counters();
        return counter.stream().mapToDouble(c -> c.count()).sum();
    }

    private static Posted payment(Delivery delivery) {
        return new Posted(PAYMENT_URL, delivery, MediaType.APPLICATION_JSON);
    }

    private static Arguments refusal(String name, Function<String, Posted> forge, HttpStatus status, String reason) {
        return Arguments.of(Named.of(name, forge), status, reason);
    }

    /** A request as an attacker or a broken sender would make it: some headers may be left out. */
    record Posted(String path, Delivery delivery, MediaType contentType, String... leftOut) {

        EntityExchangeResult<String> send(RunningWechatIngress ingress) {
            return ingress.web.post().uri(path)
                    .contentType(contentType)
                    .headers(headers -> delivery.headers().forEach((name, value) -> {
                        if (!java.util.Arrays.asList(leftOut).contains(name)) {
                            headers.add(name, value);
                        }
                    }))
                    .bodyValue(delivery.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .exchange()
                    .expectBody(String.class)
                    .returnResult();
        }
    }
}
