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
                List<Long> seconds = topic.of(order, "io.paygate.OrderCancelled.v1").stream()
                        .map(r -> Instant.parse(JSON.readTree(r.value()).get("cancelledAt").asString()).getEpochSecond())
                        .collect(Collectors.toList());
                assertThat(seconds).hasSize(40).isSorted();
            }
        }
    }

    private long unpublished() {
        return db.sql("select count(*) as n from outbox where published_at is null").map(r -> r.get("n", Long.class)).one().block();
    }

    private OutboxRelay relay() {
        return new OutboxRelay(db, tx, publisher, Duration.ofHours(1), 7);
    }
}
