package io.securewatch.it.chaos;

import io.securewatch.it.ItApi;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes through the REST API at a fixed rate until stopped, each write a new dry-run drill definition posted with an
 * {@code Idempotency-Key}, and records the outcome of every one. Writes go out on schedule whether earlier ones have
 * completed or not, so an outage shows as failed writes rather than as a lower rate.
 */
final class SteadyWrites implements AutoCloseable {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final String AUTHORIZATION =
            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    /**
     * One write: the drill it created, when it was sent and completed on {@link System#nanoTime}, and its HTTP status,
     * or 0 with the exception when no response arrived.
     */
    record Write(String drill, long sentAtNanos, long completedAtNanos, int status, String error) {

        /** Tells whether the response was 2xx, which means that the control plane committed the write. */
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            return drill + ": " + (status == 0 ? error : String.valueOf(status));
        }
    }

    private final String apiUrl;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http;
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<?>> pending = new ArrayList<>();

    SteadyWrites(String apiUrl) {
        this.apiUrl = apiUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT)
                .executor(executor)
                .build();
    }

    /** Starts sending {@code perSecond} writes a second. */
    void start(int perSecond) {
        ticker.scheduleAtFixedRate(this::send, 0, TimeUnit.SECONDS.toNanos(1) / perSecond, TimeUnit.NANOSECONDS);
    }

    /** Stops sending and waits until every write sent has received a response or timed out. */
    void stop() throws Exception {
        ticker.shutdown();
        if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the write schedule did not stop within 5 s");
        }
        CompletableFuture<?>[] all;
        synchronized (pending) {
            all = pending.toArray(CompletableFuture[]::new);
        }
        CompletableFuture.allOf(all).get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    /** Returns the writes completed so far, with a response or an exception, in no particular order. */
    List<Write> writes() {
        return List.copyOf(writes);
    }

    @Override
    public void close() throws InterruptedException {
        ticker.shutdownNow();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void send() {
        String drill = ItApi.unique("write");
        String body = "{\"name\":\"" + drill + "\",\"type\":\"region-evacuation\",\"target\":\"eu-west-1\","
                + "\"mode\":\"dry-run\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/v1/drills"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", AUTHORIZATION)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long sentAt = System.nanoTime();
        CompletableFuture<?> completion = http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> writes.add(
                        failure == null
                                ? new Write(drill, sentAt, System.nanoTime(), response.statusCode(), null)
                                : new Write(drill, sentAt, System.nanoTime(), 0, failure.toString())));
        synchronized (pending) {
            pending.add(completion);
        }
    }
}
