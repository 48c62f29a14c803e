package io.paygate.bench;

import io.paygate.bench.Report.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario 6: one reconciliation of a 100,000-row Alipay bill (95 % payments, 5 % refunds), every
 * row matched by a record of ours. The sandbox writes the day's trades in bulk
 * ({@code POST /sandbox/alipay/bills/{day}/trades}) and answers them; the same payments and
 * refunds go straight into payment-service's tables as SUCCEEDED (SQL, as {@link History} does:
 * the API would take far longer than the run being measured). Then one run through the public
 * entry point, {@code POST /admin/v1/reconciliations/alipay/{day}}, is timed from the request to
 * the API reporting it ended: the bill's download URL query, the download, the GBK ZIP parse,
 * our day's query, the match both ways and the stored result. Target: 30 s.
 */
final class Reconciliation {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TARGET = Duration.ofSeconds(30);

    private Reconciliation() {
    }

    static void run(Paygate paygate, Report report, HttpClient http, Bench.Options options) throws Exception {
        int rows = options.count(100_000);
        int refunds = rows / 20;
        int payments = rows - refunds;
        // far from every other day: the growth scenario's history sits 30 days back, the scheduled run takes yesterday
        LocalDate day = LocalDate.now(BEIJING).minusDays(400);
        String prefix = "8" + System.currentTimeMillis() % 10_000_000_000L;

        long started = System.nanoTime();
        String truth = send(http, HttpRequest.newBuilder(URI.create(paygate.url("platform-sandbox", "/sandbox/alipay/bills/" + day
                + "/trades?prefix=" + prefix + "&payments=" + payments + "&refunds=" + refunds)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
        long written = System.nanoTime();
        int ours = recordOurs(paygate, truth);
        report.detail("reconciliation: %,d payments and %,d refunds of %s written at the sandbox in %.1f s, the same %,d records of ours in %.1f s"
                .formatted(payments, refunds, day, (written - started) / 1e9, ours, (System.nanoTime() - written) / 1e9));

        var usage = Usage.start(paygate.dataDir());
        var timed = reconcile(paygate, http, day);
        var used = usage.stop();
        JsonNode run = timed.run();
        double seconds = timed.seconds();

        String status = run.get("status").asString();
        JsonNode result = run.get("result");
        long matched = result == null ? 0 : result.get("totals").get("matched").asLong();
        long discrepancies = result == null ? -1 : result.get("discrepancies").asLong();
        boolean clean = "COMPLETED".equals(status) && matched == rows && discrepancies == 0;
        double server = run.hasNonNull("finishedAt") ? Duration.between(Instant.parse(run.get("startedAt").asString()),
                Instant.parse(run.get("finishedAt").asString())).toNanos() / 1e9 : Double.NaN;
        String bill = String.format(Locale.ROOT, "%,d-row bill", rows);
        report.row("6 reconciliation", bill + ": request → ended", String.format(Locale.ROOT, "%.2f s", seconds), "< 30 s",
                Verdict.of(clean && seconds < TARGET.toSeconds()));
        report.row("6 reconciliation", "bill rows/s", String.format(Locale.ROOT, "%,.0f/s", rows / seconds), "", Verdict.INFO);
        report.row("6 reconciliation", "heap peak (whole system, one JVM)", used.heapPeakMb() + " MB of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MB", "", Verdict.INFO);
        report.row("6 reconciliation", "result", status + ", matched %,d of %,d, discrepancies %d".formatted(matched, rows, discrepancies),
                "all matched, none", Verdict.of(clean));
        report.detail("reconciliation of %s: %s in %.2f s as the client saw it, %.2f s from the run's start to its end as stored; %s"
                .formatted(day, status, seconds, server, run.hasNonNull("reason") ? "reason: " + run.get("reason").asString() : "totals "
                        + (result == null ? "none" : result.get("totals").toString())));
        report.detail("reconciliation: %.2f s until the bill was in and our day read (download URL query, sandbox writing the ZIP, download, parse, our query), %.2f s to match and store"
                .formatted(timed.loadedSeconds(), seconds - timed.loadedSeconds()));
        report.detail("reconciliation " + used.summary());

        // the same day again: a re-run replaces the result, and runs on code the first run compiled
        var again = reconcile(paygate, http, day);
        report.row("6 reconciliation", "the same day re-run (warm)", String.format(Locale.ROOT, "%.2f s (%.2f s to load, %.2f s to match and store)",
                again.seconds(), again.loadedSeconds(), again.seconds() - again.loadedSeconds()), "", Verdict.INFO);
    }

    /**
     * One run, from the request to the API reporting it ended, polled every 50 ms.
     *
     * @param loadedSeconds when the run first showed its row total: the bill downloaded and parsed, our day read
     */
    private record Timed(JsonNode run, double seconds, double loadedSeconds) {
    }

    private static Timed reconcile(Paygate paygate, HttpClient http, LocalDate day) throws Exception {
        String path = "/admin/v1/reconciliations/alipay/" + day;
        long t0 = System.nanoTime();
        send(http, HttpRequest.newBuilder(URI.create(paygate.url("payment-service", path)))
                .header("Authorization", paygate.adminAuthorization()).POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        JsonNode run;
        long loaded = 0;
        do {
            Thread.sleep(50);
            run = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(paygate.url("payment-service", path)))
                    .header("Authorization", paygate.adminAuthorization()).GET().build(), 200));
            if (loaded == 0 && (run.path("rowsTotal").asLong(0) > 0 || !"RUNNING".equals(run.get("status").asString()))) {
                loaded = System.nanoTime();
            }
        } while ("RUNNING".equals(run.get("status").asString()) && System.nanoTime() - t0 < Duration.ofMinutes(10).toNanos());
        return new Timed(run, (System.nanoTime() - t0) / 1e9, (loaded - t0) / 1e9);
    }

    /** Our side of the bulk day, from the sandbox's answer: one SUCCEEDED attempt per payment, one SUCCEEDED refund per refund. */
    private static int recordOurs(Paygate paygate, String csv) throws SQLException {
        var orderNos = new ArrayList<String>();
        var tradeNos = new ArrayList<String>();
        var amounts = new ArrayList<String>();
        var paidAts = new ArrayList<String>();
        var refundNos = new ArrayList<String>();
        var refundOrders = new ArrayList<String>();
        var refundTrades = new ArrayList<String>();
        var refundAmounts = new ArrayList<String>();
        var refundPaid = new ArrayList<String>();
        var refundedAts = new ArrayList<String>();
        csv.lines().skip(1).forEach(line -> {
            String[] cells = line.split(",", -1);
            orderNos.add(cells[0]);
            tradeNos.add(cells[1]);
            amounts.add(cells[2]);
            paidAts.add(cells[3]);
            if (!cells[4].isEmpty()) {
                refundNos.add(cells[4]);
                refundOrders.add(cells[0]);
                refundTrades.add(cells[1]);
                refundAmounts.add(cells[5]);
                refundPaid.add(cells[2]);
                refundedAts.add(cells[6]);
            }
        });
        try (Connection db = paygate.database("payment-service")) {
            try (var insert = db.prepareStatement("""
                    insert into payment_attempts (order_no, channel, scene, amount_fen, status, platform_trade_no, expires_at,
                                                  created_at, updated_at, paid_at)
                    select o, 'ALIPAY', 'PC', a::bigint, 'SUCCEEDED', t, p::timestamptz + interval '15 minutes', p::timestamptz - interval '30 seconds',
                           p::timestamptz, p::timestamptz
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(o, t, a, p)""")) {
                insert.setArray(1, db.createArrayOf("text", orderNos.toArray()));
                insert.setArray(2, db.createArrayOf("text", tradeNos.toArray()));
                insert.setArray(3, db.createArrayOf("text", amounts.toArray()));
                insert.setArray(4, db.createArrayOf("text", paidAts.toArray()));
                insert.executeUpdate();
            }
            try (var insert = db.prepareStatement("""
                    insert into refunds (refund_no, order_no, channel, platform_trade_no, amount_fen, paid_fen, status, created_at,
                                         updated_at, refunded_at)
                    select r, o, 'ALIPAY', t, a::bigint, p::bigint, 'SUCCEEDED', at::timestamptz, at::timestamptz, at::timestamptz
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(r, o, t, a, p, at)""")) {
                insert.setArray(1, db.createArrayOf("text", refundNos.toArray()));
                insert.setArray(2, db.createArrayOf("text", refundOrders.toArray()));
                insert.setArray(3, db.createArrayOf("text", refundTrades.toArray()));
                insert.setArray(4, db.createArrayOf("text", refundAmounts.toArray()));
                insert.setArray(5, db.createArrayOf("text", refundPaid.toArray()));
                insert.setArray(6, db.createArrayOf("text", refundedAts.toArray()));
                insert.executeUpdate();
            }
            try (var sql = db.createStatement()) {
                sql.execute("analyze payment_attempts");
                sql.execute("analyze refunds");
            }
        }
        return orderNos.size() + refundNos.size();
    }

    private static String send(HttpClient http, HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
