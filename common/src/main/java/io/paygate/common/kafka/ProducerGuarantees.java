package io.paygate.common.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * What every paygate producer must be: acks=all (every in-sync replica has the record before it
 * counts as published) and idempotent (a producer retry never writes it twice). A service whose
 * configuration drifted from that refuses to start, naming the setting, rather than acknowledge
 * a payment on a write that a broker failure could lose.
 */
public final class ProducerGuarantees {

    private ProducerGuarantees() {
    }

    /** @throws IllegalStateException naming the setting that is not as it must be */
    public static void require(Map<String, Object> producerConfig) {
        Object acks = producerConfig.get(ProducerConfig.ACKS_CONFIG);
        if (acks == null || !("all".equalsIgnoreCase(acks.toString().trim()) || "-1".equals(acks.toString().trim()))) {
            throw new IllegalStateException("Kafka producer acks is " + acks + "; paygate requires acks=all "
                    + "(spring.kafka.producer.acks=all): a payment must never be acknowledged on a write one broker could lose");
        }
        Object idempotence = producerConfig.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence == null || !Boolean.parseBoolean(idempotence.toString().trim())) {
            throw new IllegalStateException("Kafka producer enable.idempotence is " + idempotence + "; paygate requires true "
                    + "(spring.kafka.producer.properties.enable.idempotence=true) so that a retried send is never written twice");
        }
    }
}
