package io.paygate.localrun;

import io.paygate.common.faults.CrashPoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service in a JVM of its own (same class path as the local run), so that it can die alone
 * while the rest of the system runs on: {@link #kill()} is SIGKILL, and a crash point armed with
 * {@link #armCrash} halts it from inside at an exact place. {@link #start()} brings it back with
 * the same configuration and waits until it reports ready. The child dies with this JVM.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final String mainClass;
    private final String classPath;
    private final int port;
    private final Path argumentsFile;
    private final Path output;
    private final Path crashControl;
    private final List<String> jvmOptions;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    ServiceProcess(String name, Class<?> application, int port, List<String> arguments, Path dir, List<String> jvmOptions,
                   boolean crashPoints) {
        this.name = name;
        this.mainClass = application.getName();
        this.classPath = classPath(application);
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        try {
            Files.createDirectories(dir);
            this.argumentsFile = dir.resolve(name + ".args");
            Files.deleteIfExists(argumentsFile);
            Files.createFile(argumentsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(argumentsFile, arguments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the arguments of " + name, e);
        }
        this.output = dir.resolve(name + "-process.log");
        this.crashControl = crashPoints ? dir.resolve(name + ".crash") : null;
        Runtime.getRuntime().addShutdownHook(new Thread(this::killQuietly, name + "-process-kill"));
    }

    public String name() {
        return name;
    }

    /** How many times the process was started. */
    public synchronized int starts() {
        return starts;
    }

    /** Starts the process unless it runs, and returns once the service reports ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        long started = System.nanoTime();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (crashControl != null) {
            command.add("-D" + CrashPoints.CONTROL_FILE_PROPERTY + "=" + crashControl);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(ServiceMain.class.getName());
        command.add(mainClass);
        command.add(argumentsFile.toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        starts++;
        awaitReady();
        log.info("{} process {} ready on port {} in {} ms", name, process.pid(), port,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Arms a crash point in the running process: the first thread to reach it halts the JVM.
     *
     * @param point a crash point's name, optionally {@code :detail} (see {@link CrashPoints})
     */
    public void armCrash(String point) {
        if (crashControl == null) {
            throw new IllegalStateException(name + " was started without crash points");
        }
        try {
            Files.writeString(crashControl, point);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot arm " + point + " in " + name, e);
        }
    }

    /** Whether a crash point is armed and not yet reached. */
    public boolean crashArmed() {
        return crashControl != null && Files.exists(crashControl);
    }

    /** Waits for the process to end by itself and answers its exit code. */
    public int awaitExit(Duration atMost) {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            throw new IllegalStateException(name + " is not running");
        }
        try {
            if (!current.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " was still running after " + atMost);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            if (process == current) {
                process = null;
            }
        }
        return current.exitValue();
    }

    /** A crash (SIGKILL): no shutdown hook runs, nothing is flushed or committed. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
            process = null;
        }
    }

    /** A clean stop (SIGTERM): the service shuts down gracefully. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            if (!waitFor(process, Duration.ofSeconds(60))) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    public synchronized boolean running() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * The class path the application was loaded from: the JVM's own, or — when the local run was
     * loaded by a class loader of its own, as {@code mvn exec:java} does — that loader's.
     */
    private static String classPath(Class<?> application) {
        var entries = new ArrayList<String>();
        if (application.getClassLoader() instanceof java.net.URLClassLoader urls) {
            for (java.net.URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException notAFile) {
                    // not on the local file system: the child could not use it either
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(java.io.File.pathSeparator, entries);
    }

    private void awaitReady() {
        var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see " + output);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + START_TIMEOUT + "; see " + output);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean waitFor(Process process, Duration atMost) {
        try {
            return process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void killQuietly() {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
        }
    }
}
