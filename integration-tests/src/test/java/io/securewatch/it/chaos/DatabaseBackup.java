package io.securewatch.it.chaos;

import io.securewatch.it.ItDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Backs up a test database with pg_dump and restores it into another with pg_restore, as the runbook in
 * docs/operations.md describes. Both run as the application's role, which owns the tables, so the dump needs
 * {@code --enable-row-security}: the tables force row-level security on their owner, and pg_dump otherwise stops at
 * the first such table. With the setting {@code securewatch.tenant} unset, the policies admit every row. Each tool's
 * output goes to {@code target/it-logs}.
 */
final class DatabaseBackup {

    private static final long TIMEOUT_SECONDS = 120;

    /** Debian's PostgreSQL 15 client tools, which the project's machines have; otherwise those on the PATH. */
    private static final Path DEBIAN_BIN = Path.of("/usr/lib/postgresql/15/bin");

    private DatabaseBackup() {}

    /** Writes a custom-format dump of the database to the file. */
    static void dump(ItDatabase database, Path file) throws IOException, InterruptedException {
        run(
                "pg_dump",
                List.of(
                        "--format=custom",
                        "--enable-row-security",
                        "--file=" + file,
                        "--dbname=" + database.connectionString()));
    }

    /**
     * Restores a dump into an empty database in one transaction, so that a failed restore leaves the database empty.
     * Objects belong to the restoring role, which is the application's.
     */
    static void restore(Path file, ItDatabase database) throws IOException, InterruptedException {
        run(
                "pg_restore",
                List.of(
                        "--exit-on-error",
                        "--single-transaction",
                        "--no-owner",
                        "--dbname=" + database.connectionString(),
                        file.toString()));
    }

    private static void run(String tool, List<String> arguments) throws IOException, InterruptedException {
        Path log = Path.of("target", "it-logs", tool + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(executable(tool));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("PGPASSWORD", ItDatabase.PASSWORD);
        Process process = builder.start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(tool + " did not finish within " + TIMEOUT_SECONDS + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        tool + " failed with exit code " + process.exitValue() + "; see " + log);
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String executable(String tool) {
        Path debian = DEBIAN_BIN.resolve(tool);
        return Files.isExecutable(debian) ? debian.toString() : tool;
    }
}
