package io.paygate.localrun;

import io.paygate.devstack.PostgresEndpoint;
import java.net.URI;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL server someone else runs, given as a JDBC URL to any database on it (usually {@code postgres}). */
final class ExternalPostgres implements PostgresEndpoint {

    private final String adminJdbcUrl;
    private final String host;
    private final int port;
    private final String username;
    private final String password;

    ExternalPostgres(String adminJdbcUrl, String username, String password) {
        if (!adminJdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("PAYGATE_POSTGRES_JDBC_URL must look like jdbc:postgresql://host:port/postgres");
        }
        URI uri = URI.create(adminJdbcUrl.substring("jdbc:".length()));
        this.adminJdbcUrl = adminJdbcUrl;
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.username = username;
        this.password = password;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void ensureDatabase(String name) {
        var admin = new PGSimpleDataSource();
        admin.setUrl(adminJdbcUrl);
        admin.setUser(username);
        admin.setPassword(password);
        PostgresEndpoint.createDatabaseIfMissing(admin, name);
    }

    @Override
    public void close() {
    }
}
