package io.paygate.localrun;

import io.paygate.devstack.KafkaEndpoint;

/** A Kafka cluster someone else runs. The local run neither starts nor stops it. */
record ExternalKafka(String bootstrapServers) implements KafkaEndpoint {

    @Override
    public void stop() {
        throw new UnsupportedOperationException("an external Kafka cluster is not ours to stop");
    }

    @Override
    public void start() {
    }

    @Override
    public void close() {
    }
}
