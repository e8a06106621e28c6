package io.securewatch.it.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's HAProxy in TCP mode, relaying connections that arrive at one address to a port on 127.0.0.1, so that a
 * process in a network namespace reaches a server that listens on loopback only. Connections stay open for an hour
 * without traffic, so a partition does not end them on the relay's side.
 */
final class TcpRelay implements AutoCloseable {

    final String address;
    final int port;
    private final Path directory;
    private final Process process;

    private TcpRelay(String address, int port, Path directory, Process process) {
        this.address = address;
        this.port = port;
        this.directory = directory;
        this.process = process;
    }

    /**
     * Starts HAProxy listening on a free port of the address and waits until it accepts connections.
     *
     * @param name names its log, {@code target/it-logs/<name>.log}
     */
    static TcpRelay start(String name, String address, int targetPort) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            port = probe.getLocalPort();
        }
        Path directory = Files.createTempDirectory("securewatch-tcp-relay");
        Path config = directory.resolve("haproxy.cfg");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global",
                        "  maxconn 100",
                        "defaults",
                        "  mode tcp",
                        "  timeout connect 2s",
                        "  timeout client 1h",
                        "  timeout server 1h",
                        "frontend relay",
                        "  bind " + address + ":" + port,
                        "  default_backend target",
                        "backend target",
                        "  server target 127.0.0.1:" + targetPort,
                        ""));
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Process process = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(name + ".log").toFile()))
                .start();
        TcpRelay relay = new TcpRelay(address, port, directory, process);
        try {
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("HAProxy exited with " + process.exitValue()
                                    + "; see target/it-logs/" + name + ".log");
                        }
                        return relay.accepts();
                    });
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** Returns the relay's address as an HTTP base URL. */
    String url() {
        return "http://" + address + ":" + port;
    }

    private boolean accepts() {
        try (Socket socket = new Socket(address, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops HAProxy by its process handle and deletes its configuration. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(directory.resolve("haproxy.cfg"));
        Files.deleteIfExists(directory);
    }
}
