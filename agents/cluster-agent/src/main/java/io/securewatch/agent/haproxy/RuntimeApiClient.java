package io.securewatch.agent.haproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Client of HAProxy's Runtime API on a stats socket. Each command opens its own connection in non-interactive
 * mode: the client sends one line, HAProxy writes the response and closes the connection. Commands that change servers need a
 * socket with {@code level admin}; on a lower level HAProxy returns {@code Permission denied}.
 *
 * <p>Thread-safe, because it keeps no connection between calls.
 */
public final class RuntimeApiClient {

    /** Default limit on one command: connecting, sending and reading the whole response. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Largest response read; {@code show servers state} of one backend is a few hundred bytes per server. */
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final StatsSocketAddress address;
    private final Duration timeout;

    public RuntimeApiClient(StatsSocketAddress address, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    "invalid Runtime API timeout " + timeout + ": expected a positive duration");
        }
        this.address = address;
        this.timeout = timeout;
    }

    public RuntimeApiClient(StatsSocketAddress address) {
        this(address, DEFAULT_TIMEOUT);
    }

    public StatsSocketAddress address() {
        return address;
    }

    /**
     * Sets a server's weight, 0 to 256. With {@code balance roundrobin} the change applies to the next request.
     *
     * @throws RuntimeApiException when HAProxy rejects the command (such as {@code No such server.}) or does not
     *     respond in time
     */
    public void setWeight(String backend, String server, int weight) {
        send(new RuntimeCommand.SetWeight(backend, server, weight));
    }

    /**
     * Sets a server's administrative state.
     *
     * @throws RuntimeApiException when HAProxy rejects the command or does not respond in time
     */
    public void setState(String backend, String server, AdminState state) {
        send(new RuntimeCommand.SetState(backend, server, state));
    }

    /**
     * Sends a {@code set server} command.
     *
     * @throws RuntimeApiException when HAProxy rejects the command or does not respond in time
     */
    public void send(RuntimeCommand command) {
        RuntimeApiResponses.requireEmpty(command.text(), execute(command.text()));
    }

    /**
     * Reads the servers of a backend with {@code show servers state <backend>}, in the order of the configuration.
     *
     * @throws RuntimeApiException when the backend does not exist, the response has an unknown format, or HAProxy
     *     does not respond in time
     */
    public List<ServerState> showServers(String backend) {
        String command = "show servers state " + Names.requireValid("backend", backend);
        return RuntimeApiResponses.serversState(command, backend, execute(command));
    }

    /**
     * Returns the names of a backend's backup servers, read with {@code show stat <backend> 4 -1} (4 selects
     * servers, -1 all of them).
     *
     * @throws RuntimeApiException when the backend does not exist or HAProxy does not respond in time
     */
    public Set<String> showBackupServers(String backend) {
        String command = "show stat " + Names.requireValid("backend", backend) + " 4 -1";
        return RuntimeApiResponses.backupServers(command, backend, execute(command));
    }

    /**
     * Sends one command line and returns HAProxy's whole response. The caller checks the command's syntax: a line
     * with {@code ;} runs several commands.
     *
     * @throws RuntimeApiException when connecting, sending or reading fails or exceeds the timeout
     */
    String execute(String command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(address.protocolFamily());
                Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            SelectionKey key = channel.register(selector, 0);
            connect(channel, key, deadline, command);
            write(channel, key, deadline, command);
            return read(channel, key, deadline, command);
        } catch (IOException e) {
            throw new RuntimeApiException(command, "I/O error on stats socket " + address + ": " + e.getMessage(), e);
        }
    }

    private void connect(SocketChannel channel, SelectionKey key, long deadline, String command) throws IOException {
        if (channel.connect(address.socketAddress())) {
            return;
        }
        while (!channel.finishConnect()) {
            await(key, SelectionKey.OP_CONNECT, deadline, command, "connecting");
        }
    }

    private void write(SocketChannel channel, SelectionKey key, long deadline, String command) throws IOException {
        ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
        channel.write(request);
        while (request.hasRemaining()) {
            await(key, SelectionKey.OP_WRITE, deadline, command, "sending the command");
            channel.write(request);
        }
    }

    /** Reads until HAProxy closes the connection, which ends a response in non-interactive mode. */
    private String read(SocketChannel channel, SelectionKey key, long deadline, String command) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            int count = channel.read(buffer);
            if (count < 0) {
                return response.toString(StandardCharsets.UTF_8);
            }
            if (count == 0) {
                await(key, SelectionKey.OP_READ, deadline, command, "reading the response");
                continue;
            }
            response.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            if (response.size() > MAX_RESPONSE_BYTES) {
                throw new RuntimeApiException(command, "response exceeds " + MAX_RESPONSE_BYTES + " bytes");
            }
        }
    }

    private void await(SelectionKey key, int operation, long deadline, String command, String step) throws IOException {
        long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (remainingMillis <= 0) {
            throw timedOut(command, step);
        }
        key.interestOps(operation);
        key.selector().selectedKeys().clear();
        if (key.selector().select(remainingMillis) == 0 && System.nanoTime() - deadline >= 0) {
            throw timedOut(command, step);
        }
    }

    private RuntimeApiException timedOut(String command, String step) {
        return new RuntimeApiException(
                command, "timed out after " + timeout.toMillis() + " ms " + step + " on stats socket " + address);
    }
}
