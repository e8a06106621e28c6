package io.securewatch.it.chaos;

import static org.awaitility.Awaitility.await;

import io.securewatch.it.ControlPlaneProcess;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in front of control-plane replicas, on the loopback interface, as an operator would run it. The
 * REST API goes through in HTTP mode, where HAProxy retries a request whose connection failed or whose server closed
 * it without a response. The agents' gRPC streams go through in TCP mode, so that each stream stays on one replica. A replica that fails
 * its readiness check three times in a row gets no new requests, and its open streams are cut so that its agents
 * reconnect to another replica.
 */
final class LoadBalancer implements AutoCloseable {

    /** How often HAProxy checks a replica's readiness; three failures in a row take it out. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    final int apiPort;
    final int agentPort;
    private final Path directory;
    private final Process process;

    private LoadBalancer(int apiPort, int agentPort, Path directory, Process process) {
        this.apiPort = apiPort;
        this.agentPort = agentPort;
        this.directory = directory;
        this.process = process;
    }

    /** Starts HAProxy in front of the replicas' ports and waits until it accepts connections. */
    static LoadBalancer start(List<Integer> replicaPorts) throws IOException {
        int apiPort = ControlPlaneProcess.freePort();
        int agentPort = ControlPlaneProcess.freePort();
        Path directory = Files.createTempDirectory("securewatch-load-balancer");
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(config, config(apiPort, agentPort, replicaPorts));
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve("load-balancer.log").toFile()))
                .start();
        LoadBalancer balancer = new LoadBalancer(apiPort, agentPort, directory, process);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("HAProxy exited with " + process.exitValue()
                                + "; see target/it-logs/load-balancer.log");
                    }
                    return accepts(apiPort) && accepts(agentPort);
                });
        return balancer;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    static String config(int apiPort, int agentPort, List<Integer> replicaPorts) {
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "  maxconn 4000",
                "defaults",
                "  timeout connect 1s",
                "  timeout client 1h",
                "  timeout server 1h",
                "  timeout check 2s",
                "  retries 3",
                "  option redispatch 1",
                "  default-server check inter " + CHECK_INTERVAL.toMillis() + "ms fall 3 rise 2",
                "frontend api",
                "  mode http",
                "  bind 127.0.0.1:" + apiPort,
                "  default_backend api",
                "backend api",
                "  mode http",
                "  balance roundrobin",
                "  option httpchk GET /health/ready",
                // A retried request needs its body at hand. Writes carry an Idempotency-Key, so a retry of a
                // request that the crashed replica had committed returns the first response.
                "  option http-buffer-request",
                "  retry-on conn-failure empty-response response-timeout",
                "  timeout server 10s"));
        lines.addAll(servers(replicaPorts));
        lines.addAll(List.of(
                "frontend agents",
                "  mode tcp",
                "  bind 127.0.0.1:" + agentPort,
                "  default_backend agents",
                "backend agents",
                "  mode tcp",
                "  balance leastconn",
                "  option httpchk GET /health/ready",
                // A replica taken out keeps no stream: its agents reconnect to another one. Requests in flight on
                // the API backend are left to finish instead.
                "  default-server check inter " + CHECK_INTERVAL.toMillis()
                        + "ms fall 3 rise 2 on-marked-down shutdown-sessions"));
        lines.addAll(servers(replicaPorts));
        return String.join("\n", lines) + "\n";
    }

    private static List<String> servers(List<Integer> replicaPorts) {
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < replicaPorts.size(); i++) {
            servers.add("  server replica-" + (i + 1) + " 127.0.0.1:" + replicaPorts.get(i));
        }
        return servers;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(directory.resolve("haproxy.cfg"));
        Files.deleteIfExists(directory);
    }
}
