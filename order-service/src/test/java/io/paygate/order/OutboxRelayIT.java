package io.paygate.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paygate.common.kafka.EventPublisher;
import io.paygate.common.outbox.Outbox;
import io.paygate.common.outbox.OutboxRelay;
import io.paygate.devstack.SharedStack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.events.Envelope;
import io.paygate.events.OrderCancelled;
import io.paygate.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The outbox keeps each order's events in commit order on the topic, even with several relays racing. */
@SpringBootTest(properties = {
        "spring.config.name=order-service",
        "paygate.order.admin.password=x",
        // the application's own relay stays out of the way: the test runs its own three
        "paygate.outbox.poll-interval=1h"})
class OutboxRelayIT {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @Autowired
    Outbox outbox;
    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    EventPublisher publisher;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        SharedStack.get().serviceProperties("order_outbox_it").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void threeRelaysPublishEveryRowOnceInCommitOrderPerOrder() {
        List<String> orders = Flux.range(0, 5).map(i -> "2026112600000" + (10_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L)))
                .collectList().block();
        // 200 events, interleaved across five orders, each order's in a known sequence (the cancel time counts up)
        Flux.range(0, 200)
                .concatMap(i -> tx.transactional(outbox.append(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(),
                        new OrderCancelled(orders.get(i % 5), Instant.EPOCH.plusSeconds(i))))))
                .blockLast();

        try (var topic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.ORDER.name())) {
            var relays = List.of(relay(), relay(), relay());
            // the three race pass after pass until nothing is left unpublished
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Flux.fromIterable(relays).flatMap(relay -> relay.relayOnce().subscribeOn(Schedulers.parallel())).blockLast();
                return unpublished() == 0;
            });

            await().atMost(Duration.ofSeconds(20)).until(() -> orders.stream().mapToInt(o -> topic.of(o, "io.paygate.OrderCancelled.v1").size()).sum() == 200);
            for (String order : orders) {
                assertThat(cancelSeconds(topic, order)).hasSize(40).isSorted();
            }
        }
    }

    @Test
    void aFailedSendHoldsBackItsOrdersLaterEventsButNotOtherOrders() {
        String first = "20261126000001" + (100_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
        String second = "20261126000002" + (100_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L));
        append(first, 1);
        append(second, 1);
        // larger than the producer's max.request.size (1 MiB by default): the send fails at once
        String tooLarge = UUID.randomUUID().toString();
        db.sql("insert into outbox (event_id, topic, msg_key, type, source, occurred_at, payload) "
                        + "values (:id, :topic, :key, 'io.paygate.OrderCancelled.v1', '/test', now(), :payload)")
                .bind("id", tooLarge).bind("topic", Topics.ORDER.name()).bind("key", first)
                .bind("payload", new byte[2 * 1024 * 1024])
                .fetch().rowsUpdated().block();
        append(second, 2);
        append(first, 3);

        try (var topic = new TopicRecorder(SharedStack.get().kafka().bootstrapServers(), Topics.ORDER.name())) {
            int published = relay().relayOnce().block();

            // the second order's two events went out; of the first only the one before the failed row
            assertThat(published).isEqualTo(3);
            await().atMost(Duration.ofSeconds(20)).until(() -> topic.of(second, "io.paygate.OrderCancelled.v1").size() == 2);
            assertThat(unpublishedOf(first)).isEqualTo(2);
            assertThat(unpublishedOf(second)).isZero();

            // once the failing row is out of the way, the first order's last event follows
            db.sql("delete from outbox where event_id = :id").bind("id", tooLarge).fetch().rowsUpdated().block();
            assertThat(relay().relayOnce().block()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> topic.of(first, "io.paygate.OrderCancelled.v1").size() == 2);
            assertThat(cancelSeconds(topic, first)).containsExactly(1L, 3L);
            assertThat(cancelSeconds(topic, second)).containsExactly(1L, 2L);
        }
    }

    private void append(String order, int second) {
        tx.transactional(outbox.append(new Envelope<>(UUID.randomUUID().toString(), "/test", Instant.now(),
                new OrderCancelled(order, Instant.EPOCH.plusSeconds(second))))).block();
    }

    private static List<Long> cancelSeconds(TopicRecorder topic, String order) {
        return topic.of(order, "io.paygate.OrderCancelled.v1").stream()
                .map(r -> Instant.parse(JSON.readTree(r.value()).get("cancelledAt").asString()).getEpochSecond())
                .collect(Collectors.toList());
    }

    private long unpublishedOf(String key) {
        return db.sql("select count(*) as n from outbox where published_at is null and msg_key = :key")
                .bind("key", key).map(r -> r.get("n", Long.class)).one().block();
    }

    private long unpublished() {
        return db.sql("select count(*) as n from outbox where published_at is null").map(r -> r.get("n", Long.class)).one().block();
    }

    private OutboxRelay relay() {
        return new OutboxRelay(db, tx, publisher, Duration.ofHours(1), 7);
    }
}
