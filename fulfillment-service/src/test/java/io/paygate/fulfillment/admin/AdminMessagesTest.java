package io.paygate.fulfillment.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class AdminMessagesTest {

    private static final Instant STARTED = Instant.parse("2026-11-26T09:30:05Z");
    private final AdminMessages messages = new AdminMessages(Clock.fixed(STARTED, ZoneOffset.UTC));
    private final long base = STARTED.toEpochMilli() * 1000;

    @Test
    void aFreshSubscriberGetsTheRecentHistoryThenLiveMessagesWithIncreasingIds() {
        publish("1", "2");

        StepVerifier.create(messages.after(0).map(AdminMessage::orderNo))
                .expectNext("1", "2")
                .then(() -> publish("3"))
                .expectNext("3")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(messages.recent()).extracting(AdminMessage::id).containsExactly(base + 1, base + 2, base + 3);
    }

    @Test
    void aReconnectingSubscriberGetsOnlyWhatCameAfterItsLastEventId() {
        publish("1", "2", "3");

        StepVerifier.create(messages.after(base + 2).map(AdminMessage::orderNo))
                .expectNext("3")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anIdFromBeforeARestartReplaysTheWholeRecentHistory() {
        publish("1", "2");

        StepVerifier.create(messages.after(9_999).map(AdminMessage::orderNo))
                .expectNext("1", "2")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aRestartedServiceIssuesIdsAboveEveryIdOfTheRunBefore() {
        publish("1", "2", "3");
        long lastBeforeRestart = messages.recent().getLast().id();
        var restarted = new AdminMessages(Clock.fixed(STARTED.plusSeconds(2), ZoneOffset.UTC));
        restarted.publish(AdminMessage.Kind.ORDER_PAID, "4", "订单 4 已支付 ¥1.00", 100, "http://localhost:8080/admin/orders/4");

        assertThat(restarted.recent().getFirst().id()).isGreaterThan(lastBeforeRestart);
        StepVerifier.create(restarted.after(lastBeforeRestart).map(AdminMessage::orderNo))
                .expectNext("4")
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void onlyTheLastTwoHundredMessagesAreKept() {
        IntStream.rangeClosed(1, 250).forEach(i -> publish(Integer.toString(i)));

        List<AdminMessage> recent = messages.recent();

        assertThat(recent).hasSize(AdminMessages.KEEP);
        assertThat(recent.getFirst().orderNo()).isEqualTo("51");
        assertThat(recent.getLast().id()).isEqualTo(base + 250);
    }

    @Test
    void closingEndsOpenStreamsAfterTheirHistory() {
        publish("1");

        StepVerifier.create(messages.after(0).map(AdminMessage::orderNo))
                .expectNext("1")
                .then(messages::close)
                .verifyComplete();
    }

    @Test
    void aCancelledStreamStopsListening() {
        StepVerifier.create(messages.after(0))
                .then(() -> assertThat(messages.listeners()).isEqualTo(1))
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(messages.listeners()).isZero();
    }

    private void publish(String... orderNos) {
        for (String orderNo : orderNos) {
            messages.publish(AdminMessage.Kind.ORDER_PAID, orderNo, "订单 " + orderNo + " 已支付 ¥1.00", 100,
                    "http://localhost:8080/admin/orders/" + orderNo);
        }
    }
}
