package io.paygate.payment.reconcile;

import io.paygate.events.Channel;
import io.paygate.payment.reconcile.Matcher.Outcome;
import io.paygate.payment.reconcile.Matcher.Totals;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reconciliations in PostgreSQL, one per channel and day. A run claims the day (a guarded
 * update: one run at a time, across instances), notes its progress, and ends by replacing the
 * day's result, discrepancies and carry-over in one transaction, or by recording why it failed
 * and leaving the previous result as it was.
 */
@Repository
class Runs {

    private static final int CHUNK = 1000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Runs(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /** Starts a run of the day: answers its run number, or nothing while another run of the day is going. */
    Mono<Integer> claim(Channel channel, LocalDate day, Instant now, Instant staleBefore) {
        return db.sql("insert into reconciliations (channel, day, status, run_no, started_at) values (:channel, :day, 'RUNNING', 1, :now) "
                        + "on conflict (channel, day) do update set status = 'RUNNING', run_no = reconciliations.run_no + 1, "
                        + "started_at = :now, finished_at = null, rows_total = null, rows_processed = 0, reason = null "
                        + "where reconciliations.status <> 'RUNNING' or reconciliations.started_at < :stale returning run_no")
                .bind("channel", channel.name())
                .bind("day", day)
                .bind("now", now)
                .bind("stale", staleBefore)
                .map(row -> row.get("run_no", Integer.class))
                .one();
    }

    Mono<Void> progress(Channel channel, LocalDate day, int runNo, long processed, long total) {
        return db.sql("update reconciliations set rows_processed = :processed, rows_total = :total "
                        + "where channel = :channel and day = :day and run_no = :runNo and status = 'RUNNING'")
                .bind("processed", (int) Math.min(processed, Integer.MAX_VALUE))
                .bind("total", (int) Math.min(total, Integer.MAX_VALUE))
                .bind("channel", channel.name())
                .bind("day", day)
                .bind("runNo", runNo)
                .fetch().rowsUpdated().then();
    }

    /** The run failed: its reason is recorded; the previous result, discrepancies and carry-over stay. */
    Mono<Void> fail(Channel channel, LocalDate day, int runNo, String reason, Instant now) {
        return db.sql("update reconciliations set status = 'FAILED', reason = :reason, finished_at = :now "
                        + "where channel = :channel and day = :day and run_no = :runNo")
                .bind("reason", reason)
                .bind("now", now)
                .bind("channel", channel.name())
                .bind("day", day)
                .bind("runNo", runNo)
                .fetch().rowsUpdated().then();
    }

    /** Replaces the day's result with this run's, all at once; answers false if the run no longer owns the day. */
    Mono<Boolean> complete(Channel channel, LocalDate day, int runNo, RunStatus status, String billCode, Outcome outcome,
                           long rows, Instant now) {
        Totals t = outcome.totals();
        Map<DiscrepancyType, Integer> counts = outcome.counts();
        Mono<Boolean> owned = db.sql("select run_no from reconciliations where channel = :channel and day = :day for update")
                .bind("channel", channel.name())
                .bind("day", day)
                .map(row -> row.get("run_no", Integer.class))
                .one()
                .map(current -> current == runNo);
        Mono<Void> replace = db.sql("delete from reconciliation_discrepancies where channel = :channel and day = :day")
                .bind("channel", channel.name()).bind("day", day).fetch().rowsUpdated()
                .then(db.sql("delete from reconciliation_carry_over where channel = :channel and day = :day")
                        .bind("channel", channel.name()).bind("day", day).fetch().rowsUpdated())
                .then(insertAll("insert into reconciliation_discrepancies (channel, day, seq, type, order_no, refund_no, our_fen, "
                        + "platform_fen, our_trade_no, platform_trade_no, occurred_at, carried_from) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", outcome.discrepancies(), (st, at) -> {
                            Discrepancy d = at.value();
                            st.bind(0, channel.name()).bind(1, day).bind(2, at.seq()).bind(3, d.type().name()).bind(4, d.orderNo());
                            bind(st, 5, d.refundNo(), String.class);
                            bind(st, 6, d.ourFen(), Long.class);
                            bind(st, 7, d.platformFen(), Long.class);
                            bind(st, 8, d.ourTradeNo(), String.class);
                            bind(st, 9, d.platformTradeNo(), String.class);
                            bind(st, 10, d.at() == null ? null : d.at().atOffset(java.time.ZoneOffset.UTC), OffsetDateTime.class);
                            bind(st, 11, d.carriedFrom(), LocalDate.class);
                        }))
                .then(insertAll("insert into reconciliation_carry_over (channel, day, seq, side, kind, order_no, refund_no, trade_no, "
                        + "amount_fen, fee_milli_fen, occurred_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                        outcome.carriedOut(), (st, at) -> {
                            Item item = at.value().item();
                            st.bind(0, channel.name()).bind(1, day).bind(2, at.seq()).bind(3, at.value().side().name())
                                    .bind(4, item.kind().name()).bind(5, item.orderNo());
                            bind(st, 6, item.refundNo(), String.class);
                            bind(st, 7, item.tradeNo(), String.class);
                            st.bind(8, item.amountFen()).bind(9, item.feeMilliFen());
                            bind(st, 10, item.at() == null ? null : item.at().atOffset(java.time.ZoneOffset.UTC), OffsetDateTime.class);
                        }))
                .then(db.sql("update reconciliations set status = :status, finished_at = :now, rows_processed = :rows, rows_total = :rows, "
                                + "reason = null, result_status = :status, result_run_no = :runNo, result_at = :now, bill_code = :billCode, "
                                + "our_payments = :ourPayments, our_payment_fen = :ourPaymentFen, our_refunds = :ourRefunds, "
                                + "our_refund_fen = :ourRefundFen, platform_payments = :platformPayments, "
                                + "platform_payment_fen = :platformPaymentFen, platform_refunds = :platformRefunds, "
                                + "platform_refund_fen = :platformRefundFen, platform_fee_milli_fen = :fee, matched = :matched, "
                                + "carried_in = :carriedIn, carried_in_cleared = :cleared, carried_out = :carriedOut, "
                                + "paid_at_platform_only = :c1, paid_here_only = :c2, amount_differs = :c3, refund_missing_here = :c4, "
                                + "refund_missing_at_platform = :c5 where channel = :channel and day = :day and run_no = :runNo")
                        .bind("status", status.name())
                        .bind("now", now)
                        .bind("rows", (int) Math.min(rows, Integer.MAX_VALUE))
                        .bind("runNo", runNo)
                        .bind("billCode", Parameter.fromOrEmpty(billCode, String.class))
                        .bind("ourPayments", t.ourPayments()).bind("ourPaymentFen", t.ourPaymentFen())
                        .bind("ourRefunds", t.ourRefunds()).bind("ourRefundFen", t.ourRefundFen())
                        .bind("platformPayments", t.platformPayments()).bind("platformPaymentFen", t.platformPaymentFen())
                        .bind("platformRefunds", t.platformRefunds()).bind("platformRefundFen", t.platformRefundFen())
                        .bind("fee", t.platformFeeMilliFen()).bind("matched", t.matched())
                        .bind("carriedIn", t.carriedIn()).bind("cleared", t.carriedInCleared()).bind("carriedOut", t.carriedOut())
                        .bind("c1", counts.get(DiscrepancyType.PAID_AT_PLATFORM_ONLY))
                        .bind("c2", counts.get(DiscrepancyType.PAID_HERE_ONLY))
                        .bind("c3", counts.get(DiscrepancyType.AMOUNT_DIFFERS))
                        .bind("c4", counts.get(DiscrepancyType.REFUND_MISSING_HERE))
                        .bind("c5", counts.get(DiscrepancyType.REFUND_MISSING_AT_PLATFORM))
                        .bind("channel", channel.name())
                        .bind("day", day)
                        .fetch().rowsUpdated())
                .then();
        return tx.transactional(owned.flatMap(mine -> mine ? replace.thenReturn(true) : Mono.just(false)));
    }

