package io.paygate.common.kafka;

import io.paygate.events.EventCodec;
import io.paygate.events.EventCodec.UnreadableEvent;
import io.paygate.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Kafka wiring every service imports: topics, the publisher, record decoding, and the
 * failure policy of listeners — poison records straight to the dead-letter topic, transient
 * failures retried with bounded exponential back-off and then dead-lettered. Nothing is
 * dropped silently.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
@PropertySource("classpath:paygate-kafka.properties")
public class EventingConfiguration {

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    EventRecords eventRecords(EventCodec codec) {
        return new EventRecords(codec);
    }

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec, KafkaSettings settings) {
        ProducerGuarantees.require(kafka.getProducerFactory().getConfigurationProperties());
        return new EventPublisher(kafka, codec, settings.ackTimeout());
    }

    /** Health contributor {@code kafka}, part of each service's readiness group. */
    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.ReactiveHealthIndicator")
    KafkaHealth kafka(KafkaAdmin kafkaAdmin) {
        return new KafkaHealth(kafkaAdmin);
    }

    @Bean
    KafkaAdmin.NewTopics paygateTopics(KafkaSettings settings) {
        return new KafkaAdmin.NewTopics(Topics.all().stream()
                .map(topic -> TopicBuilder.name(topic.name())
                        .partitions(settings.partitions())
                        .replicas(settings.replicas())
                        .build())
                .toArray(NewTopic[]::new));
    }

    /** Dead letters go to {@code <topic>.<consumer group>.dlt}, same partition count, so each consumer's failures are its own. */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> kafka, KafkaSettings settings,
                                          @Value("${spring.kafka.consumer.group-id}") String group) {
        var recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(
                        record.topic() + "." + group + Topics.DEAD_LETTER_SUFFIX, -1));
        var backOff = new ExponentialBackOffWithMaxRetries(settings.retryAttempts());
        backOff.setInitialInterval(settings.retryInitial().toMillis());
        backOff.setMaxInterval(settings.retryMax().toMillis());
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnreadableEvent.class, DeserializationException.class);
        return handler;
    }
}
