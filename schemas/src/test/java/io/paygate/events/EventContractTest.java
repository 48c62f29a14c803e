package io.paygate.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public contract: every event record serialises to JSON its schema accepts, and every
 * golden example reads back into the record and writes out unchanged.
 */
class EventContractTest {

    private static final Path SCHEMAS = Path.of("json");
    private static final Path EXAMPLES = Path.of("examples");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final EventCodec codec = new EventCodec();

    static Stream<Event> samples() {
        Instant t = Instant.parse("2026-11-26T09:31:02Z");
        return Stream.of(
                new PaymentSucceeded("202611261730050000000042", Channel.ALIPAY, "2026112622001400000000000001",
                        8888, "CNY", t, "2021000000000001", PaymentSucceeded.Source.NOTIFICATION),
                new OrderCreated("202611261730050000000042", "年度会员", "buyer@example.com", 8888, 8888, "CNY",
                        t, t.plusSeconds(900)),
                new OrderPaid("202611261730050000000042", "年度会员", "buyer@example.com", 8888, "CNY",
                        Channel.WECHAT, "4200000000202611260000000001", t),
                new OrderPaid("202611261730050000000043", "满减", "buyer@example.com", 0, "CNY", null, null, t),
                new OrderExpired("202611261730050000000042", t, t.plusSeconds(2)),
                new OrderCancelled("202611261730050000000042", t),
                new OrderPaidAfterTimeout("202611261730050000000042", "年度会员", "buyer@example.com", 8888, "CNY",
                        Channel.ALIPAY, "2026112622001400000000000001", t.plusSeconds(60), t),
                new DuplicatePaymentReceived("202611261730050000000042", "年度会员", "buyer@example.com", 8888, "CNY",
                        Channel.WECHAT, "4200000000202611260000000001", t.plusSeconds(128), "202611261730050000000042R1"),
                new PaymentAmountMismatched("202611261730050000000042", "年度会员", "buyer@example.com", 8888, 1, "CNY",
                        Channel.ALIPAY, "2026112622001400000000000001", t),
                new PaymentClosed("202611261730050000000042", Channel.ALIPAY, "2026112622001400000000000001", t),
                new RefundRequested("202611261730050000000042", "202611261730050000000042R1", 1000, 8888, Channel.ALIPAY,
                        "2026112622001400000000000001", "部分退款", t),
                new OrderRefunded("202611261730050000000042", "202611261730050000000042R1", 1000, 1000, false,
                        "buyer@example.com", t),
                new RefundSucceeded("202611261730050000000042", "202611261730050000000042R1", 1000, Channel.ALIPAY,
                        "2026112622001400000000000001", t),
                new RefundFailed("202611261730050000000042", "202611261730050000000042R2", 9000, Channel.ALIPAY,
                        "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限", t),
                new NotificationReceived("202611261730050000000042", Channel.ALIPAY, NotificationReceived.Kind.PAYMENT,
                        t, "application/x-www-form-urlencoded", "a=b&sign=c"),
                new ReconciliationCompleted(Channel.ALIPAY, java.time.LocalDate.of(2026, 11, 25),
                        ReconciliationCompleted.Status.COMPLETED, 1, 412, 8123400, 9, 45000, 412, 8123500, 10, 46000, 48740400, 418, 1,
                        new ReconciliationCompleted.Discrepancies(1, 1, 0, 1, 0), null, t),
                new ReconciliationCompleted(Channel.WECHAT, java.time.LocalDate.of(2026, 11, 25),
                        ReconciliationCompleted.Status.FAILED, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                        new ReconciliationCompleted.Discrepancies(0, 0, 0, 0, 0), "the bill could not be downloaded", t));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyRecordSerialisesToJsonItsSchemaAccepts(Event event) {
        JsonNode written = JSON.readTree(codec.write(event));

        assertThat(schemaOf(event.getClass()).validate(written)).isEmpty();
        assertThat(codec.read(EventTypes.typeOf(event.getClass()), codec.write(event))).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyGoldenExampleIsValidAndReadsBackUnchanged(Event sample) {
        String type = EventTypes.typeOf(sample.getClass());
        byte[] golden = read(EXAMPLES.resolve(fileStem(sample.getClass()) + ".json"));

        assertThat(schemaOf(sample.getClass()).validate(JSON.readTree(golden))).isEmpty();
        Event parsed = codec.read(type, golden);
        assertThat(JSON.readTree(codec.write(parsed))).isEqualTo(JSON.readTree(golden));
    }

    @Test
    void schemasRejectWhatTheContractForbids() {
        JsonNode negative = JSON.readTree("""
                {"orderNo":"not-digits","channel":"PAYPAL","platformTradeNo":"x","amountFen":-1,
                 "currency":"CNY","paidAt":"2026-11-26T09:31:02Z","platformAppId":"a","source":"NOTIFICATION"}""");

        assertThat(schemaOf(PaymentSucceeded.class).validate(negative))
                .extracting(error -> error.getInstanceLocation().toString())
                .contains("/orderNo", "/channel", "/amountFen");
    }

    @Test
    void everyTypeOnEveryTopicHasAWireNameASchemaAnExampleAndAnAsyncApiEntry() {
        String asyncApi = new String(read(Path.of("asyncapi.yaml")), StandardCharsets.UTF_8);
        for (Topic<?> topic : Topics.all()) {
            for (Class<?> permitted : topic.events().getPermittedSubclasses()) {
                @SuppressWarnings("unchecked")
                var type = (Class<? extends Event>) permitted;
                String name = EventTypes.typeOf(type);
                assertThat(Files.exists(SCHEMAS.resolve(fileStem(type) + ".schema.json"))).as(name).isTrue();
                assertThat(Files.exists(EXAMPLES.resolve(fileStem(type) + ".json"))).as(name).isTrue();
                assertThat(asyncApi).as(name).contains("name: " + name).contains("address: " + topic.name());
            }
        }
        long permittedCount = Topics.all().stream()
                .flatMap(topic -> Arrays.stream(topic.events().getPermittedSubclasses()))
                .count();
        assertThat(EventTypes.all()).hasSize((int) permittedCount);
    }

    @Test
    void unknownTypesAndMalformedBodiesArePoisonNotRetries() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.read("io.paygate.Nope.v1", new byte[0]))
                .isInstanceOf(EventCodec.UnreadableEvent.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> codec.read("io.paygate.OrderPaid.v1", "{\"amountFen\":\"lots\"}".getBytes()))
                .isInstanceOf(EventCodec.UnreadableEvent.class);
    }

    private static String fileStem(Class<? extends Event> type) {
        String name = EventTypes.typeOf(type);
        return name.substring("io.paygate.".length());
    }

    private static Schema schemaOf(Class<? extends Event> type) {
        return REGISTRY.getSchema(new String(read(SCHEMAS.resolve(fileStem(type) + ".schema.json")), StandardCharsets.UTF_8));
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
