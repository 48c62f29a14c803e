package io.paygate.fulfillment;

import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;

/** What the service's outbox holds for an order, read straight from its database. */
final class PendingEffects {

    record Row(String kind, String status, int attempts, String lastError) {
    }

    private PendingEffects() {
    }

    static List<Row> of(DatabaseClient db, String orderNo) {
        return db.sql("select kind, status, attempts, last_error from effects where order_no = :orderNo order by id")
                .bind("orderNo", orderNo)
                .map(row -> new Row(row.get("kind", String.class), row.get("status", String.class),
                        row.get("attempts", Integer.class), row.get("last_error", String.class)))
                .all().collectList().block();
    }

    /** True once the order has effects and none of them is still pending: nothing more will be sent for it. */
    static boolean settled(DatabaseClient db, String orderNo) {
        List<Row> rows = of(db, orderNo);
        return !rows.isEmpty() && rows.stream().noneMatch(row -> "PENDING".equals(row.status()));
    }
}