    /** What the run of {@code day} carried over to the next day. */
    Mono<List<Carried>> carriedOver(Channel channel, LocalDate day) {
        return db.sql("select side, kind, order_no, refund_no, trade_no, amount_fen, fee_milli_fen, occurred_at "
                        + "from reconciliation_carry_over where channel = :channel and day = :day order by seq")
                .bind("channel", channel.name())
                .bind("day", day)
                .map(row -> new Carried(Carried.Side.valueOf(row.get("side", String.class)), day, new Item(
                        Item.Kind.valueOf(row.get("kind", String.class)), row.get("order_no", String.class),
                        row.get("refund_no", String.class), row.get("trade_no", String.class), row.get("amount_fen", Long.class),
                        row.get("fee_milli_fen", Long.class), instant(row, "occurred_at"))))
                .all().collectList();
    }

    Mono<RunView> find(Channel channel, LocalDate day) {
        return db.sql("select * from reconciliations where channel = :channel and day = :day")
                .bind("channel", channel.name())
                .bind("day", day)
                .map(row -> new RunView(channel, day, RunStatus.valueOf(row.get("status", String.class)), row.get("run_no", Integer.class),
                        instant(row, "started_at"), instant(row, "finished_at"), row.get("rows_processed", Integer.class),
                        row.get("rows_total", Integer.class), row.get("reason", String.class),
                        row.get("result_status", String.class) == null ? null : new RunView.Result(
                                RunStatus.valueOf(row.get("result_status", String.class)), row.get("result_run_no", Integer.class),
                                instant(row, "result_at"), row.get("bill_code", String.class),
                                new Totals(row.get("our_payments", Integer.class), row.get("our_payment_fen", Long.class),
                                        row.get("our_refunds", Integer.class), row.get("our_refund_fen", Long.class),
                                        row.get("platform_payments", Integer.class), row.get("platform_payment_fen", Long.class),
                                        row.get("platform_refunds", Integer.class), row.get("platform_refund_fen", Long.class),
                                        row.get("platform_fee_milli_fen", Long.class), row.get("matched", Integer.class),
                                        row.get("carried_in", Integer.class), row.get("carried_in_cleared", Integer.class),
                                        row.get("carried_out", Integer.class)),
                                counts(row))))
                .one();
    }

