package io.securewatch.testsupport.consul;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A fake of one Consul datacenter's HTTP API (v1) for tests: one server node that is also the agent, listening on
 * 127.0.0.1. It keeps state like Consul (catalog, health checks, KV store, config entries, a Raft-like index) and
 * serves blocking queries. See the module's README for what it covers and where it differs from Consul.
 *
 * <pre>{@code
 * try (ConsulFake consul = ConsulFake.start("eu-west-1")) {
 *     URI catalog = URI.create(consul.baseUrl() + "/v1/catalog/services");
 *     ...
 * }
 * }</pre>
 *
 * <p>All methods are thread-safe. The methods that wait for the listener ({@link #start}, {@link #setAvailable},
 * {@link #close}) must not be called from a Vert.x event loop thread.
 */
public final class ConsulFake implements AutoCloseable {

    public static final String DEFAULT_NODE_NAME = "node-1";

    private static final Logger LOG = Logger.getLogger(ConsulFake.class);
    private static final Duration LIFECYCLE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PORT_RELEASE_POLL = Duration.ofMillis(2);

    private final Vertx vertx;
    private final Datacenter datacenter;
    private final String nodeName;
    private final BlockingQueries blockingQueries;
    private final RequestCounter requestCounter = new RequestCounter();
    private final ConsulHttpApi api;
    private final Map<String, Long> ttlTimers = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private volatile String requiredToken;
    private final int port;

    // Guarded by this.
    private HttpServer server;
    private boolean closed;

    private ConsulFake(Builder builder) {
        this.nodeName = builder.nodeName;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(
                        new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        String nodeId = UUID.randomUUID().toString();
        this.datacenter = new Datacenter(builder.datacenter, builder.nodeName, nodeId, new TtlTimers());
        this.blockingQueries = new BlockingQueries(vertx, datacenter, new Random());
        this.api = new ConsulHttpApi(
                vertx, datacenter, nodeId, blockingQueries, requestCounter, () -> latency, () -> requiredToken);
        try {
            this.server = listen(builder.port);
        } catch (RuntimeException e) {
            await(vertx.close(), "stop Vert.x");
            throw e;
        }
        this.port = server.actualPort();
    }

    /** Starts a fake of the named datacenter with the node {@value #DEFAULT_NODE_NAME} on a free port. */
    public static ConsulFake start(String datacenter) {
        return builder(datacenter).start();
    }

    public static Builder builder(String datacenter) {
        return new Builder(datacenter);
    }

    /** Options of a fake before it starts. */
    public static final class Builder {
        private final String datacenter;
        private String nodeName = DEFAULT_NODE_NAME;
        private int port;

        private Builder(String datacenter) {
            this.datacenter = requireText(datacenter, "datacenter");
        }

        /** Sets the name of the datacenter's single node; the default is {@value ConsulFake#DEFAULT_NODE_NAME}. */
        public Builder nodeName(String nodeName) {
            this.nodeName = requireText(nodeName, "nodeName");
            return this;
        }

        /** Sets the TCP port to listen on; the default 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        public ConsulFake start() {
            requireTestThread("start");
            ConsulFake fake = new ConsulFake(this);
            LOG.infof("Consul fake started datacenter=%s node=%s port=%d", datacenter, nodeName, fake.port);
            return fake;
        }
    }

    public int port() {
        return port;
    }

    /** Returns the HTTP address clients use, for example {@code http://127.0.0.1:40123}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String datacenter() {
        return datacenter.name();
    }

    public String nodeName() {
        return nodeName;
    }

    /**
     * Closes or reopens the listener. While unavailable, the port has no listener, so clients get "connection
     * refused" at once; open connections, including waiting blocking queries, are closed without a response. Setting
     * it available again listens on the same port, with the state kept, as after a restart of a Consul server with
     * its data directory.
     *
     * @throws IllegalStateException when another process took the port in the meantime
     */
    public synchronized void setAvailable(boolean available) {
        requireTestThread("setAvailable");
        requireOpen();
        if (available == (server != null)) {
            return;
        }
        if (available) {
            server = listen(port);
            LOG.infof("Consul fake available again datacenter=%s port=%d", datacenter.name(), port);
        } else {
            await(server.close(), "close the listener on port " + port);
            server = null;
            blockingQueries.dropAll();
            awaitPortReleased();
            LOG.infof("Consul fake unavailable datacenter=%s port=%d", datacenter.name(), port);
        }
    }

    public synchronized boolean isAvailable() {
        return server != null;
    }

    /** Delays every request by this time before the fake handles it; {@link Duration#ZERO} turns the delay off. */
    public void setLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, not " + latency);
        }
        this.latency = latency;
    }

    /**
     * Turns on ACL enforcement with one token that may do everything, as a datacenter whose default policy is deny.
     * Requests without a token get 403 "Permission denied", and requests with another token 403 "ACL not found".
     * The token is read from {@code X-Consul-Token}, {@code Authorization: Bearer} or the {@code token} query
     * parameter, as Consul reads it. Null turns enforcement off again.
     */
    public void requireToken(String token) {
        this.requiredToken = token;
    }

    /**
     * Lowers the datacenter's index and every stored index to 1 while keeping the data, as a Consul snapshot
     * restore can, so clients see the index go backwards and must restart their blocking loops from 0. Every waiting
     * blocking query returns at once with the lower index.
     */
    public void resetIndex() {
        datacenter.resetIndex();
        LOG.infof("Consul fake index reset datacenter=%s index=%d", datacenter.name(), RaftIndex.RESET_INDEX);
    }

    /** Returns the datacenter's current Raft index, the highest index any response can carry. */
    public long currentIndex() {
        return datacenter.read(state -> state.index().current());
    }

    /**
     * Sets a check's status and output directly, as if its probe had run. The fake runs no HTTP, TCP, gRPC or
     * script probes, so this is how a test changes such a check; TTL checks can use it too.
     *
     * @param status "passing", "warning" or "critical"
     * @throws IllegalArgumentException for an unknown check ID or status
     */
    public void setCheckStatus(String checkId, String status, String output) {
        CheckStatus parsed = CheckStatus.fromJson(status)
                .orElseThrow(() -> new IllegalArgumentException(
                        "status must be passing, warning or critical, not \"" + status + "\""));
        datacenter.update(state -> state.catalog().setCheckResult(checkId, parsed, Objects.requireNonNull(output)));
    }

    /** Returns how many requests arrived whose path (as sent, without the query string) starts with the prefix. */
    public long requestCount(String pathPrefix) {
        return requestCounter.countWithPrefix(pathPrefix);
    }

    public void resetRequestCounts() {
        requestCounter.reset();
    }

    /** Returns how many blocking queries are waiting now, so a test can wait for a watcher to be parked. */
    public int waitingQueryCount() {
        return blockingQueries.waitingCount();
    }

    /** Closes the listener, drops waiting queries, stops TTL timers and stops the fake's Vert.x instance. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        requireTestThread("close");
        closed = true;
        if (server != null) {
            await(server.close(), "close the listener on port " + port);
            server = null;
        }
        blockingQueries.dropAll();
        ttlTimers.values().forEach(vertx::cancelTimer);
        ttlTimers.clear();
        await(vertx.close(), "stop Vert.x");
        LOG.infof("Consul fake stopped datacenter=%s port=%d", datacenter.name(), port);
    }

    private HttpServer listen(int listenPort) {
        // Consul's Go server speaks HTTP/1.1 (and HTTP/2 only over TLS), so no cleartext HTTP/2 upgrade here.
        HttpServerOptions options = new HttpServerOptions()
                .setHost("127.0.0.1")
                .setPort(listenPort)
                .setReuseAddress(true)
                .setHttp2ClearTextEnabled(false);
        HttpServer created = vertx.createHttpServer(options).requestHandler(api::handle);
        try {
            return await(created.listen(), "listen on 127.0.0.1:" + listenPort);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(
                    "Consul fake for datacenter " + datacenter.name() + " cannot listen on 127.0.0.1:" + listenPort
                            + "; free the port or start the fake on another one",
                    e.getCause());
        }
    }

    /**
     * Waits until nothing listens on the port any more. Vert.x can complete the close before the listening socket is
     * gone, and a client connecting in that window is accepted and dropped instead of refused.
     */
    // NOTE: the probe binds the port for a moment; a client connecting at that instant gets a reset, not a refusal.
    private void awaitPortReleased() {
        long deadline = System.nanoTime() + LIFECYCLE_TIMEOUT.toNanos();
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "Consul fake closed its listener, but port " + port + " was still in use after "
                                    + LIFECYCLE_TIMEOUT,
                            e);
                }
            }
            try {
                Thread.sleep(PORT_RELEASE_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for port " + port + " to close", e);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Consul fake for datacenter " + datacenter.name() + " is closed");
        }
    }

    private static <T> T await(Future<T> future, String action) {
        try {
            return future.toCompletionStage()
                    .toCompletableFuture()
                    .get(LIFECYCLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Consul fake failed to " + action, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Consul fake timed out after " + LIFECYCLE_TIMEOUT + " trying to " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the Consul fake tried to " + action, e);
        }
    }

    private static void requireTestThread(String method) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(
                    "ConsulFake." + method + " waits for its listener; call it from a test thread, not an event loop");
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Runs TTL expiry on Vert.x timers, one per TTL check; a newer schedule of the same check replaces the older. */
    private final class TtlTimers implements Catalog.TtlScheduler {
        @Override
        public void schedule(String checkId, long generation, Duration ttl) {
            long timerId = vertx.setTimer(Math.max(1, ttl.toMillis()), id -> {
                ttlTimers.remove(checkId, id);
                datacenter.update(state -> state.catalog().expireTtl(checkId, generation));
            });
            Long previous = ttlTimers.put(checkId, timerId);
            if (previous != null) {
                vertx.cancelTimer(previous);
            }
        }

        @Override
        public void cancel(String checkId) {
            Long previous = ttlTimers.remove(checkId);
            if (previous != null) {
                vertx.cancelTimer(previous);
            }
        }
    }
}
