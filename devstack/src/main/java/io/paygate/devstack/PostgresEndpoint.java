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

    /** Spring's R2DBC and Flyway settings for one database on this server, creating the database if missing. */
    default java.util.Map<String, String> springProperties(String database) {
        ensureDatabase(database);
        var props = new java.util.LinkedHashMap<String, String>();
        props.put("spring.r2dbc.url", r2dbcUrl(database));
        props.put("spring.r2dbc.username", username());
        props.put("spring.r2dbc.password", password());
        props.put("spring.flyway.url", jdbcUrl(database));
        props.put("spring.flyway.user", username());
        props.put("spring.flyway.password", password());
        return props;
    }

    /** Creates {@code name} on the server {@code admin} connects to, unless it exists. */
    static void createDatabaseIfMissing(javax.sql.DataSource admin, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (var connection = admin.getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    @Override
    void close();
}
