package io.securewatch.controlplane.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which occurrences of a repeating error get their stack trace logged: the first one, then at most one
 * per interval. The others are still logged, without the trace.
 */
final class CauseSampler {

    private final long intervalNanos;
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

    CauseSampler(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Returns true for the occurrence that should carry the stack trace. */
    boolean shouldLogCause() {
        long now = System.nanoTime();
        long last = lastLogged.get();
        boolean due = last == Long.MIN_VALUE || now - last >= intervalNanos;
        return due && lastLogged.compareAndSet(last, now);
    }
}
