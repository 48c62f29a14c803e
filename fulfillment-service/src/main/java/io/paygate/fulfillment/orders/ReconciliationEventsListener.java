package io.paygate.fulfillment.orders;

import io.paygate.common.kafka.EventRecords;
import io.paygate.events.Envelope;
import io.paygate.events.ReconciliationCompleted;
import io.paygate.events.ReconciliationEvent;
import io.paygate.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Listens to {@code paygate.reconciliation.v1}: a reconciliation run that found discrepancies or
 * failed is announced to the admins as "needs review" (live message and mail, with the day's link
 * in the console), once per event id. Failures go to
 * {@code paygate.reconciliation.v1.fulfillment-service.dlt} as on the other topics.
 */
@Component
class ReconciliationEventsListener {

    private final EventRecords records;
    private final Announcements announcements;
    private final Reactions reactions;

    ReconciliationEventsListener(EventRecords records, Announcements announcements, Reactions reactions) {
        this.records = records;
        this.announcements = announcements;
        this.reactions = reactions;
    }

    @KafkaListener(id = "fulfillment-reconciliation-events", topics = "paygate.reconciliation.v1")
    void on(ConsumerRecord<String, byte[]> record) {
        Envelope<ReconciliationEvent> envelope = records.read(record, Topics.RECONCILIATION);
        switch (envelope.event()) {
            case ReconciliationCompleted completed -> announcements.reconciliation(completed)
                    .ifPresent(reaction -> reactions.react(Origins.of(record, envelope), reaction));
        }
    }
}
