package io.securewatch.controlplane.tenant.provisioning;

import java.time.Duration;

/**
 * How long a failed step waits before its next attempt: the first delay after the first failure, doubling with each
 * further failure up to the ceiling. Pure code.
 */
public record Backoff(Duration first, Duration ceiling) {

    public Backoff {
        if (first.isNegative() || first.isZero() || ceiling.compareTo(first) < 0) {
            throw new IllegalArgumentException(
                    "the first backoff must be positive and at most the ceiling, got " + first + " and " + ceiling);
        }
    }

    /** Returns the wait after the given number of failed attempts, at least one. */
    public Duration after(int failures) {
        Duration delay = first;
        for (int failure = 1; failure < failures && delay.compareTo(ceiling) < 0; failure++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(ceiling) > 0 ? ceiling : delay;
    }
}
