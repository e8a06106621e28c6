package io.securewatch.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * A database of its own for a test class, created and dropped as the unprivileged role {@code securewatch}. By
 * default it lives on the machine's PostgreSQL (127.0.0.1:5432, trust authentication). A test that starts a server
 * of its own passes that server instead. The role and its maintenance database are created by the server's
 * superuser when missing, as on a fresh machine.
 */
public final class ItDatabase implements AutoCloseable {

    public static final String ROLE = "securewatch";
    public static final String PASSWORD = "securewatch";

    /**
     * A PostgreSQL server with trust authentication for {@code adminUser}, the superuser that creates the role
     * and the maintenance database on first use.
     */
    public record Server(String host, int port, String adminUser) {}

    /**
     * The machine's server, or the one that {@code SECUREWATCH_TEST_PG_HOST}, {@code SECUREWATCH_TEST_PG_PORT} and
     * {@code SECUREWATCH_TEST_PG_ADMIN_USER} name.
     */
    public static final Server SHARED = new Server(
            System.getenv().getOrDefault("SECUREWATCH_TEST_PG_HOST", "127.0.0.1"),
            Integer.parseInt(System.getenv().getOrDefault("SECUREWATCH_TEST_PG_PORT", "5432")),
            System.getenv().getOrDefault("SECUREWATCH_TEST_PG_ADMIN_USER", "postgres"));

    final String name = "securewatch_it_" + Instant.now().getEpochSecond() + "_"
            + UUID.randomUUID().toString().substring(0, 8);

    private final Server server;

    /** Creates a database on the {@link #SHARED} server. */
    public ItDatabase() throws SQLException {
        this(SHARED);
    }

    public ItDatabase(Server server) throws SQLException {
        this.server = server;
        try (Connection maintenance = maintenance();
                Statement statement = maintenance.createStatement()) {
            statement.execute("create database " + name);
        }
    }

    /**
     * Returns a libpq connection string to this database as {@link #ROLE}, without the password, for command-line
     * tools such as pg_dump and pg_restore.
     */
    public String connectionString() {
        return "host=" + server.host() + " port=" + server.port() + " dbname=" + name + " user=" + ROLE;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + server.host() + ":" + server.port() + "/" + name;
    }

    String reactiveUrl() {
        return "postgresql://" + server.host() + ":" + server.port() + "/" + name;
    }

    @Override
    public void close() throws SQLException {
        try (Connection maintenance = maintenance();
                Statement statement = maintenance.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }

    private Connection maintenance() throws SQLException {
        String url = "jdbc:postgresql://" + server.host() + ":" + server.port() + "/securewatch_test";
        try {
            return DriverManager.getConnection(url, ROLE, PASSWORD);
        } catch (SQLException e) {
            bootstrap();
            return DriverManager.getConnection(url, ROLE, PASSWORD);
        }
    }

    private void bootstrap() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres",
                        server.adminUser(),
                        "");
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