    Flux<Discrepancy> discrepancies(Channel channel, LocalDate day) {
        return db.sql("select * from reconciliation_discrepancies where channel = :channel and day = :day order by seq")
                .bind("channel", channel.name())
                .bind("day", day)
                .map(row -> new Discrepancy(DiscrepancyType.valueOf(row.get("type", String.class)), row.get("order_no", String.class),
                        row.get("refund_no", String.class), row.get("our_fen", Long.class), row.get("platform_fen", Long.class),
                        row.get("our_trade_no", String.class), row.get("platform_trade_no", String.class), instant(row, "occurred_at"),
                        row.get("carried_from", LocalDate.class)))
                .all();
    }

    private static Map<DiscrepancyType, Integer> counts(Readable row) {
        var counts = new java.util.EnumMap<DiscrepancyType, Integer>(DiscrepancyType.class);
        counts.put(DiscrepancyType.PAID_AT_PLATFORM_ONLY, row.get("paid_at_platform_only", Integer.class));
        counts.put(DiscrepancyType.PAID_HERE_ONLY, row.get("paid_here_only", Integer.class));
        counts.put(DiscrepancyType.AMOUNT_DIFFERS, row.get("amount_differs", Integer.class));
        counts.put(DiscrepancyType.REFUND_MISSING_HERE, row.get("refund_missing_here", Integer.class));
        counts.put(DiscrepancyType.REFUND_MISSING_AT_PLATFORM, row.get("refund_missing_at_platform", Integer.class));
        return counts;
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private record Numbered<T>(int seq, T value) {
    }

    /** Inserts the rows in batches of bound statements (one round trip per batch). */
    private <T> Mono<Void> insertAll(String sql, List<T> rows, BiConsumer<Statement, Numbered<T>> binder) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        return Flux.range(0, (rows.size() + CHUNK - 1) / CHUNK)
                .concatMap(chunk -> db.inConnection(connection -> {
                    Statement statement = connection.createStatement(sql);
                    int from = chunk * CHUNK;
                    int to = Math.min(rows.size(), from + CHUNK);
                    for (int i = from; i < to; i++) {
                        if (i > from) {
                            statement.add();
                        }
                        binder.accept(statement, new Numbered<>(i + 1, rows.get(i)));
                    }
                    return Flux.from(statement.execute()).concatMap(result -> result.getRowsUpdated()).then();
                }))
                .then();
    }

    private static void bind(Statement statement, int index, Object value, Class<?> type) {
        if (value == null) {
            statement.bindNull(index, type);
        } else {
            statement.bind(index, value);
        }
    }
}
