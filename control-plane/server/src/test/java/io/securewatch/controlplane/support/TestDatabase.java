package io.securewatch.controlplane.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
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
 * Gives each test run a database of its own on the shared PostgreSQL server and drops it when the run ends.
 * Everything runs as the unprivileged role {@code securewatch} (login, createdb), connected to its maintenance
 * database {@code securewatch_test}; databases left behind by killed runs are dropped once they are a day old.
 * When the role or the maintenance database is missing, as on a fresh machine, they are created once as
 * {@code SECUREWATCH_TEST_PG_ADMIN_USER} (default postgres) with trust authentication, as on the project's
 * machines. The server is found through {@code SECUREWATCH_TEST_PG_HOST} and {@code SECUREWATCH_TEST_PG_PORT}
 * (default 127.0.0.1:5432).
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(TestDatabase.class);

    static final String APP_ROLE = "securewatch";
    static final String APP_PASSWORD = "securewatch";
    static final String MAINTENANCE_DATABASE = "securewatch_test";
    private static final String INVALID_AUTHORIZATION = "28000";
    private static final String INVALID_PASSWORD = "28P01";
    private static final String UNKNOWN_DATABASE = "3D000";
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String PREFIX = "securewatch_test_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]{8}");
    private static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    /**
     * System property holding the name of the current test database. A system property rather than a static
     * field, because the test and the resource may see this class through different class loaders.
     */
    private static final String DATABASE_PROPERTY = "securewatch.test.database";

    private String database;

    @Override
    public Map<String, String> start() {
        database = PREFIX + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection maintenance = maintenanceConnection();
                Statement statement = maintenance.createStatement()) {
            dropAbandoned(maintenance);
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Creating the test database failed; is PostgreSQL running at " + host() + ":" + port() + "?", e);
        }
        System.setProperty(DATABASE_PROPERTY, database);
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
        try (Connection maintenance = maintenanceConnection();
                Statement statement = maintenance.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            LOG.infof("Test database dropped: database=%s", database);
        } catch (SQLException e) {
            LOG.warnf(e, "Dropping the test database failed: database=%s", database);
        }
    }

    /** Opens a connection to the database of the running test application, as its own role. */
    public static Connection appConnection() throws SQLException {
        String database = Objects.requireNonNull(
                System.getProperty(DATABASE_PROPERTY), "the test database has not been created yet");
        return DriverManager.getConnection(jdbcUrl(database), APP_ROLE, APP_PASSWORD);
    }

    /** Connects as the test role, creating the role and its maintenance database first when they are missing. */
    private static Connection maintenanceConnection() throws SQLException {
        try {
            return DriverManager.getConnection(jdbcUrl(MAINTENANCE_DATABASE), APP_ROLE, APP_PASSWORD);
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (!INVALID_AUTHORIZATION.equals(state)
                    && !INVALID_PASSWORD.equals(state)
                    && !UNKNOWN_DATABASE.equals(state)) {
                throw e;
            }
            bootstrap();
            return DriverManager.getConnection(jdbcUrl(MAINTENANCE_DATABASE), APP_ROLE, APP_PASSWORD);
        }
    }

    private static void bootstrap() throws SQLException {
        String adminUser = System.getenv().getOrDefault("SECUREWATCH_TEST_PG_ADMIN_USER", "postgres");
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, "")) {
            executeIgnoring(
                    admin,
                    "create role " + APP_ROLE + " login nosuperuser createdb password '" + APP_PASSWORD + "'",
                    DUPLICATE_OBJECT);
            executeIgnoring(
                    admin, "create database " + MAINTENANCE_DATABASE + " owner " + APP_ROLE, DUPLICATE_DATABASE);
        }
        LOG.infof("Test role and maintenance database created: role=%s, database=%s", APP_ROLE, MAINTENANCE_DATABASE);
    }

    /** Runs a statement, ignoring the given SQL state, which another test run racing this one may cause. */
    private static void executeIgnoring(Connection connection, String sql, String ignoredState) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            if (!ignoredState.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void dropAbandoned(Connection maintenance) throws SQLException {
        List<String> abandoned = new ArrayList<>();
        long cutoff = Instant.now().minus(ABANDONED_AFTER).getEpochSecond();
        try (Statement statement = maintenance.createStatement();
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
            try (Statement statement = maintenance.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
                LOG.infof("Abandoned test database dropped: database=%s", name);
            }
        }
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
