package io.paygate.payment.refund;

import io.paygate.events.Channel;
import io.paygate.events.RefundRequested;
import io.paygate.payment.platform.RefundOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Refunds this service asked a platform for, in PostgreSQL, keyed by refund number. */
@Repository
class Refunds {

    private static final String COLUMNS = "refund_no, order_no, channel, platform_trade_no, amount_fen, paid_fen, reason, status, checks";

    private final DatabaseClient db;

    Refunds(DatabaseClient db) {
        this.db = db;
    }

    record Refund(String refundNo, String orderNo, Channel channel, String platformTradeNo, long amountFen, long paidFen,
                  String reason, RefundStatus status, int checks) {

        RefundOrder order() {
            return new RefundOrder(orderNo, refundNo, amountFen, paidFen, reason);
        }
    }

    /**
     * Records a requested refund as UNKNOWN (about to be asked; if we stop half-way, the re-check
     * picks it up), or returns the one recorded before under the same number.
     */
    Mono<Refund> record(RefundRequested request, Instant now, Instant firstCheck) {
        return db.sql("insert into refunds (refund_no, order_no, channel, platform_trade_no, amount_fen, paid_fen, reason, status, "
                        + "next_check_at, created_at, updated_at) values (:refundNo, :orderNo, :channel, :tradeNo, :amount, :paid, "
                        + ":reason, 'UNKNOWN', :firstCheck, :now, :now) on conflict (refund_no) do nothing")
                .bind("refundNo", request.refundNo())
                .bind("orderNo", request.orderNo())
                .bind("channel", request.channel().name())
                .bind("tradeNo", Parameter.fromOrEmpty(request.platformTradeNo(), String.class))
                .bind("amount", request.amountFen())
                .bind("paid", request.paidFen())
                .bind("reason", Parameter.fromOrEmpty(request.reason(), String.class))
                .bind("firstCheck", firstCheck)
                .bind("now", now)
                .fetch().rowsUpdated()
                .then(find(request.refundNo()));
    }

    Mono<Refund> find(String refundNo) {
        return db.sql("select " + COLUMNS + " from refunds where refund_no = :refundNo")
                .bind("refundNo", refundNo)
                .map(row -> new Refund(row.get("refund_no", String.class), row.get("order_no", String.class),
                        Channel.valueOf(row.get("channel", String.class)), row.get("platform_trade_no", String.class),
                        row.get("amount_fen", Long.class), row.get("paid_fen", Long.class), row.get("reason", String.class),
                        RefundStatus.valueOf(row.get("status", String.class)), row.get("checks", Integer.class)))
                .one();
    }

    /**
     * Claims up to {@code limit} unfinished refunds whose check is due, pushing each to its next
     * check in the same statement under {@code skip locked}: instances never check one at once.
     */
    Flux<Refund> claimDue(Instant now, int limit, IntFunction<Duration> nextDelay) {
        return db.sql("select " + COLUMNS + " from refunds where status in ('PROCESSING', 'UNKNOWN') and next_check_at <= :now "
                        + "order by next_check_at limit :limit for update skip locked")
                .bind("now", now)
                .bind("limit", limit)
                .map(row -> new Refund(row.get("refund_no", String.class), row.get("order_no", String.class),
                        Channel.valueOf(row.get("channel", String.class)), row.get("platform_trade_no", String.class),
                        row.get("amount_fen", Long.class), row.get("paid_fen", Long.class), row.get("reason", String.class),
                        RefundStatus.valueOf(row.get("status", String.class)), row.get("checks", Integer.class)))
                .all()
                // the whole claim first: the update cannot run on this connection while the select still streams
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(refund -> db.sql("update refunds set checks = checks + 1, next_check_at = :next where refund_no = :refundNo")
                        .bind("next", now.plus(nextDelay.apply(refund.checks() + 1)))
                        .bind("refundNo", refund.refundNo())
                        .fetch().rowsUpdated().thenReturn(refund));
    }

    /** Notes a refund still under way (PROCESSING or UNKNOWN); a refund already settled stays settled. */
    Mono<Void> note(String refundNo, RefundStatus status, String platformRefundId, Instant now) {
        if (status.settled()) {
            throw new IllegalArgumentException(status + " settles a refund: use settle");
        }
        return db.sql("update refunds set status = :status, platform_refund_id = coalesce(:refundId, platform_refund_id), "
                        + "updated_at = :now where refund_no = :refundNo and status in ('PROCESSING', 'UNKNOWN')")
                .bind("status", status.name())
                .bind("refundId", Parameter.fromOrEmpty(platformRefundId, String.class))
                .bind("now", now)
                .bind("refundNo", refundNo)
                .fetch().rowsUpdated().then();
    }

    /**
     * Settles a refund once: only an unfinished refund moves, so the call's answer, a query and a
     * notification can all arrive and the first one wins. Answers whether this call moved it.
     */
    Mono<Boolean> settle(String refundNo, RefundStatus status, String platformRefundId, String failureCode, Instant now) {
        return settle(refundNo, status, platformRefundId, failureCode, null, now);
    }

    /** As above; {@code refundedAt} is when the platform says the money went back (now if not known). */
    Mono<Boolean> settle(String refundNo, RefundStatus status, String platformRefundId, String failureCode, Instant refundedAt,
                         Instant now) {
        if (!status.settled()) {
            throw new IllegalArgumentException(status + " does not settle a refund");
        }
        return db.sql("update refunds set status = :status, platform_refund_id = coalesce(:refundId, platform_refund_id), "
                        + "failure_code = :code, next_check_at = null, updated_at = :now, "
                        + "refunded_at = case when :status = 'SUCCEEDED' then coalesce(:refundedAt, :now) end "
                        + "where refund_no = :refundNo and status in ('PROCESSING', 'UNKNOWN')")
                .bind("status", status.name())
                .bind("refundId", Parameter.fromOrEmpty(platformRefundId, String.class))
                .bind("code", Parameter.fromOrEmpty(failureCode, String.class))
                .bind("refundedAt", Parameter.fromOrEmpty(refundedAt, Instant.class))
                .bind("now", now)
                .bind("refundNo", refundNo)
                .fetch().rowsUpdated().map(changed -> changed == 1);
    }
}
