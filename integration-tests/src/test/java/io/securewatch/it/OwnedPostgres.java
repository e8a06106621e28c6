package io.securewatch.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server that a test initialises, starts, stops and deletes itself, from Debian's PostgreSQL 15
 * binaries: on a free port of 127.0.0.1 with trust authentication, its Unix socket in its own directory, never the
 * machine's shared server. {@code initdb} and {@code postgres} refuse to run as root, so when the tests run as root
 * every PostgreSQL command runs as the operating-system user {@code postgres} through {@code runuser}, in a
 * temporary directory that user owns. {@code pg_ctl} starts and stops the server: it signals only the postmaster
 * whose process id its data directory records.
 */
public final class OwnedPostgres implements AutoCloseable {

    /**
     * The directory of Debian's PostgreSQL 15 programs, unless the system property {@code postgres.bin} names
     * another.
     */
    private static final Path BIN = Path.of(System.getProperty("postgres.bin", "/usr/lib/postgresql/15/bin"));

    private static final String SUPERUSER = "postgres";
    private static final String SERVER_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    /** The shutdown modes of {@code pg_ctl stop}. */
    public enum StopMode {
        /** Disconnects clients, rolls back their transactions and writes a checkpoint. */
        FAST,
        /** Ends every process at once without a checkpoint, as a crash does, so the next start replays the WAL. */
        IMMEDIATE
    }

    public final int port;
    private final String name;
    private final Path directory;
    private final Path data;
    private final Path log;
    private final boolean asServerUser;
    private boolean running;

    private OwnedPostgres(String name, Path directory, int port, boolean asServerUser) {
        this.name = name;
        this.directory = directory;
        this.data = directory.resolve("data");
        this.log = directory.resolve("postgres.log");
        this.port = port;
        this.asServerUser = asServerUser;
    }

    /**
     * Creates and configures a new cluster (initdb) in a temporary directory, without starting the server.
     *
     * @param name names the copy of the server's log that {@link #close} leaves in {@code target/it-logs}
     */
    public static OwnedPostgres create(String name) throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN + "/initdb is missing; install Debian's postgresql-15 package");
        }
        boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        Path directory = Files.createTempDirectory("owned-postgres-");
        if (root) {
            giveToServerUser(directory);
        }
        OwnedPostgres postgres = new OwnedPostgres(name, directory, ControlPlaneProcess.freePort(), root);
        try {
            postgres.initialise();
        } catch (IOException | RuntimeException e) {
            postgres.deleteDirectory();
            throw e;
        }
        return postgres;
    }

    /** Returns the address and superuser with which {@link ItDatabase} creates test databases on this server. */
    public ItDatabase.Server server() {
        return new ItDatabase.Server("127.0.0.1", port, SUPERUSER);
    }

    /** Starts the server and waits until it accepts connections, after any crash recovery. */
    public void start() throws IOException, InterruptedException {
        run(List.of(
                BIN.resolve("pg_ctl").toString(),
                "start",
                "--wait",
                "--timeout=90",
                "--pgdata=" + data,
                "--log=" + log));
        running = true;
    }

    /** Stops the server with {@code pg_ctl stop} in the mode and waits until its postmaster has exited. */
    public void stop(StopMode mode) throws IOException, InterruptedException {
        run(List.of(
                BIN.resolve("pg_ctl").toString(),
                "stop",
                "--wait",
                "--timeout=60",
                "--pgdata=" + data,
                "--mode=" + mode.name().toLowerCase(java.util.Locale.ROOT)));
        running = false;
    }

    /** Returns the process id of the running postmaster, from the first line of its {@code postmaster.pid}. */
    public long postmasterPid() throws IOException {
        return Long.parseLong(
                Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    /** Returns the server's log so far. */
    public String log() throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }

    /** Stops a running server (fast, then immediate if that fails), keeps its log and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (running) {
                try {
                    stop(StopMode.FAST);
                } catch (IOException | IllegalStateException e) {
                    stop(StopMode.IMMEDIATE);
                }
            }
        } finally {
            if (Files.isRegularFile(log)) {
                Path logs = Files.createDirectories(Path.of("target", "it-logs"));
                Files.copy(log, logs.resolve(name + "-postgres.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            deleteDirectory();
        }
    }

    private void initialise() throws IOException, InterruptedException {
        run(List.of(
                BIN.resolve("initdb").toString(),
                "--pgdata=" + data,
                "--username=" + SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-instructions"));
        // The settings go to a file of their own, written by this process and only read by the server.
        Path settings = directory.resolve("owned.conf");
        Files.writeString(
                settings,
                String.join(
                        "\n",
                        "listen_addresses = '127.0.0.1'",
                        "port = " + port,
                        "unix_socket_directories = '" + directory + "'",
                        "max_connections = 60",
                        "shared_buffers = 32MB",
                        "log_line_prefix = '%m [%p] '",
                        ""));
        if (asServerUser) {
            giveToServerUser(settings);
        }
        Files.writeString(
                data.resolve("postgresql.conf"),
                "include '" + settings + "'\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Runs a PostgreSQL program, as the server user when this process is root, and fails on a non-zero exit. */
    private void run(List<String> program) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asServerUser) {
            command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        command.addAll(program);
        Path output = Files.createTempFile("owned-postgres-command-", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " timed out after "
                        + COMMAND_TIMEOUT_SECONDS + " s: " + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ": " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void giveToServerUser(Path path) throws IOException {
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName(SERVER_USER);
        Files.setOwner(path, users.lookupPrincipalByName(SERVER_USER));
        Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
    }

    private void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
