package io.paygate.common.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProducerGuaranteesTest {

    private static Map<String, Object> config(Object acks, Object idempotence) {
        var config = new HashMap<String, Object>();
        if (acks != null) {
            config.put("acks", acks);
        }
        if (idempotence != null) {
            config.put("enable.idempotence", idempotence);
        }
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "ALL", "-1"})
    void acksAllWithIdempotenceStarts(String acks) {
        assertThatCode(() -> ProducerGuarantees.require(config(acks, "true"))).doesNotThrowAnyException();
        assertThatCode(() -> ProducerGuarantees.require(config(acks, Boolean.TRUE))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1"})
    void weakerAcksRefuseToStartAndNameTheSetting(String acks) {
        assertThatThrownBy(() -> ProducerGuarantees.require(config(acks, "true")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("spring.kafka.producer.acks=all");
    }

    @Test
    void missingAcksRefusesToStart() {
        assertThatThrownBy(() -> ProducerGuarantees.require(config(null, "true"))).hasMessageContaining("acks");
    }

    @Test
    void idempotenceOffOrUnsetRefusesToStartAndNamesTheSetting() {
        assertThatThrownBy(() -> ProducerGuarantees.require(config("all", "false")))
                .hasMessageContaining("enable.idempotence=true");
        assertThatThrownBy(() -> ProducerGuarantees.require(config("all", null)))
                .hasMessageContaining("enable.idempotence");
    }
}
