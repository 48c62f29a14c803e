package io.paygate.common.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service talks to Kafka beyond Spring's own {@code spring.kafka.*} keys.
 *
 * @param partitions      partitions of each paygate topic when this service creates it
 * @param replicas        replication factor of created topics (3 in production, 1 locally)
 * @param ackTimeout      how long a publish waits for the broker's acknowledgement
 * @param retryInitial    first back-off of a failed consumer record
 * @param retryMax        longest back-off
 * @param retryAttempts   retries before a record goes to the dead-letter topic
 */
@ConfigurationProperties("paygate.kafka")
public record KafkaSettings(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicas,
        @DefaultValue("3s") Duration ackTimeout,
        @DefaultValue("200ms") Duration retryInitial,
        @DefaultValue("10s") Duration retryMax,
        @DefaultValue("6") int retryAttempts) {

    public KafkaSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("paygate.kafka.partitions must be at least 1, was " + partitions);
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("paygate.kafka.replicas must be at least 1, was " + replicas);
        }
        if (ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("paygate.kafka.ack-timeout must be positive");
        }
    }
}
