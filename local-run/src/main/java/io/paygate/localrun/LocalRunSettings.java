package io.paygate.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How the local run is laid out. {@link #fromEnvironment} is what the README's command uses;
 * tests build their own with free ports and a compressed notification schedule.
 *
 * @param dataDir            one folder for everything the run keeps: Kafka log, PostgreSQL data, keys, logs, credentials
 * @param ports              the services' and infrastructure's ports
 * @param kafkaBootstrap     an existing Kafka cluster to use instead of the embedded broker, or null
 * @param postgresJdbcUrl    an existing PostgreSQL (JDBC URL of its {@code postgres} database) instead of the embedded one, or null
 * @param dbUser             user for an existing PostgreSQL
 * @param dbPassword         password for an existing PostgreSQL
 * @param demoApiKey         the demo client app's API key
 * @param adminPassword      the admin's password (user {@code admin})
 * @param notifyRetrySchedule the sandbox's notification retry schedule
 * @param wechatApiV3Key     the WeChat Pay API v3 key the sandbox encrypts notifications with (32 characters)
 * @param extraProperties    settings given to every service (their keys are namespaced), e.g. a faster sweep in tests
 */
public record LocalRunSettings(
        Path dataDir,
        Ports ports,
        String kafkaBootstrap,
        String postgresJdbcUrl,
        String dbUser,
        String dbPassword,
        String demoApiKey,
        String adminPassword,
        List<Duration> notifyRetrySchedule,
        String wechatApiV3Key,
        Map<String, String> extraProperties) {

    /** The real Alipay schedule: 0, +4m, +10m, +10m, +1h, +2h, +6h, +15h. */
    public static final List<Duration> ALIPAY_SCHEDULE = List.of(Duration.ZERO, Duration.ofMinutes(4), Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    public record Ports(int web, int order, int payment, int notifyIngress, int fulfillment, int sandbox, int smtp, int kafka, int postgres) {

        public static Ports defaults() {
            return new Ports(8080, 8081, 8082, 8083, 8084, 8090, 2525, 9092, 15432);
        }

        public static Ports free() {
            return new Ports(p(), p(), p(), p(), p(), p(), p(), p(), p());
        }

        private static int p() {
            return io.paygate.devstack.Ports.free();
        }
    }

    public static LocalRunSettings fromEnvironment(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault("PAYGATE_DATA_DIR", ".paygate")).toAbsolutePath().normalize();
        Properties remembered = credentials(dataDir);
        String apiKey = firstOf(env.get("PAYGATE_DEMO_API_KEY"), remembered.getProperty("demo-api-key"));
        String adminPassword = firstOf(env.get("PAYGATE_ADMIN_PASSWORD"), remembered.getProperty("admin-password"));
        String wechatKey = remembered.getProperty("wechat-api-v3-key");
        var settings = new LocalRunSettings(
                dataDir,
                Ports.defaults(),
                blankToNull(env.get("PAYGATE_KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("PAYGATE_POSTGRES_JDBC_URL")),
                env.getOrDefault("PAYGATE_DB_USER", "postgres"),
                env.getOrDefault("PAYGATE_DB_PASSWORD", ""),
                apiKey != null ? apiKey : "pk_demo_" + random(16),
                adminPassword != null ? adminPassword : random(8),
                ALIPAY_SCHEDULE,
                wechatKey != null ? wechatKey : random(16),
                modes(env));
        rememberCredentials(settings);
        return settings;
    }

    /** The local run's mode switches given in the environment. */
    private static Map<String, String> modes(Map<String, String> env) {
        var modes = new java.util.LinkedHashMap<String, String>();
        if (blankToNull(env.get("PAYGATE_WECHAT_VERIFICATION")) != null) {
            modes.put(WECHAT_VERIFICATION, env.get("PAYGATE_WECHAT_VERIFICATION").strip());
        }
        if (blankToNull(env.get("PAYGATE_SEPARATE_PROCESSES")) != null) {
            modes.put(SEPARATE_PROCESSES, env.get("PAYGATE_SEPARATE_PROCESSES").strip());
        }
        if (blankToNull(env.get("PAYGATE_ALIPAY_MODE")) != null) {
            modes.put(ALIPAY_MODE, env.get("PAYGATE_ALIPAY_MODE").strip());
        }
        return Map.copyOf(modes);
    }

    /** A throw-away layout for tests: temporary folder, free ports, notifications retried within seconds. */
    public static LocalRunSettings forTests(Path dataDir, List<Duration> notifyRetrySchedule, Map<String, String> extraProperties) {
        return new LocalRunSettings(dataDir, Ports.free(), null, null, "postgres", "", "pk_test_" + random(16), random(8),
                notifyRetrySchedule, random(16), extraProperties);
    }

    /**
     * The same layout on a Kafka cluster and a PostgreSQL server someone else runs (e.g. a fault
     * test that kills and restarts them itself).
     */
    public LocalRunSettings withInfrastructure(String kafkaBootstrap, String postgresJdbcUrl) {
        return new LocalRunSettings(dataDir, ports, kafkaBootstrap, postgresJdbcUrl, dbUser, dbPassword, demoApiKey,
                adminPassword, notifyRetrySchedule, wechatApiV3Key, extraProperties);
    }

    /** Which WeChat Pay verification mode the sandbox signs in and the services verify: PUBLIC_KEY (default) or PLATFORM_CERTIFICATE. */
    public String wechatVerification() {
        String mode = extraProperties.getOrDefault(WECHAT_VERIFICATION, "PUBLIC_KEY");
        if (!mode.equals("PUBLIC_KEY") && !mode.equals("PLATFORM_CERTIFICATE")) {
            throw new IllegalArgumentException("PAYGATE_WECHAT_VERIFICATION must be PUBLIC_KEY or PLATFORM_CERTIFICATE, was " + mode);
        }
        return mode;
    }

    /** Alipay's key mode the sandbox and the services run in: PUBLIC_KEY (default) or CERTIFICATE (公钥证书). */
    public String alipayMode() {
        String mode = extraProperties.getOrDefault(ALIPAY_MODE, "PUBLIC_KEY");
        if (!mode.equals("PUBLIC_KEY") && !mode.equals("CERTIFICATE")) {
            throw new IllegalArgumentException("PAYGATE_ALIPAY_MODE must be PUBLIC_KEY or CERTIFICATE, was " + mode);
        }
        return mode;
    }

    /**
     * Services (comma-separated names, or {@code all}) that run in a JVM of their own instead of
     * inside the local run's, among the extra properties. Environment: {@code PAYGATE_SEPARATE_PROCESSES}.
     */
    public static final String SEPARATE_PROCESSES = "paygate.local-run.separate-processes";

    /** Whether the services in JVMs of their own can be halted at crash points (tests only), among the extra properties. */
    public static final String CRASH_POINTS = "paygate.local-run.crash-points";

    /** Whether this service runs in a JVM of its own. The platform sandbox never does. */
    public boolean separateProcess(String service) {
        String names = extraProperties.getOrDefault(SEPARATE_PROCESSES, "").strip();
        if (names.isEmpty() || service.equals("platform-sandbox")) {
            return false;
        }
        return names.equals("all") || java.util.Arrays.stream(names.split(",")).map(String::strip).anyMatch(service::equals);
    }

    public boolean crashPoints() {
        return Boolean.parseBoolean(extraProperties.getOrDefault(CRASH_POINTS, "false"));
    }

    /** The local run's own switch of Alipay's key mode, among the extra properties. */
    public static final String ALIPAY_MODE = "paygate.local-run.alipay-mode";

    /** The local run's own switch of the WeChat Pay verification mode, among the extra properties. */
    public static final String WECHAT_VERIFICATION = "paygate.local-run.wechat-verification";

    public String baseUrl(int port) {
        return "http://localhost:" + port;
    }

    private static Properties credentials(Path dataDir) {
        var props = new Properties();
        Path file = dataDir.resolve("credentials.properties");
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return props;
    }

    /** Generated credentials survive restarts, so a bookmarked admin login keeps working. */
    private static void rememberCredentials(LocalRunSettings settings) {
        var props = new Properties();
        props.setProperty("demo-api-key", settings.demoApiKey());
        props.setProperty("admin-password", settings.adminPassword());
        props.setProperty("wechat-api-v3-key", settings.wechatApiV3Key());
        try {
            Files.createDirectories(settings.dataDir());
            Path file = settings.dataDir().resolve("credentials.properties");
            try (var out = Files.newBufferedWriter(file)) {
                props.store(out, "paygate local run: demo API key, admin password (override with PAYGATE_DEMO_API_KEY / PAYGATE_ADMIN_PASSWORD), sandbox WeChat Pay API v3 key");
            }
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot write credentials into " + settings.dataDir(), e);
        }
    }

    private static String firstOf(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String random(int bytes) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
