package io.securewatch.it.chaos;

import io.securewatch.it.ItApi;
import io.securewatch.it.benchmark.LatencyStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A steady stream of REST requests at a fixed rate, as automation and consoles make them: nine reads for every
 * write, each write a new drill definition with an {@code Idempotency-Key}. Requests are sent on schedule whether
 * earlier ones have answered or not, so that a stall shows as failures rather than as a lower rate.
 */
final class SteadyLoad {

    private static final List<String> READS =
            List.of("/api/v1/regions", "/api/v1/clusters", "/api/v1/tenants", "/api/v1/clusters/eu-west-1-a/status");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String AUTHORIZATION =
            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    /** What the load saw: each failure as {@code METHOD path: status or exception}, and the drills created. */
    record Result(int sent, List<String> failures, List<String> acknowledgedDrills, LatencyStats latency) {}

    private final String apiUrl;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient http;

    SteadyLoad(String apiUrl) {
        this.apiUrl = apiUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /**
     * Sends {@code perSecond} requests a second for the duration and runs {@code midway} once half of it has
     * passed, on the calling thread; returns when every request has answered or timed out.
     */
    Result run(int perSecond, Duration duration, ThrowingRunnable midway) throws Exception {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        int total = (int) (duration.toNanos() / intervalNanos);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> drills = new ConcurrentLinkedQueue<>();
        LatencyStats latency = new LatencyStats();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        boolean midwayDone = false;
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!midwayDone && i >= total / 2) {
                midwayDone = true;
                midway.run();
            }
            pending.add(send(i, failures, drills, latency));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        executor.shutdown();
        synchronized (latency) {
            return new Result(total, List.copyOf(failures), List.copyOf(drills), latency);
        }
    }

    private CompletableFuture<?> send(
            int index,
            ConcurrentLinkedQueue<String> failures,
            ConcurrentLinkedQueue<String> drills,
            LatencyStats latency) {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", AUTHORIZATION)
                .header("Accept", "application/json");
        String description;
        String drill = null;
        if (index % 10 == 9) {
            drill = ItApi.unique("load");
            String body = "{\"name\":\"" + drill + "\",\"type\":\"region-evacuation\",\"target\":\"eu-west-1\","
                    + "\"mode\":\"dry-run\"}";
            request.uri(URI.create(apiUrl + "/api/v1/drills"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            description = "POST /api/v1/drills";
        } else {
            String path = READS.get(index % READS.size());
            request.uri(URI.create(apiUrl + path)).GET();
            description = "GET " + path;
        }
        String created = drill;
        long sentAt = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    synchronized (latency) {
                        latency.add((System.nanoTime() - sentAt) / 1e6);
                    }
                    if (failure != null) {
                        failures.add(description + ": " + failure);
                    } else if (response.statusCode() >= 300) {
                        failures.add(description + ": " + response.statusCode());
                    } else if (created != null) {
                        drills.add(created);
                    }
                    return null;
                });
    }

    /** An action that may throw, such as killing a process. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
