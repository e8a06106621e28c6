package io.securewatch.it.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples in milliseconds and their percentiles (nearest-rank method). */
public final class LatencyStats {

    private final List<Double> samples = new ArrayList<>();

    public void add(double millis) {
        samples.add(millis);
    }

    public int count() {
        return samples.size();
    }

    public double percentile(double percent) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public String summary() {
        return String.format(
                "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples)",
                percentile(50), percentile(99), percentile(100), count());
    }
}
