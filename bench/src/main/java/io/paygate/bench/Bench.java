package io.paygate.bench;

import io.paygate.bench.Notifications.Channel;
import io.paygate.bench.Report.Verdict;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * paygate's benchmarks: the whole local run in this JVM, driven over loopback by a load
 * generator that sends real signed notifications, against targets from issue #9. Every figure is
 * from this run; ratios are against a baseline taken in the same run, because the machine is
 * shared. Nothing here asserts: a missed target is reported, never failed.
 *
 * <pre>
 * java -jar bench/target/bench.jar [all|ceiling,ingest,e2e,orders,growth,reconciliation,jmh] [--quick]
 *      [--seconds=15] [--max-rate=1000] [--out=bench/target/bench-report.md] [--set=some.setting=value ...]
 * </pre>
 */
public final class Bench {

    private static final List<String> SCENARIOS = List.of("ceiling", "orders", "ingest", "e2e", "growth", "reconciliation", "jmh");
    private static final int CONNECTIONS = 64;

    private final Paygate paygate;
    private final Report report;
    private final Options options;
    private final HttpClient http;
    private final Shop shop;
    private final Notifications notifications;
    private final Map<Channel, Ceiling.Result> ceilings = new HashMap<>();
    private final Map<String, Load.Result> ingests = new HashMap<>();
    private final Map<String, EndToEnd> endToEnds = new HashMap<>();

    record Options(Set<String> scenarios, boolean quick, int seconds, int maxRate, Path out, Map<String, String> overrides) {

        static Options parse(String[] args) {
            var scenarios = new LinkedHashSet<String>();
            boolean quick = false;
            int seconds = 15;
            int maxRate = 1000;
            Path out = Path.of("bench", "target", "bench-report.md");
            var overrides = new java.util.LinkedHashMap<String, String>();
            for (String arg : args) {
                if (arg.startsWith("--set=") && arg.indexOf('=', 6) > 6) {
                    overrides.put(arg.substring(6, arg.indexOf('=', 6)), arg.substring(arg.indexOf('=', 6) + 1));
                } else if (arg.equals("--quick")) {
                    quick = true;
                } else if (arg.startsWith("--seconds=")) {
                    seconds = Integer.parseInt(arg.substring(10));
                } else if (arg.startsWith("--max-rate=")) {
                    maxRate = Integer.parseInt(arg.substring(11));
                } else if (arg.startsWith("--out=")) {
                    out = Path.of(arg.substring(6));
                } else if (arg.equals("all")) {
                    scenarios.addAll(SCENARIOS);
                } else {
                    for (String name : arg.split(",")) {
                        if (!SCENARIOS.contains(name)) {
                            throw new IllegalArgumentException("no scenario '" + name + "'; choose from all, " + SCENARIOS);
                        }
                        scenarios.add(name);
                    }
                }
            }
            if (scenarios.isEmpty()) {
                scenarios.addAll(SCENARIOS);
            }
            return new Options(scenarios, quick, quick ? Math.min(seconds, 4) : seconds, maxRate, out, Map.copyOf(overrides));
        }

        boolean wants(String scenario) {
            return scenarios.contains(scenario);
        }

        int count(int full) {
            return quick ? Math.max(50, full / 40) : full;
        }
    }

