package io.paygate.fulfillment.orders;

import io.paygate.events.RefundRequested;
import io.paygate.fulfillment.delivery.EventOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Refunds that do not end. Every requested refund is noted; its end (the platform's
 * {@code RefundSucceeded} / {@code RefundFailed}, or order-service's {@code OrderRefunded})
 * closes it. One still open after {@code paygate.fulfillment.refunds.overdue-after} is announced
 * to the admins once ("needs review", admin mail): payment-service keeps asking the platform, but
 * a person should look at a refund that has not moved for that long.
 */
@Component
class StuckRefunds {

    private static final Logger log = LoggerFactory.getLogger(StuckRefunds.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BATCH = 50;

    private final DatabaseClient db;
    private final Reactions reactions;
    private final Announcements announcements;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Duration overdueAfter;

    StuckRefunds(DatabaseClient db, Reactions reactions, Announcements announcements, TransactionalOperator tx, Clock clock,
                 @Value("${paygate.fulfillment.refunds.overdue-after:1h}") Duration overdueAfter) {
        if (!overdueAfter.isPositive()) {
            throw new IllegalArgumentException("paygate.fulfillment.refunds.overdue-after must be positive");
        }
        this.db = db;
        this.reactions = reactions;
        this.announcements = announcements;
        this.tx = tx;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
    }

    /** A refund was asked for; a redelivery notes nothing new. */
    void opened(EventOrigin origin, RefundRequested requested) {
        db.sql("insert into open_refunds (refund_no, order_no, amount_fen, requested_at, origin_topic, origin_key, origin_id, "
                        + "origin_type, origin_source, origin_time, origin_body) values (:refundNo, :orderNo, :amount, :at, :topic, "
                        + ":key, :id, :type, :source, :time, :body) on conflict (refund_no) do nothing")
                .bind("refundNo", requested.refundNo())
                .bind("orderNo", requested.orderNo())
                .bind("amount", requested.amountFen())
                .bind("at", requested.requestedAt())
                .bind("topic", origin.topic())
                .bind("key", origin.key())
                .bind("id", origin.id())
                .bind("type", origin.type())
                .bind("source", origin.source())
                .bind("time", origin.time())
                .bind("body", origin.body())
                .fetch().rowsUpdated().block(TIMEOUT);
    }

    /** The refund ended, however: nothing to alert about any more. */
    void ended(String refundNo) {
        Instant now = clock.instant();
        db.sql("insert into ended_refunds (refund_no, ended_at) values (:refundNo, :now) on conflict (refund_no) do nothing")
                .bind("refundNo", refundNo)
                .bind("now", now)
                .fetch().rowsUpdated()
                .then(db.sql("update open_refunds set settled_at = :now where refund_no = :refundNo and settled_at is null")
                        .bind("now", now)
                        .bind("refundNo", refundNo)
                        .fetch().rowsUpdated())
                .block(TIMEOUT);
    }

    @Scheduled(fixedDelayString = "${paygate.fulfillment.refunds.check-interval:1m}")
    void alertOverdue() {
        Instant now = clock.instant();
        var due = tx.transactional(db.sql("select refund_no, order_no, amount_fen, requested_at, origin_topic, origin_key, "
                                + "origin_type, origin_source, origin_time, origin_body from open_refunds where settled_at is null "
                                + "and alerted_at is null and requested_at <= :before "
                                + "and not exists (select 1 from ended_refunds e where e.refund_no = open_refunds.refund_no) "
                                + "order by requested_at limit :limit "
                                + "for update skip locked")
                        .bind("before", now.minus(overdueAfter))
                        .bind("limit", BATCH)
                        .map(row -> new Overdue(row.get("refund_no", String.class), row.get("order_no", String.class),
                                row.get("amount_fen", Long.class), row.get("requested_at", OffsetDateTime.class).toInstant(),
                                new EventOrigin(row.get("origin_topic", String.class), row.get("origin_key", String.class),
                                        alertId(row.get("refund_no", String.class)), row.get("origin_type", String.class),
                                        row.get("origin_source", String.class), row.get("origin_time", OffsetDateTime.class).toInstant(),
                                        row.get("origin_body", String.class))))
                        .all()
                        .collectList()
                        .flatMap(rows -> db.sql("update open_refunds set alerted_at = :now where refund_no = any(:refundNos)")
                                .bind("now", now)
                                .bind("refundNos", rows.stream().map(Overdue::refundNo).toArray(String[]::new))
                                .fetch().rowsUpdated()
                                .thenReturn(rows)))
                .block(TIMEOUT);
        if (due == null) {
            return;
        }
        for (Overdue refund : due) {
            // its own event id: the alert is a fact of its own, made once however often this runs
            reactions.react(refund.origin(), announcements.refundStuck(refund.orderNo(), refund.refundNo(), refund.amountFen(),
                    refund.requestedAt(), Duration.between(refund.requestedAt(), now)));
            log.atWarn().addKeyValue("orderNo", refund.orderNo()).log("refund {} of order {} still open after {}: admins alerted",
                    refund.refundNo(), refund.orderNo(), Duration.between(refund.requestedAt(), now));
        }
    }

    private static String alertId(String refundNo) {
        return UUID.nameUUIDFromBytes(("refund-overdue:" + refundNo).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private record Overdue(String refundNo, String orderNo, long amountFen, Instant requestedAt, EventOrigin origin) {
    }
}
