package io.securewatch.agent.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time between zero and
 * {@code min(max, min * 2^n)}, so that agents that lost the control plane together do not return together.
 */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private int attempts;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    /** Returns the wait before the next attempt and counts it. */
    synchronized Duration next() {
        long ceiling = Math.min(max.toMillis(), min.toMillis() << Math.min(attempts, 20));
        attempts++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(1, ceiling) + 1));
    }

    /** Returns the longest wait, for conditions that only an operator can fix. */
    Duration longest() {
        return max;
    }

    synchronized void reset() {
        attempts = 0;
    }
}
