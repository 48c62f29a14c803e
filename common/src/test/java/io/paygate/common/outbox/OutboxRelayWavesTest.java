package io.paygate.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.common.kafka.OutgoingRecord;
import io.paygate.common.outbox.OutboxRelay.Pending;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How the relay splits a batch so rows can be in flight together without one key's rows overtaking each other. */
class OutboxRelayWavesTest {

    @Test
    void eachWaveHoldsAtMostOneRowPerKeyAndEveryKeyKeepsItsOrder() {
        // ids 1..9, keys a b a c a b d c a
        List<Pending> batch = List.of(row(1, "a"), row(2, "b"), row(3, "a"), row(4, "c"), row(5, "a"),
                row(6, "b"), row(7, "d"), row(8, "c"), row(9, "a"));

        List<List<Long>> waves = ids(OutboxRelay.waves(batch));

        assertThat(waves).containsExactly(
                List.of(1L, 2L, 4L, 7L),
                List.of(3L, 6L, 8L),
                List.of(5L),
                List.of(9L));
    }

    @Test
    void distinctKeysMakeOneWaveInIdOrder() {
        List<Pending> batch = List.of(row(10, "x"), row(11, "y"), row(12, "z"));

        assertThat(ids(OutboxRelay.waves(batch))).containsExactly(List.of(10L, 11L, 12L));
    }

    @Test
    void anEmptyBatchHasNoWave() {
        assertThat(OutboxRelay.waves(List.of())).isEmpty();
    }

    private static List<List<Long>> ids(List<List<Pending>> waves) {
        return waves.stream().map(w -> w.stream().map(Pending::id).collect(Collectors.toList())).collect(Collectors.toList());
    }

    private static Pending row(long id, String key) {
        return new Pending(id, new OutgoingRecord("t", key, "e" + id, "T", "/s", Instant.EPOCH, new byte[0]));
    }
}
