package io.securewatch.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * A database of its own for a test class on the machine's PostgreSQL (127.0.0.1:5432, trust authentication),
 * created and dropped as the unprivileged role {@code securewatch}. The role and its maintenance database are
 * created as {@code postgres} when missing, as on a fresh machine.
 */
public final class ItDatabase implements AutoCloseable {

    public static final String ROLE = "securewatch";
    public static final String PASSWORD = "securewatch";
    private static final String HOST = System.getenv().getOrDefault("SECUREWATCH_TEST_PG_HOST", "127.0.0.1");
    private static final String PORT = System.getenv().getOrDefault("SECUREWATCH_TEST_PG_PORT", "5432");

    final String name = "securewatch_it_" + Instant.now().getEpochSecond() + "_"
            + UUID.randomUUID().toString().substring(0, 8);

    public ItDatabase() throws SQLException {
        try (Connection maintenance = maintenance();
                Statement statement = maintenance.createStatement()) {
            statement.execute("create database " + name);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    String reactiveUrl() {
        return "postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection maintenance = maintenance();
                Statement statement = maintenance.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static Connection maintenance() throws SQLException {
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/securewatch_test";
        try {
            return DriverManager.getConnection(url, ROLE, PASSWORD);
        } catch (SQLException e) {
            bootstrap();
            return DriverManager.getConnection(url, ROLE, PASSWORD);
        }
    }

    private static void bootstrap() throws SQLException {
        String admin = System.getenv().getOrDefault("SECUREWATCH_TEST_PG_ADMIN_USER", "postgres");
        try (Connection connection =
                        DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", admin, "");
                Statement statement = connection.createStatement()) {
            statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + ROLE + "') then"
                    + " create role " + ROLE + " login nosuperuser createdb password '" + PASSWORD
                    + "'; end if; end $$");
            if (!statement
                    .executeQuery("select 1 from pg_database where datname = 'securewatch_test'")
                    .next()) {
                statement.execute("create database securewatch_test owner " + ROLE);
            }
        }
    }
}
