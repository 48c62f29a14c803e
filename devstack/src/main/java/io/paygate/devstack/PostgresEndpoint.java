package io.paygate.devstack;

/** A PostgreSQL server with one database per service. */
public interface PostgresEndpoint extends AutoCloseable {

    String host();

    int port();

    String username();

    String password();

    /** Creates the database unless it exists. */
    void ensureDatabase(String name);

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    @Override
    void close();
}
