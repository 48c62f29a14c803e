package io.paygate.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded KRaft broker in a child JVM (same classpath, {@link KafkaBrokerMain}), so that a
 * test can crash it for real: {@link #kill()} is SIGKILL, with no chance to flush or close
 * anything. {@link #start()} brings it back on the same port and data folder; {@link #stop()}
 * is a clean SIGTERM. The child is killed when this JVM exits.
 */
public final class ProcessKafka implements KafkaEndpoint {

    private static final Logger log = LoggerFactory.getLogger(ProcessKafka.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final List<String> jvmOptions;
    private Process process;

    public ProcessKafka(Path dataDir, int port) {
        this(dataDir, port, List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    }

    public ProcessKafka(Path dataDir, int port, List<String> jvmOptions) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = Ports.free();
        this.jvmOptions = List.copyOf(jvmOptions);
        Runtime.getRuntime().addShutdownHook(new Thread(this::killQuietly, "process-kafka-kill"));
        start();
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker process unless it runs, and returns once the broker answers. */
    @Override
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            var command = new ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(KafkaBrokerMain.class.getName());
            command.add(dataDir.toString());
            command.add(String.valueOf(port));
            command.add(String.valueOf(controllerPort));
            Path output = dataDir.resolve("broker-process.log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker process", e);
        }
        awaitReady();
        log.info("Kafka broker process {} up at {} in {} ms (data in {})", process.pid(), bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), dataDir);
    }

    /** A clean stop (SIGTERM): the broker closes its logs. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        await(process, Duration.ofSeconds(60));
        log.info("Kafka broker process {} stopped", process.pid());
        process = null;
    }

    /** A crash (SIGKILL): the broker gets no chance to flush or close anything. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        await(process, Duration.ofSeconds(30));
        log.info("Kafka broker process {} killed", process.pid());
        process = null;
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker process exited with " + process.exitValue()
                            + "; see " + dataDir.resolve("broker-process.log"));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new IllegalStateException("the broker process did not come up within " + START_TIMEOUT, e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static void await(Process process, Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private synchronized void killQuietly() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
