package io.securewatch.controlplane.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Gives each test run a database of its own on the shared PostgreSQL server, owned by the unprivileged role
 * {@code securewatch}, and drops it when the run ends. Databases left behind by killed runs are dropped once they
 * are a day old. The server is found through {@code SECUREWATCH_TEST_PG_HOST} and {@code SECUREWATCH_TEST_PG_PORT}
 * (default 127.0.0.1:5432) and administered as {@code SECUREWATCH_TEST_PG_ADMIN_USER} (default postgres) with
 * trust authentication, as on the project's machines.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(TestDatabase.class);

    static final String APP_ROLE = "securewatch";
    static final String APP_PASSWORD = "securewatch";
    private static final String PREFIX = "securewatch_test_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]{8}");
    private static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private static String currentDatabase;

    private String database;

    @Override
    public Map<String, String> start() {
        database = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            dropAbandoned(admin);
            ensureAppRole(admin);
            statement.execute("create database " + database + " owner " + APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Creating the test database failed; is PostgreSQL running at " + host() + ":" + port() + "?", e);
        }
        currentDatabase = database;
        LOG.infof("Test database created: database=%s", database);
        return Map.of(
                "quarkus.datasource.jdbc.url",
                jdbcUrl(database),
                "quarkus.datasource.reactive.url",
                "postgresql://" + host() + ":" + port() + "/" + database,
                "quarkus.datasource.username",
                APP_ROLE,
                "quarkus.datasource.password",
                APP_PASSWORD);
    }

    @Override
    public void stop() {
        if (database == null) {
            return;
        }
        try (Connection admin = adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            LOG.infof("Test database dropped: database=%s", database);
        } catch (SQLException e) {
            LOG.warnf(e, "Dropping the test database failed: database=%s", database);
        }
    }

    /** Opens a connection to the database of the running test application, as its own role. */
    public static Connection appConnection() throws SQLException {
        Objects.requireNonNull(currentDatabase, "the test database has not been created yet");
        return DriverManager.getConnection(jdbcUrl(currentDatabase), APP_ROLE, APP_PASSWORD);
    }

    private static void ensureAppRole(Connection admin) throws SQLException {
        try (PreparedStatement exists = admin.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            exists.setString(1, APP_ROLE);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute(
                    "create role " + APP_ROLE + " login nosuperuser createdb password '" + APP_PASSWORD + "'");
        } catch (SQLException e) {
            // 42710: another test run created the role a moment ago
            if (!"42710".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void dropAbandoned(Connection admin) throws SQLException {
        List<String> abandoned = new ArrayList<>();
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        try (Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select datname from pg_database where datname like '" + PREFIX + "%'")) {
            while (rows.next()) {
                Matcher name = NAME.matcher(rows.getString(1));
                if (name.matches() && Long.parseLong(name.group(1)) < cutoff) {
                    abandoned.add(rows.getString(1));
                }
            }
        }
        for (String name : abandoned) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
                LOG.infof("Abandoned test database dropped: database=%s", name);
            }
        }
    }

    private static Connection adminConnection() throws SQLException {
        String user = System.getenv().getOrDefault("SECUREWATCH_TEST_PG_ADMIN_USER", "postgres");
        return DriverManager.getConnection(jdbcUrl("postgres"), user, "");
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    private static String host() {
        return System.getenv().getOrDefault("SECUREWATCH_TEST_PG_HOST", "127.0.0.1");
    }

    private static String port() {
        return System.getenv().getOrDefault("SECUREWATCH_TEST_PG_PORT", "5432");
    }
}
