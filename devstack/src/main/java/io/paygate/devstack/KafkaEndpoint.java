package io.paygate.devstack;

/** A Kafka cluster the services and tests can reach, and can stop and start again to test outages. */
public interface KafkaEndpoint extends AutoCloseable {

    String bootstrapServers();

    /** Stops the broker; clients see an outage until {@link #start()}. */
    void stop();

    /** Starts it again on the same address with the same data. */
    void start();

    @Override
    void close();
}
