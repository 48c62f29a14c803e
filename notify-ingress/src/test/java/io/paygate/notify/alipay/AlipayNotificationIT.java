package io.paygate.notify.alipay;

import static io.paygate.notify.alipay.AlipayNotificationFixture.newOrderNo;
import static io.paygate.notify.alipay.AlipayNotificationFixture.notification;
import static io.paygate.notify.alipay.AlipayNotificationFixture.tradeSuccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.paygate.common.keys.PemKeys;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Channel;
import io.paygate.events.EventCodec;
import io.paygate.events.NotificationReceived;
import io.paygate.events.PaymentSucceeded;
import io.paygate.notify.RunningIngress;
import io.paygate.notify.publish.EventIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class AlipayNotificationIT extends RunningIngress {

    private static final String PAID = "io.paygate.PaymentSucceeded.v1";
    private static final String RECEIVED = "io.paygate.NotificationReceived.v1";
    private static final AlipaySigner ALIPAY = new AlipaySigner(ALIPAY_KEYS.getPrivate());
    private static final AlipaySigner STRANGER = new AlipaySigner(PemKeys.generateRsa().getPrivate());
    private static final EventCodec CODEC = new EventCodec();

    @Autowired
    WebTestClient web;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    @Test
    void verifiedPaymentIsPublishedOnceWithCloudEventsHeadersBeforeSuccessIsAnswered() {
        String orderNo = newOrderNo();
        Map<String, String> signed = ALIPAY.sign(tradeSuccess(orderNo));

        String answer = post(AlipaySigner.form(signed));

        assertThat(answer).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(500))
                .until(() -> topics.of(orderNo, PAID).size() == 1 && topics.of(orderNo, RECEIVED).size() == 1);
        ConsumerRecord<String, byte[]> record = topics.of(orderNo, PAID).getFirst();
        assertThat(record.topic()).isEqualTo("paygate.payment.v1");
        assertThat(record.key()).isEqualTo(orderNo);
        assertThat(header(record, "ce_id")).isEqualTo(EventIds.paid(Channel.ALIPAY, signed.get("trade_no")))
                .isEqualTo(java.util.UUID.nameUUIDFromBytes(("ALIPAY:" + signed.get("trade_no") + ":paid")
                        .getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(header(record, "ce_source")).isEqualTo("/paygate/notify-ingress");
        assertThat(header(record, "ce_subject")).isEqualTo(orderNo);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now());
        var payment = (PaymentSucceeded) CODEC.read(PAID, record.value());
        assertThat(payment.amountFen()).isEqualTo(8888);
        assertThat(payment.platformTradeNo()).isEqualTo(signed.get("trade_no"));
        assertThat(payment.orderNo()).isEqualTo(orderNo);
        assertThat(payment.channel()).isEqualTo(Channel.ALIPAY);
        assertThat(payment.currency()).isEqualTo("CNY");
        assertThat(payment.platformAppId()).isEqualTo("2021000000000001");
        assertThat(payment.source()).isEqualTo(PaymentSucceeded.Source.NOTIFICATION);
        assertThat(payment.paidAt()).isEqualTo(Instant.parse("2026-11-26T09:31:02Z"));

        ConsumerRecord<String, byte[]> raw = topics.of(orderNo, RECEIVED).getFirst();
        assertThat(raw.topic()).isEqualTo("paygate.notify.raw.v1");
        var received = (NotificationReceived) CODEC.read(RECEIVED, raw.value());
        assertThat(received.body()).isEqualTo(AlipaySigner.form(signed));
        assertThat(received.kind()).isEqualTo(NotificationReceived.Kind.PAYMENT);
        assertThat(received.contentType()).startsWith("application/x-www-form-urlencoded");
    }

    static Stream<Arguments> forgedOrMalformed() {
        return Stream.of(
                forgery("signature by a key we do not trust", o -> form(STRANGER.sign(tradeSuccess(o))), "signature_invalid"),
                forgery("no sign", o -> form(AlipaySigner.without(ALIPAY.sign(tradeSuccess(o)), "sign")), "sign_missing"),
                forgery("another app_id", o -> form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "app_id", "2021009999999999"))),
                        "app_id_mismatch"),
                forgery("signed for 88.88, sent 0.01", o -> form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)), "total_amount", "0.01")),
                        "signature_invalid"),
                forgery("amount with one decimal", o -> form(ALIPAY.sign(notification(o, "TRADE_SUCCESS", "88.8"))), "amount_invalid"),
                forgery("order number with letters", o -> form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "out_trade_no", "ORD" + o))),
                        "order_no_invalid"),
                forgery("another seller", o -> form(ALIPAY.sign(AlipaySigner.with(tradeSuccess(o), "seller_id", "2088999999999999"))),
                        "seller_id_mismatch"),
                forgery("unknown trade status", o -> form(ALIPAY.sign(notification(o, "TRADE_PAID", "88.88"))), "trade_status_unknown"),
                forgery("downgrade to SHA1 RSA", o -> form(AlipaySigner.with(ALIPAY.sign(tradeSuccess(o)), "sign_type", "RSA")),
                        "sign_type_unsupported"),
                forgery("amount sent twice", o -> form(ALIPAY.sign(tradeSuccess(o))) + "&total_amount=0.01", "field_duplicated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedOrMalformed")
    void forgedOrMalformedNotificationIsAnsweredFailureCountedAndPublishesNothing(Function<String, String> forge, String reason) {
        String orderNo = newOrderNo();
        double refusedBefore = refused(reason);

        String answer = post(forge.apply(orderNo));

        assertThat(answer).isEqualTo("failure");
        assertThat(refused(reason)).isEqualTo(refusedBefore + 1);
        // the genuine notification follows on the same key, so anything the forgery had published would be read first
        assertThat(post(form(ALIPAY.sign(tradeSuccess(orderNo))))).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() >= 1 && topics.of(orderNo, RECEIVED).size() >= 1);
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
        assertThat(topics.of(orderNo, RECEIVED)).hasSize(1);
        assertThat(topics.all()).noneMatch(record -> record.key().equals("ORD" + orderNo));
    }

    @Test
    void aFormDeclaredAsAnythingElseIsRefusedAndPublishesNothing() {
        String orderNo = newOrderNo();
        double refusedBefore = refused("content_type_unsupported");

        for (MediaType declared : List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_XML, MediaType.MULTIPART_FORM_DATA)) {
            String answer = web.post().uri("/notify/alipay").contentType(declared).bodyValue(form(ALIPAY.sign(tradeSuccess(orderNo))))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(answer).as(declared.toString()).isEqualTo("failure");
        }

        assertThat(refused("content_type_unsupported")).isEqualTo(refusedBefore + 3);
        assertThat(post(form(ALIPAY.sign(tradeSuccess(orderNo))))).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() >= 1 && topics.of(orderNo, RECEIVED).size() >= 1);
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
        assertThat(topics.of(orderNo, RECEIVED)).hasSize(1);
    }

    @Test
    void oversizedBodyIsRefusedUnread() {
        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        web.post().uri("/notify/alipay").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(huge)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody(String.class).isEqualTo("failure");
    }

    static Stream<Arguments> notPayments() {
        return Stream.of(
                Arguments.of(Named.of("partial refund (TRADE_SUCCESS with refund fields)", (Function<String, Map<String, String>>)
                        AlipayNotificationFixture::partialRefund), NotificationReceived.Kind.REFUND),
                Arguments.of(Named.of("refund after the refund window (TRADE_FINISHED with refund_fee)", (Function<String, Map<String, String>>)
                        o -> AlipaySigner.with(notification(o, "TRADE_FINISHED", "88.88"), "refund_fee", "88.88")), NotificationReceived.Kind.REFUND),
                Arguments.of(Named.of("full refund (TRADE_CLOSED with refund_fee)", (Function<String, Map<String, String>>)
                        o -> AlipaySigner.with(notification(o, "TRADE_CLOSED", "88.88"), "refund_fee", "88.88")), NotificationReceived.Kind.REFUND),
                Arguments.of(Named.of("unpaid trade closed (TRADE_CLOSED)", (Function<String, Map<String, String>>)
                        o -> notification(o, "TRADE_CLOSED", "88.88")), NotificationReceived.Kind.PAYMENT),
                Arguments.of(Named.of("cashier opened (WAIT_BUYER_PAY)", (Function<String, Map<String, String>>)
                        o -> notification(o, "WAIT_BUYER_PAY", "88.88")), NotificationReceived.Kind.PAYMENT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPayments")
    void notificationThatIsNotAPaymentIsAcknowledgedAndRecordedButPublishesNoPayment(
            Function<String, Map<String, String>> notificationFor, NotificationReceived.Kind kind) {
        String orderNo = newOrderNo();

        String answer = post(form(ALIPAY.sign(notificationFor.apply(orderNo))));

        assertThat(answer).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, RECEIVED).size() == 1);
        assertThat(((NotificationReceived) CODEC.read(RECEIVED, topics.of(orderNo, RECEIVED).getFirst().value())).kind()).isEqualTo(kind);
        // a genuine payment on the same key afterwards is the only payment event of the order
        assertThat(post(form(ALIPAY.sign(tradeSuccess(orderNo))))).isEqualTo("success");
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(orderNo, PAID).size() >= 1);
        assertThat(topics.of(orderNo, PAID)).hasSize(1);
    }

    @Test
    void anUnpaidTradeClosedAtAlipayPublishesPaymentClosedButAClosingRefundDoesNot() {
        String closedOrder = newOrderNo();
        String refundedOrder = newOrderNo();

        assertThat(post(form(ALIPAY.sign(notification(closedOrder, "TRADE_CLOSED", "88.88"))))).isEqualTo("success");
        assertThat(post(form(ALIPAY.sign(AlipaySigner.with(notification(refundedOrder, "TRADE_CLOSED", "88.88"), "refund_fee", "88.88")))))
                .isEqualTo("success");

        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(closedOrder, "io.paygate.PaymentClosed.v1").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.of(refundedOrder, RECEIVED).size() == 1);
        assertThat(topics.of(refundedOrder, "io.paygate.PaymentClosed.v1")).isEmpty();
    }

    @Test
    void repeatedAndConcurrentDeliveriesAreAllAcknowledgedUnderOneEventId() {
        String orderNo = newOrderNo();
        Map<String, String> signed = ALIPAY.sign(tradeSuccess(orderNo));
        String body = form(signed);

        List<String> sequential = IntStream.range(0, 10).mapToObj(i -> post(body)).toList();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<String> concurrent = Flux.range(0, 10)
                .flatMap(i -> client.post().uri("/notify/alipay")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .bodyValue(body.getBytes(StandardCharsets.US_ASCII))
                        .retrieve().bodyToMono(String.class), 10)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(sequential).hasSize(10).containsOnly("success");
        assertThat(concurrent).hasSize(10).containsOnly("success");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> topics.of(orderNo, PAID).size() == 20 && topics.of(orderNo, RECEIVED).size() == 20);
        assertThat(topics.of(orderNo, PAID)).extracting(record -> header(record, "ce_id"))
                .containsOnly(EventIds.paid(Channel.ALIPAY, signed.get("trade_no")));
        assertThat(topics.of(orderNo, RECEIVED)).extracting(record -> header(record, "ce_id"))
                .containsOnly(EventIds.notification(Channel.ALIPAY, signed.get("notify_id"), signed.get("sign")));
    }

    private String post(String body) {
        return web.post().uri("/notify/alipay")
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded; charset=utf-8"))
                .bodyValue(body.getBytes(StandardCharsets.US_ASCII))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private double refused(String reason) {
        var counter = meters.find("paygate.notify.rejected").tags("channel", "alipay", "endpoint", "notify", "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Arguments forgery(String name, Function<String, String> forge, String reason) {
        return Arguments.of(Named.of(name, forge), reason);
    }

    private static String form(Map<String, String> fields) {
        return AlipaySigner.form(fields);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicRecorder.header(record, name);
    }
}
