package io.securewatch.it.console;

import static org.awaitility.Awaitility.await;

import io.securewatch.it.ControlPlaneProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged console running as a child process, a client of the given control plane. */
final class ConsoleProcess implements AutoCloseable {

    private static final Path JAR =
            Path.of(System.getProperty("console.jar", "../console-ui/target/quarkus-app/quarkus-run.jar"));

    final int port;
    private final Process process;

    ConsoleProcess(ControlPlaneProcess controlPlane) throws IOException {
        this(controlPlane, "console", Map.of());
    }

    /**
     * Starts the console with extra environment variables, such as the OIDC settings.
     *
     * @param name names the log file under {@code target/it-logs}
     */
    ConsoleProcess(ControlPlaneProcess controlPlane, String name, Map<String, String> extraEnvironment)
            throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; build the console first (./mvnw package)");
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path logs = Path.of("target", "it-logs");
        Files.createDirectories(logs);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(name + ".log").toFile()));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("SECUREWATCH_CONSOLE_CONTROL_PLANE_URL", controlPlane.baseUrl());
        builder.environment().putAll(extraEnvironment);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the console exited with " + process.exitValue());
                    }
                    try {
                        // 200 from the password form, or 302 to the OIDC provider when OIDC is enabled
                        int status = http.send(
                                        HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        return status == 200 || status == 302;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
