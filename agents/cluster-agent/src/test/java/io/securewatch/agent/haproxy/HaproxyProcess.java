package io.securewatch.agent.haproxy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code haproxy} process started for a test, in front of the region backends. It runs in the foreground
 * ({@code -db}), so the process that the test starts is HAProxy itself and {@link #close()} stops it by its PID.
 */
final class HaproxyProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Process process;
    private final Path log;
    private final int frontendPort;
    private final StatsSocketAddress adminSocket;
    private final StatsSocketAddress adminTcpSocket;
    private final StatsSocketAddress operatorSocket;

    private HaproxyProcess(
            Process process,
            Path log,
            int frontendPort,
            StatsSocketAddress adminSocket,
            StatsSocketAddress adminTcpSocket,
            StatsSocketAddress operatorSocket) {
        this.process = process;
        this.log = log;
        this.frontendPort = frontendPort;
        this.adminSocket = adminSocket;
        this.adminTcpSocket = adminTcpSocket;
        this.operatorSocket = operatorSocket;
    }

    /**
     * Starts HAProxy and waits until its frontend accepts connections and every server passed its first check.
     *
     * @throws AssertionError when {@code haproxy} is not installed, exits, or is not ready in time
     */
    static HaproxyProcess start(Path directory, List<RegionBackend> backends, boolean httpHealthCheck)
            throws IOException {
        // NOTE: another process could take a port between this probe and HAProxy's bind; HAProxy then exits and the
        // start fails with its log.
        int frontendPort = freeLoopbackPort();
        int adminTcpPort = freeLoopbackPort();
        Path adminSocketPath = directory.resolve("admin.sock");
        Path operatorSocketPath = directory.resolve("operator.sock");
        List<String> regions = backends.stream().map(RegionBackend::region).toList();
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(
                config,
                EdgeConfig.render(
                        frontendPort, adminSocketPath, adminTcpPort, operatorSocketPath, regions, httpHealthCheck));
        Path log = directory.resolve("haproxy.log");

        ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(EdgeConfig.addressVariables(backends));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "could not start haproxy (" + e.getMessage() + "); install it with 'apt-get install -y haproxy'",
                    e);
        }

        HaproxyProcess haproxy = new HaproxyProcess(
                process,
                log,
                frontendPort,
                StatsSocketAddress.parse("unix@" + adminSocketPath),
                StatsSocketAddress.parse("ipv4@127.0.0.1:" + adminTcpPort),
                StatsSocketAddress.parse("unix@" + operatorSocketPath));
        try {
            haproxy.awaitReady(regions.size());
        } catch (RuntimeException | AssertionError e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    int frontendPort() {
        return frontendPort;
    }

    /** Returns the UNIX stats socket with {@code level admin}. */
    StatsSocketAddress adminSocket() {
        return adminSocket;
    }

    /** Returns the TCP stats socket on loopback with {@code level admin}. */
    StatsSocketAddress adminTcpSocket() {
        return adminTcpSocket;
    }

    /** Returns a UNIX stats socket with {@code level operator}, which may read state but not change servers. */
    StatsSocketAddress operatorSocket() {
        return operatorSocket;
    }

    /** Returns what HAProxy printed so far: warnings and server state changes. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(int serverCount) {
        RuntimeApiClient client = new RuntimeApiClient(adminSocket, Duration.ofSeconds(1));
        await("haproxy (pid " + process.pid() + ") ready")
                .atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(RuntimeApiException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + log());
                    }
                    return acceptsConnections()
                            && client.showServers(EdgeConfig.BACKEND).stream()
                                            .filter(server -> server.operationalState() == OperationalState.RUNNING)
                                            .count()
                                    == serverCount;
                });
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), frontendPort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops HAProxy by its PID: SIGTERM, then SIGKILL if it has not exited within five seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
