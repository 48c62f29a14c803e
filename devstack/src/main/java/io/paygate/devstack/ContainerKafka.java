package io.paygate.devstack;

import org.testcontainers.kafka.KafkaContainer;

/** Kafka in a container (apache/kafka, KRaft), where a Docker engine runs. */
final class ContainerKafka implements KafkaEndpoint {

    private final KafkaContainer container;

    ContainerKafka(String image) {
        container = new KafkaContainer(image);
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void stop() {
        container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void close() {
        container.stop();
    }
}