    private Bench(Paygate paygate, Report report, Options options) {
        this.paygate = paygate;
        this.report = report;
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().name("bench-http-", 0).factory()))
                .build();
        this.shop = new Shop(paygate, http);
        this.notifications = new Notifications(paygate);
    }

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var machine = new ArrayList<>(Usage.describeMachine());
        machine.add("scenarios " + options.scenarios() + (options.quick() ? " (quick: small counts, not a measurement)" : "")
                + ", " + options.seconds() + " s per measurement"
                + (options.overrides().isEmpty() ? "" : ", settings changed for this run: " + options.overrides()));
        var report = new Report(machine);
        boolean system = options.scenarios().stream().anyMatch(s -> !s.equals("jmh"));
        if (system) {
            long started = System.nanoTime();
            try (Paygate paygate = Paygate.start(options.overrides())) {
                report.detail("system up in %.1f s".formatted((System.nanoTime() - started) / 1e9));
                new Bench(paygate, report, options).run();
            }
        }
        if (options.wants("jmh")) {
            Micro.run(report, options.quick());
        }
        System.out.println("[bench] report written to " + report.write(options.out()).toAbsolutePath());
        System.out.println(report.markdown());
        System.exit(0);
    }

    /**
     * Scenarios that leave work queued behind them (order creation fills order-service's outbox
     * with OrderCreated events that go out before any OrderPaid) come after those they would
     * disturb, and the system is drained before each measurement.
     */
    private void run() throws Exception {
        // reconciliation alone takes none of the paths the warm-up warms
        if (!options.scenarios().stream().allMatch(s -> s.equals("reconciliation") || s.equals("jmh"))) {
            warmUp();
        }
        if (options.wants("ceiling") || options.wants("ingest")) {
            ceiling(Channel.ALIPAY);
            ceiling(Channel.WECHAT);
        }
        if (options.wants("ingest")) {
            ingest(Channel.ALIPAY, "");
            ingest(Channel.WECHAT, "");
            // the same with everything downstream of the notify path paused: what notify-ingress itself
            // does next to the ceiling, without sharing the 2 cores with the consumers of what it published
            quiesce("before the notify path alone");
            ingest(Channel.ALIPAY, PAUSED);
            ingest(Channel.WECHAT, PAUSED);
            quiesce("after the notify path alone");
        }
        if (options.wants("e2e") || options.wants("growth")) {
            quiesce("before end to end");
            endToEnd(200, "");
        }
        if (options.wants("e2e") && options.maxRate() > 200) {
            highestSustainable();
        }
        if (options.wants("orders")) {
            quiesce("before order creation");
            orders();
        }
        if (options.wants("growth")) {
            quiesce("before growth");
            growth();
        }
        if (options.wants("reconciliation")) {
            reconciliation();
        }
    }

    /**
     * Waits (at most 2 min) until order-service's outbox has published everything and
     * fulfillment-service has sent every mail queued, and says how long that took: how fast these
     * two queues drain is a finding of its own.
     */
    private void quiesce(String when) throws Exception {
        long started = System.nanoTime();
        long[] first = queues();
        long[] now = first;
        while ((now[0] > 0 || now[1] > 0 || now[2] > 0) && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(2)) {
            Thread.sleep(1000);
            now = queues();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (first[0] + first[1] + first[2] > 0) {
            report.detail(("drain %s: consumer lag %,d → %,d records, order-service outbox %,d → %,d rows, fulfillment mails pending %,d → %,d,"
                    + " in %.0f s (outbox %.0f rows/s, mails %.1f/s)")
                    .formatted(when, first[2], now[2], first[0], now[0], first[1], now[1], seconds, (first[0] - now[0]) / seconds,
                            (first[1] - now[1]) / seconds));
        }
    }

    /** order-service outbox rows not yet published, fulfillment-service effects not yet done, records not yet consumed. */
    private long[] queues() throws SQLException {
        long outbox;
        long effects;
        try (Connection db = paygate.database("order-service"); var sql = db.createStatement();
             var rows = sql.executeQuery("select count(*) from outbox where published_at is null")) {
            rows.next();
            outbox = rows.getLong(1);
        }
        try (Connection db = paygate.database("fulfillment-service"); var sql = db.createStatement();
             var rows = sql.executeQuery("select count(*) from effects where status = 'PENDING'")) {
            rows.next();
            effects = rows.getLong(1);
        }
        return new long[] {outbox, effects, paygate.consumerLag()};
    }

    /**
     * Every path measured runs a few thousand times first, unmeasured, so that the JIT has compiled
     * it and every pool has its connections: the figures are of a warm system.
     */
    private void warmUp() throws Exception {
        long started = System.nanoTime();
        shop.stockProducts();
        var orders = new ArrayList<HttpRequest>();
        for (int i = 0; i < options.count(3000); i++) {
            orders.add(shop.createOrderWithItems(i));
        }
        var created = Load.closedLoop("warm-up orders", http, orders, 16, Duration.ofSeconds(60), Load.CREATED);
        var alipay = prepare(Channel.ALIPAY, options.count(1500));
        var paid = Load.closedLoop("warm-up alipay notifications", http, alipay.requests(), 16, Duration.ofSeconds(60), Load.ALIPAY_SUCCESS);
        var wechat = prepare(Channel.WECHAT, options.count(500));
        var wechatPaid = Load.closedLoop("warm-up wechat notifications", http, wechat.requests(), 16, Duration.ofSeconds(60),
                Load.WECHAT_ACCEPTED);
        var all = new ArrayList<String>();
        alipay.orders().forEach(o -> all.add(o.orderNo()));
        wechat.orders().forEach(o -> all.add(o.orderNo()));
        report.detail("warm-up in %.0f s: %s; %s; %s".formatted((System.nanoTime() - started) / 1e9, created.summary(), paid.summary(),
                wechatPaid.summary()));
        quiesce("after warm-up");
    }

    // scenario 1

    private void ceiling(Channel channel) {
        var usage = Usage.start(paygate.dataDir());
        int count = options.count(1_000_000);
        Duration limit = Duration.ofSeconds(options.seconds());
        var result = channel == Channel.ALIPAY ? Ceiling.alipay(paygate, count, limit, CONNECTIONS)
                : Ceiling.wechat(paygate, count, limit, CONNECTIONS);
        var used = usage.stop();
        ceilings.put(channel, result);
        report.row("1 ceiling " + name(channel), "verified + 2 records acked (acks=all)/s", perSecond(result.perSecond()), "baseline",
                Verdict.INFO);
        report.detail(result.summary());
        report.detail(result.name() + " " + used.summary());
    }

    // scenario 4

    private void orders() {
        shop.stockProducts();
        int count = options.count(60_000);
        var requests = new ArrayList<HttpRequest>(count);
        for (int i = 0; i < count; i++) {
            requests.add(shop.createOrderWithItems(i));
        }
        var usage = Usage.start(paygate.dataDir());
        var fastest = Load.closedLoop("orders as fast as they go (" + CONNECTIONS + " connections)", http, requests, CONNECTIONS,
                Duration.ofSeconds(options.seconds()), Load.CREATED);
        var used = usage.stop();
        report.row("4 order creation", "orders/s, as fast as it goes", perSecond(fastest.okPerSecond()), "≥ 2,000/s",
                Verdict.of(fastest.okPerSecond() >= 2000 && fastest.errors() == 0));
        report.row("4 order creation", "p50 / p99 / max at that rate", ms(fastest), "p99 < 50 ms", Verdict.of(fastest.p99Ms() < 50));
        report.detail(fastest.summary());
        report.detail("orders fastest " + used.summary());

        int rate = 2000;
        int atRate = options.count(rate * options.seconds());
        var more = new ArrayList<HttpRequest>(atRate);
        for (int i = 0; i < atRate; i++) {
            more.add(shop.createOrderWithItems(i));
        }
        usage = Usage.start(paygate.dataDir());
        var fixed = Load.fixedRate("orders at " + rate + "/s", http, more, rate, Duration.ofSeconds(options.seconds()), Load.CREATED);
        used = usage.stop();
        report.row("4 order creation", "at 2,000/s offered: achieved, p50 / p99 / max", perSecond(fixed.okPerSecond()) + "; " + ms(fixed),
                "2,000/s at p99 < 50 ms", Verdict.of(fixed.sustained() && fixed.p99Ms() < 50));
        report.detail(fixed.summary());
        report.detail("orders at 2000/s " + used.summary());
    }

    // scenario 2

    /** The label of an ingest measured with every consumer downstream of notify-ingress paused. */
    private static final String PAUSED = ", consumers paused";
    /** The label of the ingest measured just before the growth scenario adds its orders. */
    private static final String GROWTH_BASELINE = " (before adding orders)";

    private void ingest(Channel channel, String label) {
        boolean paused = label.equals(PAUSED);
        int count = options.count(channel == Channel.ALIPAY ? 5_000 : 2_000);
        var prepared = prepare(channel, count);
        Load.Result result;
        Usage.Measured used;
        if (paused) {
            paygate.consumersPaused(true);
        }
        try {
            var usage = Usage.start(paygate.dataDir());
            result = Load.closedLoop("notify ingest " + name(channel) + label + " (" + CONNECTIONS + " connections)", http,
                    prepared.requests(), CONNECTIONS, Duration.ofSeconds(options.seconds()), check(channel));
            used = usage.stop();
        } finally {
            if (paused) {
                paygate.consumersPaused(false);
            }
        }
        ingests.put(channel + label, result);
        String scenario = label.isEmpty() || paused ? "2 notify ingest " + name(channel) + (paused ? label : "")
                : "5 growth: ingest " + name(channel) + label;
        report.row(scenario, "notifications acknowledged/s", perSecond(result.okPerSecond()), "", Verdict.INFO);
        Ceiling.Result ceiling = ceilings.get(channel);
        if (ceiling != null && (label.isEmpty() || paused)) {
            double ratio = result.okPerSecond() / ceiling.perSecond();
            report.row(scenario, "ratio to the ceiling", "%.0f%%".formatted(ratio * 100), "≥ 50%", Verdict.of(ratio >= 0.5));
        }
        report.row(scenario, "answer p50 / p99 / max, errors", ms(result) + ", " + result.errors() + " errors", "max < 3 s, 0 errors",
                Verdict.of(result.maxMs() < 3000 && result.errors() == 0));
        report.detail(result.summary());
        report.detail(result.name() + " " + used.summary());
    }

    // scenario 3

    /** What one end-to-end run measured: the notify answers, and per order the time to PAID and to the mail sent. */
    record EndToEnd(int rate, Load.Result answers, Histogram paid, Histogram mailed, long mails, long orders, boolean drained,
                    Usage.Measured usage, double mailsPerSecond) {

        boolean sustained() {
            return answers.sustained() && drained;
        }
    }

    private EndToEnd endToEnd(int rate, String label) throws Exception {
        // above 200/s ten seconds: every notification needs a fresh order, and making them is the slow part
        int seconds = rate > 200 ? Math.min(options.seconds(), 10) : options.seconds();
        int count = options.count(rate * seconds);
        var prepared = prepare(Channel.ALIPAY, count);
        var usage = Usage.start(paygate.dataDir());
        var answers = Load.fixedRate("end to end at " + rate + "/s" + label, http, prepared.requests(), rate,
                Duration.ofSeconds(seconds), Load.ALIPAY_SUCCESS);
        var sentOrders = new ArrayList<String>();
        var dueAt = new HashMap<String, Instant>();
        for (int i = 0; i < prepared.orders().size(); i++) {
            if (answers.dueAt()[i] != null) {
                sentOrders.add(prepared.orders().get(i).orderNo());
                dueAt.put(prepared.orders().get(i).orderNo(), answers.dueAt()[i]);
            }
        }
        // everything sent must come out as a mail within 30 s of the last notification to count as sustained
        long mails = waitForMails(sentOrders, answers.ok(), Duration.ofSeconds(30));
        boolean drained = mails >= answers.ok();
        if (!drained) {
            report.detail("end to end at " + rate + "/s" + label + ": " + mails + " of " + answers.ok() + " receipts mailed within 30 s; "
                    + stuck());
        }
        var used = usage.stop();
        double mailRate = mails / (answers.seconds() + 30);
        var paid = latencies(paygate, "order-service",
                "select order_no, recorded_at from payments where order_no = any(?)", sentOrders, dueAt);
        var mailed = latencies(paygate, "fulfillment-service",
                "select order_no, done_at from effects where kind = 'CUSTOMER_MAIL' and status = 'DONE' and fact_key = 'paid:' || order_no "
                        + "and order_no = any(?)", sentOrders, dueAt);
        var result = new EndToEnd(rate, answers, paid, mailed, mails, sentOrders.size(), drained, used, mailRate);
        // unmeasured: the next scenario starts on a drained system
        quiesce("after end to end at " + rate + "/s" + label);
        endToEnds.put(rate + label, result);
        String scenario = label.isEmpty() ? "3 end to end" : "5 growth: end to end";
        report.row(scenario + " @" + rate + "/s", "achieved/s; answer p50 / p99 / max", perSecond(answers.okPerSecond()) + "; " + ms(answers),
                "p99 < 50 ms, max < 3 s", rate >= 1000 ? Verdict.of(answers.sustained() && answers.p99Ms() < 50) : Verdict.INFO);
        report.row(scenario + " @" + rate + "/s", "notification → PAID p50 / p99 / max", ms(paid), "", Verdict.INFO);
        report.row(scenario + " @" + rate + "/s", "notification → mail sent p50 / p99 / max; mailed",
                ms(mailed) + "; " + mailed.getTotalCount() + "/" + answers.ok() + (drained ? "" : " (not within 30 s)"),
                "p99 < 250 ms at 1,000/s", rate >= 1000 ? Verdict.of(drained && mailed.getValueAtPercentile(99) < 250_000) : Verdict.INFO);
        report.detail(answers.summary());
        report.detail("end to end at " + rate + "/s" + label + " (send, then until every mail is out) " + used.summary());
        return result;
    }

    /** 1,000/s, or the highest rate that keeps up: every answer right and within 3 s, every mail out within 30 s. */
    private void highestSustainable() throws Exception {
        int rate = options.maxRate();
        EndToEnd best = null;
        // each try needs rate × seconds fresh orders, and making them is slower than paying them: after a miss, try
        // half the rate or, when the mails were what fell behind, a bit under the rate they went out at
        while (rate >= 10) {
            var run = endToEnd(rate, "");
            if (run.sustained()) {
                best = run;
                break;
            }
            report.detail("end to end at %d/s not sustained; receipts went out at %.1f/s".formatted(rate, run.mailsPerSecond()));
            // no receipt at all within the window says nothing about the mail rate: halve then
            rate = run.mailsPerSecond() < 1 ? rate / 2 : (int) Math.min(rate / 2, Math.floor(run.mailsPerSecond() * 0.8));
        }
        report.row("3 end to end", "highest sustainable rate (≤ " + options.maxRate() + "/s)",
                best == null ? "none ≥ 10/s" : best.rate() + "/s", options.maxRate() + "/s",
                Verdict.of(best != null && best.rate() >= 1000));
    }

    // scenario 5

    private void growth() throws Exception {
        // the baseline ingest is measured here, just before the orders are added, under the same conditions as the one after
        ingest(Channel.ALIPAY, GROWTH_BASELINE);
        quiesce("after the growth baseline");
        long before = History.orders(paygate);
        // so that there are ten times as many as before
        int added = (int) Math.max(options.quick() ? 5_000 : 100_000, 9 * before);
        long started = System.nanoTime();
        History.add(paygate, added);
        report.detail("growth: %,d orders in order-service before, %,d historical orders (with payments, attempts, receipts) added in %.1f s"
                .formatted(before, added, (System.nanoTime() - started) / 1e9));
        report.row("5 growth", "orders already in the database", "%,d → %,d".formatted(before, History.orders(paygate)), "10×",
                Verdict.INFO);
        ingest(Channel.ALIPAY, " (10× orders)");
        var ingestBefore = ingests.get(Channel.ALIPAY + GROWTH_BASELINE);
        var ingestAfter = ingests.get(Channel.ALIPAY + " (10× orders)");
        double ingestCost = 1 - ingestAfter.okPerSecond() / ingestBefore.okPerSecond();
        report.row("5 growth", "ingest throughput lost with 10× orders", percent(ingestCost), "< 10%", Verdict.of(ingestCost < 0.10));

        // the end-to-end baseline ran on a drained system: so does this one
        quiesce("before growth end to end");
        var e2eBefore = endToEnds.get("200");
        var e2eAfter = endToEnd(200, " (10× orders)");
        double paidCost = e2eAfter.paid().getValueAtPercentile(99) / (double) e2eBefore.paid().getValueAtPercentile(99) - 1;
        report.row("5 growth", "notification → PAID p99 added with 10× orders @200/s", percent(paidCost) + " ("
                + fmt(e2eBefore.paid().getValueAtPercentile(99) / 1000.0) + " → " + fmt(e2eAfter.paid().getValueAtPercentile(99) / 1000.0)
                + " ms)", "< 10%", e2eBefore.paid().getTotalCount() == 0 || e2eAfter.paid().getTotalCount() == 0 ? Verdict.INFO
                        : Verdict.of(paidCost < 0.10));
        if (e2eBefore.mailed().getTotalCount() == 0 || e2eAfter.mailed().getTotalCount() == 0) {
            report.row("5 growth", "end-to-end p99 added with 10× orders @200/s", "no receipts within 30 s to compare", "< 10%",
                    Verdict.MISSED);
            return;
        }
        double p99Cost = e2eAfter.mailed().getValueAtPercentile(99) / (double) e2eBefore.mailed().getValueAtPercentile(99) - 1;
        report.row("5 growth", "end-to-end p99 added with 10× orders @200/s", percent(p99Cost) + " ("
                + fmt(e2eBefore.mailed().getValueAtPercentile(99) / 1000.0) + " → " + fmt(e2eAfter.mailed().getValueAtPercentile(99) / 1000.0)
                + " ms)", "< 10%", Verdict.of(p99Cost < 0.10));
    }

    // scenario 6

    private void reconciliation() throws Exception {
        Reconciliation.run(paygate, report, http, options);
    }

    // helpers

    record Prepared(List<Shop.Order> orders, List<HttpRequest> requests) {
    }

    /** Orders with started payments and their signed notifications, made before the clock starts. */
    private Prepared prepare(Channel channel, int count) {
        long started = System.nanoTime();
        var orders = shop.ordersWithStartedPayments(count, channel, 32);
        long made = System.nanoTime();
        var requests = orders.parallelStream().map(order -> notifications.of(order).request()).toList();
        report.detail("setup: %d %s orders with started payments in %.1f s, notifications signed in %.1f s".formatted(count, name(channel),
                (made - started) / 1e9, (System.nanoTime() - made) / 1e9));
        return new Prepared(orders, requests);
    }

    /** Waits until {@code expected} receipts are out, at most {@code limit}, and gives up earlier when none went out for 20 s. */
    private long waitForMails(List<String> orders, long expected, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        long mails = mailsSent(orders);
        long lastProgress = System.nanoTime();
        while (mails < expected && System.nanoTime() < deadline && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20)) {
            Thread.sleep(200);
            long now = mailsSent(orders);
            if (now > mails) {
                lastProgress = System.nanoTime();
            }
            mails = now;
        }
        return mails;
    }

    /** Why mails may not come: what the services' outboxes hold, and database sessions stuck in a transaction. */
    private String stuck() {
        var text = new StringBuilder();
        try (Connection db = paygate.database("order-service"); var sql = db.createStatement()) {
            try (var rows = sql.executeQuery("select count(*) from outbox where published_at is null")) {
                rows.next();
                text.append("order-service outbox unpublished ").append(rows.getLong(1));
            }
            try (var rows = sql.executeQuery("select datname, extract(epoch from now() - xact_start)::int, left(query, 60) "
                    + "from pg_stat_activity where state = 'idle in transaction' and now() - xact_start > interval '10 seconds'")) {
                while (rows.next()) {
                    text.append("; idle in transaction ").append(rows.getInt(2)).append(" s in ").append(rows.getString(1))
                            .append(" after '").append(rows.getString(3)).append("…'");
                }
            }
        } catch (SQLException e) {
            text.append("(cannot look: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    private long mailsSent(List<String> orders) throws SQLException {
        try (Connection db = paygate.database("fulfillment-service");
             var query = db.prepareStatement("select count(*) from effects where kind = 'CUSTOMER_MAIL' and status = 'DONE' "
                     + "and fact_key = 'paid:' || order_no and order_no = any(?)")) {
            Array numbers = db.createArrayOf("varchar", orders.toArray());
            query.setArray(1, numbers);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Microseconds from when each order's notification was due to the time the query returns for it. */
    private static Histogram latencies(Paygate paygate, String service, String sql, List<String> orders, Map<String, Instant> dueAt)
            throws SQLException {
        var histogram = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        try (Connection db = paygate.database(service); var query = db.prepareStatement(sql)) {
            query.setArray(1, db.createArrayOf("varchar", orders.toArray()));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant at = rows.getObject(2, OffsetDateTime.class).toInstant();
                    long micros = Duration.between(dueAt.get(rows.getString(1)), at).toNanos() / 1000;
                    histogram.recordValue(Math.max(0, Math.min(micros, histogram.getHighestTrackableValue())));
                }
            }
        }
        return histogram;
    }

    private static Load.Check check(Channel channel) {
        return channel == Channel.ALIPAY ? Load.ALIPAY_SUCCESS : Load.WECHAT_ACCEPTED;
    }

    private static String name(Channel channel) {
        return channel == Channel.ALIPAY ? "alipay" : "wechat";
    }

    private static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f/s", value);
    }

    private static String ms(Load.Result result) {
        return fmt(result.p50Ms()) + " / " + fmt(result.p99Ms()) + " / " + fmt(result.maxMs()) + " ms";
    }

    private static String ms(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return "none";
        }
        return fmt(micros.getValueAtPercentile(50) / 1000.0) + " / " + fmt(micros.getValueAtPercentile(99) / 1000.0) + " / "
                + fmt(micros.getMaxValue() / 1000.0) + " ms";
    }

    private static String fmt(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

}
