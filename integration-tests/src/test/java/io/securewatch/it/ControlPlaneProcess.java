package io.securewatch.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged control plane running as a child process, in the demo profile (built-in users, seeded inventory)
 * against a test database. Its output goes to {@code target/it-logs}.
 */
public final class ControlPlaneProcess implements AutoCloseable {

    private static final Path JAR = Path.of(
            System.getProperty("control-plane.jar", "../control-plane/server/target/quarkus-app/quarkus-run.jar"));

    public final int port;
    private final ItDatabase database;
    private final Map<String, String> extraEnvironment;
    private final Path log;
    private Process process;

    public ControlPlaneProcess(ItDatabase database, String name, Map<String, String> extraEnvironment)
            throws IOException {
        this(database, name, extraEnvironment, freePort());
    }

    /** A control plane on the given port, for a replacement that must take a stopped one's place. */
    public ControlPlaneProcess(ItDatabase database, String name, Map<String, String> extraEnvironment, int port)
            throws IOException {
        this.database = database;
        this.extraEnvironment = extraEnvironment;
        this.port = port;
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        this.log = logs.resolve(name + ".log");
    }

    /** Returns the resident set size of the process in MiB, read from /proc (Linux only). */
    public long residentMebibytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("VmRSS missing from /proc/" + process.pid() + "/status");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process and waits until it is ready. */
    public void start() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; build the control plane first (./mvnw package)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dquarkus.profile=demo",
                "-jar",
                JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", ItDatabase.ROLE);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", ItDatabase.PASSWORD);
        environment.putAll(extraEnvironment);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "the control plane exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        HttpResponse<Void> response = http.send(
                                HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        return response.statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** Returns the process id of the running control plane. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Kills the process with SIGKILL, as a crash: no shutdown hook runs, and waits until it is gone. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Freezes the process with SIGSTOP, as a long garbage-collection pause or a stalled virtual machine would. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a paused process go on with SIGCONT. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Returns the process's output so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Stops the process with SIGTERM, as an orderly shutdown, and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            // A paused process cannot act on SIGTERM.
            try {
                resume();
            } catch (IOException | IllegalStateException e) {
                // It ended in the meantime.
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
