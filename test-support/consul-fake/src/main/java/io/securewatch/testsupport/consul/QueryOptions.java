package io.securewatch.testsupport.consul;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The blocking and consistency parameters of a read, as the Consul HTTP API documentation, "Blocking Queries" and
 * "Consistency Modes", describes them.
 *
 * @param minIndex the {@code index} parameter as an unsigned 64-bit value; 0 (or no parameter) means no blocking
 * @param requestedWait the {@code wait} parameter, or null when the request has none
 * @param consistency the value of {@code X-Consul-Effective-Consistency}: "leader", "stale" or "consistent"
 */
record QueryOptions(long minIndex, Duration requestedWait, String consistency) {

    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    /** Consul adds a random jitter of up to wait / 16 to spread the wake-ups of concurrent requests. */
    static final int JITTER_DIVISOR = 16;

    static QueryOptions from(Call call) {
        long minIndex = 0;
        String index = call.param("index").orElse("");
        if (!index.isEmpty()) {
            try {
                minIndex = Long.parseUnsignedLong(index);
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("Invalid index \"" + index + "\": use the X-Consul-Index of a response");
            }
        }
        Duration wait = null;
        String waitText = call.param("wait").orElse("");
        if (!waitText.isEmpty()) {
            wait = GoDuration.parse(waitText)
                    .orElseThrow(() -> HttpError.badRequest(
                            "Invalid wait time \"" + waitText + "\": use a duration such as \"10s\" or \"5m\""));
        }
        boolean stale = call.has("stale");
        boolean consistent = call.has("consistent");
        if (stale && consistent) {
            throw HttpError.badRequest("Cannot specify both ?stale and ?consistent: their semantics conflict");
        }
        String consistency = "leader";
        if (stale) {
            consistency = "stale";
        } else if (consistent) {
            consistency = "consistent";
        }
        return new QueryOptions(minIndex, wait, consistency);
    }

    boolean blocking() {
        return minIndex != 0;
    }

    /** Returns whether a result's index lets a blocking read return, comparing unsigned as Consul does. */
    boolean isSatisfiedBy(long resultIndex) {
        return Long.compareUnsigned(resultIndex, minIndex) > 0;
    }

    /**
     * Returns how long a blocking read waits at most: the requested wait capped at 10 minutes, 5 minutes when the
     * request gives none or a wait of 0 or less, plus a random jitter below wait / 16.
     */
    Duration effectiveWait(RandomGenerator random) {
        Duration wait;
        if (requestedWait == null || requestedWait.isZero() || requestedWait.isNegative()) {
            wait = DEFAULT_WAIT;
        } else if (requestedWait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        } else {
            wait = requestedWait;
        }
        long jitterBound = wait.toNanos() / JITTER_DIVISOR;
        long jitter = jitterBound > 0 ? random.nextLong(jitterBound) : 0;
        return wait.plusNanos(jitter);
    }
}
