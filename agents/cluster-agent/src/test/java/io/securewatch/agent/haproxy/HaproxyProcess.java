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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real {@code haproxy} process started for a test, in front of the region backends. It runs in the foreground
 * ({@code -db}), so the process that the test starts is HAProxy itself and {@link #close()} stops it by its PID.
 */
public final class HaproxyProcess implements AutoCloseable {

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
     * Starts HAProxy in front of the region backends with the configuration of {@link EdgeConfig}, and waits until
     * its frontend accepts connections and every server passed its first check.
     *
     * @throws AssertionError when {@code haproxy} is not installed, exits, or is not ready in time
     */
    static HaproxyProcess start(Path directory, List<RegionBackend> backends, boolean httpHealthCheck)
            throws IOException {
        List<String> regions = backends.stream().map(RegionBackend::region).toList();
        return start(
                directory,
                EdgeConfig.BACKEND,
                regions.size(),
                EdgeConfig.addressVariables(backends),
                listeners -> EdgeConfig.render(
                        listeners.frontendPort(),
                        listeners.adminSocket(),
                        listeners.adminTcpPort(),
                        listeners.operatorSocket(),
                        regions,
                        httpHealthCheck));
    }

    /**
     * Starts HAProxy with a configuration the caller writes for the given listeners, and waits until its frontend
     * accepts connections and the backend has the given number of servers up.
     *
     * @param environment variables for the configuration, such as server addresses
     * @throws AssertionError when {@code haproxy} is not installed, exits, or is not ready in time
     */
    public static HaproxyProcess start(
            Path directory,
            String backend,
            int serverCount,
            Map<String, String> environment,
            Function<Listeners, String> configuration)
            throws IOException {
        // NOTE: another process could take a port between this probe and HAProxy's bind; HAProxy then exits and the
        // start fails with its log.
        Listeners listeners = new Listeners(
                freeLoopbackPort(),
                directory.resolve("admin.sock"),
                freeLoopbackPort(),
                directory.resolve("operator.sock"));
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, configuration.apply(listeners));
        Path log = directory.resolve("haproxy.log");

        ProcessBuilder builder = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
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
                listeners.frontendPort(),
                StatsSocketAddress.parse("unix@" + listeners.adminSocket()),
                StatsSocketAddress.parse("ipv4@127.0.0.1:" + listeners.adminTcpPort()),
                StatsSocketAddress.parse("unix@" + listeners.operatorSocket()));
        try {
            haproxy.awaitReady(backend, serverCount);
        } catch (RuntimeException | AssertionError e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    /**
     * Where a configuration must listen: the frontend on loopback, and stats sockets with {@code level admin} (a
     * UNIX socket and a loopback TCP port) and {@code level operator} (a UNIX socket).
     */
    public record Listeners(int frontendPort, Path adminSocket, int adminTcpPort, Path operatorSocket) {

        /** Returns a {@code global} section with the three stats sockets. */
        public String globalSection() {
            return "global\n"
                    + "    stats socket " + adminSocket + " mode 600 level admin\n"
                    + "    stats socket ipv4@127.0.0.1:" + adminTcpPort + " level admin\n"
                    + "    stats socket " + operatorSocket + " mode 600 level operator\n"
                    + "    stats timeout 10s\n\n";
        }
    }

    public int frontendPort() {
        return frontendPort;
    }

    /** Returns the UNIX stats socket with {@code level admin}. */
    public StatsSocketAddress adminSocket() {
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
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String backend, int serverCount) {
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
                            && client.showServers(backend).stream()
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
