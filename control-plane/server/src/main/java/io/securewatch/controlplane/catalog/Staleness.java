package io.securewatch.controlplane.catalog;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a region's catalog entries are stale, computed from when its Consul last responded and last failed. They
 * are stale when the Consul failed after its last response, or has not responded within {@code freshFor}.
 *
 * @param staleForSeconds the age of the last response in seconds when stale, or null when fresh or when Consul never
 *     responded
 * @param lastError the last failure, or null unless it happened after the last response
 */
record Staleness(boolean stale, Long staleForSeconds, String lastError) {

    /**
     * Returns how long a region's Consul may stay silent before its entries are stale: one blocking wait plus the
     * grace period.
     */
    static Duration freshFor(CatalogConfig config) {
        return config.blockingWait().plus(config.staleAfter());
    }

    /** Computes the staleness at {@code now}. Only {@code now} and {@code freshFor} must be non-null. */
    static Staleness of(Instant lastContactAt, String lastError, Instant lastErrorAt, Instant now, Duration freshFor) {
        boolean failedSinceContact =
                lastErrorAt != null && (lastContactAt == null || lastErrorAt.isAfter(lastContactAt));
        boolean silent = lastContactAt == null || lastContactAt.plus(freshFor).isBefore(now);
        boolean stale = failedSinceContact || silent;
        Long age = stale && lastContactAt != null
                ? Duration.between(lastContactAt, now).toSeconds()
                : null;
        return new Staleness(stale, age, failedSinceContact ? lastError : null);
    }
}
