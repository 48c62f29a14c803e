package io.paygate.fulfillment.orders;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The business facts this service has already acted on, such as "order X is paid" or "refund R
 * of order X went through". The same fact can arrive under several event ids (an order paid
 * again by an admin's decision, a republished event); it is acted on once.
 */
@Component
class Facts {

    private final DatabaseClient db;

    Facts(DatabaseClient db) {
        this.db = db;
    }

    /** True the first time the fact is seen; run it in the transaction that queues what it causes. */
    Mono<Boolean> claim(String factKey, String eventId, String orderNo, Instant now) {
        return db.sql("insert into facts (fact_key, event_id, order_no, handled_at) values (:factKey, :eventId, :orderNo, :now) "
                        + "on conflict (fact_key) do nothing")
                .bind("factKey", factKey)
                .bind("eventId", eventId)
                .bind("orderNo", orderNo)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }
}
