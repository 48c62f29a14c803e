package io.paygate.localrun;

import io.paygate.common.keys.AlipayCertificates;
import io.paygate.devstack.KafkaEndpoint;
import io.paygate.devstack.MailSink;
import io.paygate.devstack.PostgresEndpoint;
import io.paygate.devstack.EmbeddedKafka;
import io.paygate.devstack.LocalPostgres;
import io.paygate.fulfillment.FulfillmentServiceApplication;
import io.paygate.notify.NotifyIngressApplication;
import io.paygate.order.OrderServiceApplication;
import io.paygate.payment.PaymentServiceApplication;
import io.paygate.sandbox.PlatformSandboxApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system on one machine: a real Kafka broker, PostgreSQL, an SMTP sink, the
 * platform sandbox and the four services, each service on its own port with its own
 * configuration, wired to each other. Everything it keeps lives in one data folder.
 */
public final class LocalRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRun.class);
    /** A service in a JVM of its own gets a quarter of a gigabyte of heap: the budget issue #9 sets each service. */
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    /** Tests restart services often and run them briefly: the quick compiler alone starts them sooner. */
    private static final List<String> TEST_SERVICE_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-XX:TieredStopAtLevel=1");
    private static final String NO_DATABASE = String.join(",",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcInitializationAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.health.ConnectionFactoryHealthContributorAutoConfiguration",
            "org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration");

    private final LocalRunSettings settings;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private KafkaEndpoint kafka;
    private PostgresEndpoint postgres;
    private MailSink mail;
    private PlatformKeys keys;
    private DemoWeb web;

    private LocalRun(LocalRunSettings settings) {
        this.settings = settings;
    }

    public static LocalRun start(LocalRunSettings settings) {
        quietInfrastructureLogs();
        var run = new LocalRun(settings);
        try {
            run.startAll();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LocalRun run = start(LocalRunSettings.fromEnvironment(System.getenv()));
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            run.close();
            System.out.println("paygate stopped; data kept in " + run.settings().dataDir());
            stopped.countDown();
        }, "paygate-local-run-stop"));
        System.out.println(run.banner(Duration.ofNanos(System.nanoTime() - started)));
        stopped.await();
    }

    /**
     * The broker and the database start before any service configures logging; without this
     * the broker alone prints thousands of lines at start.
     */
    private static void quietInfrastructureLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger", "io.zonky", "org.testcontainers",
                    "com.icegreen")) {
                context.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
            }
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    private void startAll() {
        keys = PlatformKeys.ensure(settings.dataDir().resolve("keys"));
        kafka = track(settings.kafkaBootstrap() != null ? new ExternalKafka(settings.kafkaBootstrap())
                : new EmbeddedKafka(settings.dataDir().resolve("kafka"), settings.ports().kafka()));
        postgres = track(settings.postgresJdbcUrl() != null
                ? new ExternalPostgres(settings.postgresJdbcUrl(), settings.dbUser(), settings.dbPassword())
                : new LocalPostgres(settings.dataDir().resolve("postgres"), settings.ports().postgres()));
        mail = track(new MailSink(settings.ports().smtp()));
        var ports = settings.ports();

        String sandbox = settings.baseUrl(ports.sandbox());
        String notify = settings.baseUrl(ports.notifyIngress());
        String retries = settings.notifyRetrySchedule().stream().map(d -> d.toMillis() + "ms").collect(Collectors.joining(","));
        String verification = settings.wechatVerification();
        boolean alipayCertificates = "CERTIFICATE".equals(settings.alipayMode());
        var certs = alipayCertificates ? AlipayCertificates.ensureLocalSet(settings.dataDir().resolve("keys")) : null;
        service("platform-sandbox", PlatformSandboxApplication.class, PlatformSandboxApplication::builder, ports.sandbox(), null, properties(
                "spring.autoconfigure.exclude", NO_DATABASE,
                "paygate.sandbox.alipay.platform-private-key.file", keys.alipayPlatformPrivate().toString(),
                "paygate.sandbox.alipay.app-public-key.file", keys.alipayAppPublic().toString(),
                "paygate.sandbox.alipay.notify-retry-schedule", retries,
                "paygate.sandbox.alipay.public-base-url", sandbox,
                "paygate.sandbox.alipay.mode", settings.alipayMode(),
                "paygate.sandbox.alipay.root-cert.file", certs == null ? "" : certs.rootCert().toString(),
                "paygate.sandbox.alipay.alipay-public-cert.file", certs == null ? "" : certs.alipayPublicCert().toString(),
                "paygate.sandbox.alipay.app-cert.file", certs == null ? "" : certs.appCert().toString(),
                // a bill for today from the sandbox's trades so far, so a new user can reconcile today from the console
                "paygate.sandbox.alipay.bill-for-today", "true",
                "paygate.sandbox.wechat.enabled", "true",
                "paygate.sandbox.wechat.mchid", WechatMerchant.MCHID,
                "paygate.sandbox.wechat.appid", WechatMerchant.APPID,
                "paygate.sandbox.wechat.merchant-serial", WechatMerchant.SERIAL,
                "paygate.sandbox.wechat.merchant-public-key.file", keys.wechatMerchantPublic().toString(),
                "paygate.sandbox.wechat.platform-private-key.file", keys.wechatPlatformPrivate().toString(),
                "paygate.sandbox.wechat.public-key-id", WechatMerchant.PUBLIC_KEY_ID,
                "paygate.sandbox.wechat.api-v3-key", settings.wechatApiV3Key(),
                "paygate.sandbox.wechat.notify-retry-schedule", retries,
                "paygate.sandbox.wechat.refund-delay", "1s",
                "paygate.sandbox.wechat.signing", verification,
                "paygate.sandbox.wechat.public-base-url", sandbox,
                "paygate.sandbox.wechat.bill-for-today", "true"));
        // in certificate mode notify-ingress trusts the sandbox's platform certificate, as a merchant configures WeChat Pay's
        Path platformCertificate = "PLATFORM_CERTIFICATE".equals(verification) ? wechatPlatformCertificate(sandbox) : null;
        service("order-service", OrderServiceApplication.class, OrderServiceApplication::builder, ports.order(), "paygate_order", properties(
                "paygate.order.bootstrap-client.api-key", settings.demoApiKey(),
                "paygate.order.admin.username", "admin",
                "paygate.order.admin.password", settings.adminPassword()));
        service("payment-service", PaymentServiceApplication.class, PaymentServiceApplication::builder, ports.payment(), "paygate_payment", properties(
                "paygate.payment.order-service-url", settings.baseUrl(ports.order()),
                "paygate.alipay.app-id", AlipayApp.APP_ID,
                "paygate.alipay.gateway-url", sandbox + "/alipay/gateway.do",
                "paygate.alipay.app-private-key.file", keys.alipayAppPrivate().toString(),
                "paygate.alipay.alipay-public-key.file", keys.alipayPlatformPublic().toString(),
                "paygate.alipay.notify-url", notify + "/notify/alipay",
                "paygate.alipay.return-url", notify + "/return/alipay",
                "paygate.alipay.mode", settings.alipayMode(),
                "paygate.alipay.app-cert.file", certs == null ? "" : certs.appCert().toString(),
                "paygate.alipay.alipay-public-cert.file", certs == null ? "" : certs.alipayPublicCert().toString(),
                "paygate.alipay.root-cert.file", certs == null ? "" : certs.rootCert().toString(),
                "paygate.payment.admin.password", settings.adminPassword(),
                "paygate.wechat.enabled", "true",
                "paygate.wechat.mchid", WechatMerchant.MCHID,
                "paygate.wechat.appid", WechatMerchant.APPID,
                "paygate.wechat.merchant-serial", WechatMerchant.SERIAL,
                "paygate.wechat.merchant-private-key.file", keys.wechatMerchantPrivate().toString(),
                "paygate.wechat.api-v3-key", settings.wechatApiV3Key(),
                "paygate.wechat.verification", verification,
                "paygate.wechat.public-key-id", WechatMerchant.PUBLIC_KEY_ID,
                "paygate.wechat.public-key.file", keys.wechatPlatformPublic().toString(),
                "paygate.wechat.base-url", sandbox,
                "paygate.wechat.notify-url", notify + "/notify/wechat/payment",
                "paygate.wechat.refund-notify-url", notify + "/notify/wechat/refund"));
        service("notify-ingress", NotifyIngressApplication.class, NotifyIngressApplication::builder, ports.notifyIngress(), null, properties(
                "spring.autoconfigure.exclude", NO_DATABASE,
                "paygate.alipay.app-id", AlipayApp.APP_ID,
                "paygate.alipay.seller-id", AlipayApp.SELLER_ID,
                "paygate.alipay.alipay-public-key.file", keys.alipayPlatformPublic().toString(),
                "paygate.notify.return-redirect-url", settings.baseUrl(ports.web()) + "/result",
                "paygate.alipay.mode", settings.alipayMode(),
                "paygate.alipay.alipay-public-cert.file", certs == null ? "" : certs.alipayPublicCert().toString(),
                "paygate.alipay.root-cert.file", certs == null ? "" : certs.rootCert().toString(),
                "paygate.notify.payment-service-url", settings.baseUrl(ports.payment()),
                "paygate.wechat.enabled", "true",
                "paygate.wechat.mchid", WechatMerchant.MCHID,
                "paygate.wechat.appid", WechatMerchant.APPID,
                "paygate.wechat.api-v3-key", settings.wechatApiV3Key(),
                "paygate.wechat.verification", verification,
                "paygate.wechat.public-keys[0].id", WechatMerchant.PUBLIC_KEY_ID,
                "paygate.wechat.public-keys[0].key.file", keys.wechatPlatformPublic().toString(),
                "paygate.wechat.public-keys[0].key.value", "",
                "paygate.wechat.platform-certificates[0].file", platformCertificate == null ? "" : platformCertificate.toString(),
                "paygate.wechat.platform-certificates[0].value", ""));
        service("fulfillment-service", FulfillmentServiceApplication.class, FulfillmentServiceApplication::builder, ports.fulfillment(), "paygate_fulfillment", properties(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(ports.smtp()),
                "paygate.fulfillment.admin.username", "admin",
                "paygate.fulfillment.admin.password", settings.adminPassword(),
                "paygate.fulfillment.admin.console-url", settings.baseUrl(ports.fulfillment()) + "/console",
                "paygate.fulfillment.console.order-service-url", settings.baseUrl(ports.order()),
                "paygate.fulfillment.console.payment-service-url", settings.baseUrl(ports.payment())));
        web = track(new DemoWeb(settings, mail, true));
        web.seed();
    }

    /** The sandbox's current WeChat Pay platform certificate, kept beside the keys. */
    private Path wechatPlatformCertificate(String sandbox) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(sandbox + "/sandbox/wechat/keys")).timeout(Duration.ofSeconds(10)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String pem = null;
            for (var key : tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body())) {
                if (key.path("active").asBoolean()) {
                    pem = key.get("certificatePem").asString();
                }
            }
            if (response.statusCode() != 200 || pem == null) {
                throw new IllegalStateException("the sandbox listed no active WeChat Pay certificate: " + response.statusCode());
            }
            Path file = settings.dataDir().resolve("keys").resolve("wechat-platform-certificate.pem");
            java.nio.file.Files.writeString(file, pem);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the sandbox's WeChat Pay certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sandbox's WeChat Pay merchant, which the services are configured to be. */
    static final class WechatMerchant {
        static final String MCHID = "1900000001";
        static final String APPID = "wx0000000000000001";
        static final String SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
        static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000000012025010100000000000001";

        private WechatMerchant() {
        }
    }

    /** Name, value, name, value, … in order. */
    private static Map<String, String> properties(String... namesAndValues) {
        var properties = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            properties.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    /** The sandbox's default merchant application, which the services are configured to be. */
    static final class AlipayApp {
        static final String APP_ID = "2021000000000001";
        static final String SELLER_ID = "2088000000000001";

        private AlipayApp() {
        }
    }

    private void service(String name, Class<?> application, Supplier<SpringApplicationBuilder> builder, int port,
                         String database, Map<String, String> own) {
        long started = System.nanoTime();
        var props = new LinkedHashMap<String, Object>();
        props.put("server.port", port);
        props.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("paygate.kafka.replicas", 1);
        props.put("spring.main.banner-mode", "off");
        // the local run stops services itself, in order, before the broker and the database
        props.put("spring.main.register-shutdown-hook", false);
        // one logging system serves every service of this JVM: name none of them on each line
        props.put("logging.include-application-name", false);
        props.put("logging.structured.ecs.service.name", "paygate-local-run");
        props.put("logging.register-shutdown-hook", false);
        props.put("logging.file.name", settings.dataDir().resolve("logs").resolve("paygate.log").toString());
        props.put("logging.level.org.apache.kafka", "WARN");
        props.put("logging.level.kafka", "WARN");
        props.put("logging.level.state.change.logger", "WARN");
        props.put("logging.level.io.zonky", "WARN");
        props.put("logging.level.org.springframework.kafka", "WARN");
        if (database != null) {
            props.putAll(postgres.springProperties(database));
        }
        props.putAll(own);
        props.putAll(settings.extraProperties());
        if (settings.separateProcess(name)) {
            // a JVM of its own: its own log file, and a graceful stop of its own on SIGTERM
            props.put("spring.main.register-shutdown-hook", true);
            props.put("logging.register-shutdown-hook", true);
            props.put("logging.include-application-name", true);
            props.put("logging.file.name", settings.dataDir().resolve("logs").resolve(name + ".log").toString());
            var args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
            var process = new ServiceProcess(name, application, port, args, settings.dataDir().resolve("processes"),
                    settings.crashPoints() ? TEST_SERVICE_JVM_OPTIONS : SERVICE_JVM_OPTIONS, settings.crashPoints());
            processes.put(name, process);
            process.start();
            return;
        }
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = builder.get().run(args);
        services.put(name, context);
        log.info("{} up on port {} in {} ms", name, port, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    public LocalRunSettings settings() {
        return settings;
    }

    public KafkaEndpoint kafka() {
        return kafka;
    }

    public MailSink mail() {
        return mail;
    }

    public PlatformKeys keys() {
        return keys;
    }

    /** A service running inside this JVM, or null when it runs in a process of its own. */
    public ConfigurableApplicationContext service(String name) {
        return services.get(name);
    }

    /** A service running in a JVM of its own ({@link LocalRunSettings#SEPARATE_PROCESSES}), or null. */
    public ServiceProcess process(String name) {
        return processes.get(name);
    }

    String banner(Duration startup) {
        var p = settings.ports();
        String u = "http://localhost:";
        return """

                paygate is running (ready in %.1f s; data in %s)

                  Shop: create and pay an order    %s%d/
                  Received mail (SMTP sink)        %s%d/mail
                  Admin messages                   %s%d/admin   (live stream: %s%d/admin/v1/stream)
                  Alipay sandbox trades            %s%d/sandbox/alipay/trades

                  Demo client API key              %s
                  Admin login                      admin / %s

                  order-service        %s%d/swagger-ui.html
                  payment-service      %s%d/swagger-ui.html
                  notify-ingress       %s%d/swagger-ui.html
                  fulfillment-service  %s%d/swagger-ui.html
                  platform-sandbox     %s%d  (Alipay gateway %s%d/alipay/gateway.do)

                  Kafka %s   PostgreSQL %s:%d   SMTP 127.0.0.1:%d   keys in %s

                Press Ctrl-C to stop.
                """.formatted(startup.toMillis() / 1000.0, settings.dataDir(),
                u, p.web(), u, p.web(), u, p.web(), u, p.fulfillment(), u, p.sandbox(),
                settings.demoApiKey(), settings.adminPassword(),
                u, p.order(), u, p.payment(), u, p.notifyIngress(), u, p.fulfillment(), u, p.sandbox(), u, p.sandbox(),
                kafka.bootstrapServers(), postgres.host(), postgres.port(), mail.port(), settings.dataDir().resolve("keys"));
    }

    /** Stops the services first (newest first), then the sandbox, the mail sink, PostgreSQL and Kafka. */
    @Override
    public synchronized void close() {
        if (web != null) {
            web.close();
            resources.remove(web);
            web = null;
        }
        var running = new ArrayList<AutoCloseable>(services.values());
        running.addAll(processes.values());
        java.util.Collections.reverse(running);
        services.clear();
        processes.clear();
        for (AutoCloseable service : running) {
            try {
                service.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", service, e.toString());
            }
        }
        var rest = new ArrayList<>(resources);
        java.util.Collections.reverse(rest);
        for (AutoCloseable resource : rest) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
