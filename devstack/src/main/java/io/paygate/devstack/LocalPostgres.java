package io.paygate.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server started from the embedded binaries, keeping its data in {@code dataDir}.
 * {@link #stop()} and {@link #start()} restart it on the same port with the same data, so a
 * test can take the database away under load and give it back.
 */
public final class LocalPostgres implements PostgresEndpoint {

    private final Path dataDir;
    private int port;
    private EmbeddedPostgres postgres;

    public LocalPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        start();
    }

    /** Starts the server unless it runs; the data folder is kept, so everything committed is there again. */
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "200")
                    .start();
            // 0 asked for any free port: later restarts keep the one it got
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDir, e);
        }
    }

    /** Stops the server (a fast shutdown: open connections are cut, committed data stays). */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            postgres = null;
        }
    }

    public synchronized boolean running() {
        return postgres != null;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public synchronized void ensureDatabase(String name) {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        PostgresEndpoint.createDatabaseIfMissing(postgres.getPostgresDatabase(), name);
    }

    @Override
    public void close() {
        stop();
    }
}
