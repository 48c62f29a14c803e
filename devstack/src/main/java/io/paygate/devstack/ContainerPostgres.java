package io.paygate.devstack;

import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a container, where a Docker engine runs. */
final class ContainerPostgres implements PostgresEndpoint {

    private final PostgreSQLContainer container;

    ContainerPostgres(String image) {
        container = new PostgreSQLContainer(image);
        container.start();
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(5432);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void ensureDatabase(String name) {
        var admin = new PGSimpleDataSource();
        admin.setUrl(container.getJdbcUrl());
        admin.setUser(username());
        admin.setPassword(password());
        PostgresEndpoint.createDatabaseIfMissing(admin, name);
    }

    @Override
    public void close() {
        container.stop();
    }
}
