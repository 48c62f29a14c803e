package io.paygate.localrun;

import static org.awaitility.Awaitility.await;

import io.paygate.devstack.LocalPostgres;
import io.paygate.devstack.Ports;
import io.paygate.devstack.ProcessKafka;
import io.paygate.devstack.Stack;
import io.paygate.devstack.TopicRecorder;
import io.paygate.localrun.check.AdminMessageRecorder;
import io.paygate.localrun.check.CheckReport;
import io.paygate.localrun.check.Checker;
import io.paygate.localrun.check.OrderState;
import io.paygate.localrun.check.SandboxTruth;
import io.paygate.localrun.check.SystemStateReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system once per fault-test class (stopped after it, services first and the broker
 * last), on infrastructure the tests may break: the broker in a child process (so it can be
 * SIGKILLed) and a PostgreSQL they can restart. The
 * sandbox retries notifications within seconds, and the lost-notification sweep asks every
 * {@link #SWEEP_INTERVAL}. Each test checks only its own orders, so the tests can share it.
 */
final class FaultSystem {

    private static final Logger log = LoggerFactory.getLogger(FaultSystem.class);

    /** How long after a payment attempt starts, and then between checks, the sweep asks the platform. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(4);

    /**
     * The sandbox's retry schedule, compressed from Alipay's 25 hours to about 80 seconds: long
     * enough to outlast the CI-size outages and two broker restarts.
     */
    static final List<Duration> RETRIES = List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofSeconds(10));

    private static FaultSystem instance;

    final ProcessKafka kafka;
    final LocalPostgres postgres;
    final LocalRun run;
    final TopicRecorder topics;
    final AdminMessageRecorder admin;
    final Shop shop;
    private final SandboxTruth truth;
    private final SystemStateReader state;

    private FaultSystem(Path dataDir, boolean serviceProcesses) {
        kafka = new ProcessKafka(dataDir.resolve("kafka"), Ports.free());
        postgres = new LocalPostgres(dataDir.resolve("postgres"), Ports.free());
        long sweep = SWEEP_INTERVAL.toMillis();
        var properties = new LinkedHashMap<String, String>(Map.of(
                "paygate.payment.sweep.schedule", sweep + "ms," + sweep + "ms",
                "paygate.payment.sweep.repeat-every", sweep + "ms",
                "paygate.payment.sweep.interval", "500ms"));
        // the shipped defaults are what the tests prove; these overrides exist to try a fix
        override(properties, "paygate.faults.ackTimeout", "paygate.kafka.ack-timeout");
        override(properties, "paygate.faults.sweepBatch", "paygate.payment.sweep.batch");
        if (serviceProcesses) {
            properties.put(LocalRunSettings.SEPARATE_PROCESSES, "all");
            properties.put(LocalRunSettings.CRASH_POINTS, "true");
            // a consumer that died holds its partitions until its session times out (Kafka's default:
            // 45 s); the broker's lowest allowed, so a restarted service resumes within seconds
            properties.put("spring.kafka.consumer.properties[session.timeout.ms]", "6000");
            properties.put("spring.kafka.consumer.properties[heartbeat.interval.ms]", "1500");
            // a mail claimed by a worker that died is sent again when its claim runs out (2 min by default)
            properties.put("paygate.fulfillment.delivery.lease", "10s");
        }
        var settings = LocalRunSettings.forTests(dataDir, RETRIES, properties)
                .withInfrastructure(kafka.bootstrapServers(), postgres.jdbcUrl("postgres"));
        run = LocalRun.start(settings);
        topics = new TopicRecorder(kafka.bootstrapServers(), "paygate.order.v1", "paygate.payment.v1", "paygate.notify.raw.v1");
        admin = new AdminMessageRecorder(settings.baseUrl(settings.ports().fulfillment()), adminAuthorization(settings));
        shop = new Shop(run);
        truth = new SandboxTruth(settings.baseUrl(settings.ports().sandbox()), List.of(SandboxTruth.ALIPAY, SandboxTruth.WECHAT));
        var orderDb = postgres.springProperties("paygate_order");
        state = new SystemStateReader(orderDb.get("spring.flyway.url"), orderDb.get("spring.flyway.user"),
                orderDb.get("spring.flyway.password"), topics, run.mail(), admin);
    }

    private static void override(Map<String, String> properties, String systemProperty, String setting) {
        String value = System.getProperty(systemProperty);
        if (value != null && !value.isBlank()) {
            log.warn("fault tests run with {}={} instead of the shipped default", setting, value);
            properties.put(setting, value);
        }
    }

    /** The system, started on first use; stopped after the last test of the run by {@link Lifecycle}. */
    static synchronized FaultSystem get() {
        if (instance == null) {
            instance = new FaultSystem(Stack.temporaryDataDir(), false);
        }
        return instance;
    }

    /**
     * The system with each of the four services in a JVM of its own, which a test can kill or
     * halt at a crash point while the rest runs on; started on first use, stopped like {@link #get()}'s.
     */
    static synchronized FaultSystem withServiceProcesses() {
        if (instance == null) {
            instance = new FaultSystem(Stack.temporaryDataDir(), true);
        }
        return instance;
    }

    /** A service of {@link #withServiceProcesses()}. */
    ServiceProcess process(String service) {
        ServiceProcess process = run.process(service);
        if (process == null) {
            throw new IllegalStateException(service + " runs inside the test's JVM, not in a process of its own");
        }
        return process;
    }

    /**
     * One system per test class, stopped after it: a system kept across classes stops answering
     * when another class closes its own local run in between, because closing a web application
     * context disposes Reactor Netty's event loops, which every server in the JVM shares.
     */
    static final class Lifecycle implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            stopInstance();
        }
    }

    private static synchronized void stopInstance() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    /** The checker over these orders, once. */
    CheckReport check(Collection<String> orderNos) {
        Set<String> scope = new HashSet<>(orderNos);
        var trades = truth.trades().stream().filter(t -> scope.contains(t.outTradeNo())).toList();
        return Checker.check(trades, state.read(scope));
    }

    /**
     * Waits until the checker finds these orders settled: no defect, {@code paid} of them paid at
     * the platform, and each paid one mailed and announced once; then for a few seconds more, so
     * that a late duplicate would still be seen. Prints the checker's line and returns the report.
     */
    CheckReport awaitSettled(String scenario, Collection<String> orderNos, int paid, Duration atMost) {
        var last = new AtomicReference<CheckReport>();
        try {
            await(scenario + " settled").atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
                CheckReport report = check(orderNos);
                last.set(report);
                return report.clean() && report.paid() == paid && report.mails() == paid && report.adminMessages() == paid;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(scenario + " did not settle with " + paid + " paid orders: " + last.get(), e);
        }
        await(scenario + " stays settled").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    CheckReport report = check(orderNos);
                    last.set(report);
                    return report.clean() && report.mails() == paid && report.adminMessages() == paid;
                });
        CheckReport report = last.get();
        log.info("{}: {}", scenario, report);
        System.out.println("[" + scenario + "] " + report.line());
        return report;
    }

    /** fulfillment-service's effects (mails, robot messages) of this order not yet DONE. */
    int unfinishedEffects(String orderNo) {
        var db = postgres.springProperties("paygate_fulfillment");
        try (var connection = java.sql.DriverManager.getConnection(db.get("spring.flyway.url"), db.get("spring.flyway.user"),
                db.get("spring.flyway.password"));
             var query = connection.prepareStatement("select count(*) from effects where order_no = ? and status <> 'DONE'")) {
            query.setString(1, orderNo);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read fulfillment-service's effects", e);
        }
    }

    /** Our state of these orders, as the checker sees it. */
    List<OrderState> states(Collection<String> orderNos) {
        return state.read(orderNos);
    }

    /** The report as it is now, for an assertion message when settling timed out. */
    String describe(Collection<String> orderNos) {
        return check(orderNos).toString();
    }

    private static String adminAuthorization(LocalRunSettings settings) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + settings.adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    private void close() {
        admin.close();
        topics.close();
        run.close();
        kafka.close();
        postgres.close();
    }
}
