package io.securewatch.agent.haproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP backend on loopback that is one region's service: every response has the region's name as its body.
 * {@code GET /healthz} is the health check endpoint and is not counted as a request.
 */
public final class RegionBackend implements AutoCloseable {

    public static final String HEALTH_PATH = "/healthz";

    private final String region;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    private RegionBackend(String region, HttpServer server, ExecutorService executor) {
        this.region = region;
        this.server = server;
        this.executor = executor;
    }

    public static RegionBackend start(String region) throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and HAProxy's
        // delayed ACK hold each body back by up to 40 ms. The JDK reads this property once, at its first server.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        RegionBackend backend = new RegionBackend(region, server, executor);
        server.createContext("/", backend::handle);
        server.setExecutor(executor);
        server.start();
        return backend;
    }

    public String region() {
        return region;
    }

    /** Returns {@code 127.0.0.1:PORT}, the form of a server address in HAProxy's configuration. */
    public String address() {
        return server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort();
    }

    /** Returns how many requests other than health checks reached this backend. */
    public int requestCount() {
        return requests.get();
    }

    /** Makes every response, health checks included, a 500 until {@link #reset()}. */
    public void failWithServerErrors() {
        failing.set(true);
    }

    public void reset() {
        failing.set(false);
        requests.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals(HEALTH_PATH)) {
                requests.incrementAndGet();
            }
            byte[] body = region.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(failing.get() ? 500 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
