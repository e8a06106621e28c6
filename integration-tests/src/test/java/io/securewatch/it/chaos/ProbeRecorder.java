package io.securewatch.it.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls a control plane's liveness and readiness probes, as Kubernetes would, and records every response, so that a
 * test can check what they reported at each moment of a fault.
 */
final class ProbeRecorder implements AutoCloseable {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * One request to a probe, sent and completed at these {@link System#nanoTime} values; status 0 when no response
     * arrived within the timeout.
     */
    record Sample(String path, long sentAtNanos, long completedAtNanos, int status) {}

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    private ProbeRecorder(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Starts polling both probes, one after the other, every interval. */
    static ProbeRecorder start(String baseUrl, Duration interval) {
        ProbeRecorder recorder = new ProbeRecorder(baseUrl);
        recorder.scheduler.scheduleWithFixedDelay(
                () -> {
                    recorder.probe(LIVE);
                    recorder.probe(READY);
                },
                0,
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return recorder;
    }

    /** Returns the probe's requests sent at or after the instant, in the order they were sent. */
    List<Sample> since(String path, long fromNanos) {
        return samples.stream()
                .filter(sample -> sample.path().equals(path) && sample.sentAtNanos() - fromNanos >= 0)
                .toList();
    }

    /**
     * Returns the probe's requests sent at or after {@code fromNanos} and completed before {@code toNanos}, in the
     * order they were sent.
     */
    List<Sample> within(String path, long fromNanos, long toNanos) {
        return since(path, fromNanos).stream()
                .filter(sample -> sample.completedAtNanos() - toNanos < 0)
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void probe(String path) {
        long sentAt = System.nanoTime();
        int status;
        try {
            status = http.send(
                            HttpRequest.newBuilder(URI.create(baseUrl + path))
                                    .timeout(PROBE_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        samples.add(new Sample(path, sentAt, System.nanoTime(), status));
    }
}
