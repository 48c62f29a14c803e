package io.paygate.fulfillment.orders;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What was delivered for which order: one row per order and kind. */
@Component
class Deliveries {

    enum Kind {
        RECEIPT_EMAIL
    }

    private final DatabaseClient db;

    Deliveries(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records a delivery, guarded by order and kind: true if this is the order's first of this
     * kind, false if one is already recorded (the same fact arrived again under another event id).
     */
    Mono<Boolean> record(String eventId, String orderNo, Kind kind, String recipient, Instant sentAt) {
        return db.sql("insert into deliveries (event_id, order_no, kind, recipient, sent_at) "
                        + "values (:eventId, :orderNo, :kind, :recipient, :sentAt) on conflict (order_no, kind) do nothing")
                .bind("eventId", eventId)
                .bind("orderNo", orderNo)
                .bind("kind", kind.name())
                .bind("recipient", recipient)
                .bind("sentAt", sentAt)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }
}
