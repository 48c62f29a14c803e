package io.paygate.fulfillment.orders;

import io.paygate.events.Envelope;
import io.paygate.fulfillment.delivery.EventOrigin;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The consumed record an effect comes from, as it will be dead-lettered if the effect fails for good. */
final class Origins {

    private Origins() {
    }

    static EventOrigin of(ConsumerRecord<String, byte[]> record, Envelope<?> envelope) {
        return new EventOrigin(record.topic(), record.key(), envelope.id(), envelope.type(), envelope.source(),
                envelope.time(), new String(record.value(), StandardCharsets.UTF_8));
    }
}
