package io.securewatch.controlplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The staleness rule of the catalog, at a fixed time, with 20 s of allowed silence. */
class StalenessTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration FRESH_FOR = Duration.ofSeconds(20);

    @Test
    void recentContactIsFresh() {
        // when
        Staleness staleness = Staleness.of(NOW.minusSeconds(5), null, null, NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isFalse();
        assertThat(staleness.staleForSeconds()).isNull();
        assertThat(staleness.lastError()).isNull();
    }

    @Test
    void contactAtLimitIsFresh() {
        // when
        Staleness staleness = Staleness.of(NOW.minus(FRESH_FOR), null, null, NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isFalse();
    }

    @Test
    void silenceBeyondLimitIsStale() {
        // when
        Staleness staleness = Staleness.of(NOW.minusSeconds(21), null, null, NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isTrue();
        assertThat(staleness.staleForSeconds()).isEqualTo(21);
        assertThat(staleness.lastError()).isNull();
    }

    @Test
    void failureAfterContactIsStaleAtOnce() {
        // when
        Staleness staleness =
                Staleness.of(NOW.minusSeconds(3), "connection refused", NOW.minusSeconds(1), NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isTrue();
        assertThat(staleness.staleForSeconds()).isEqualTo(3);
        assertThat(staleness.lastError()).isEqualTo("connection refused");
    }

    @Test
    void failureBeforeContactIsHidden() {
        // when
        Staleness staleness =
                Staleness.of(NOW.minusSeconds(1), "connection refused", NOW.minusSeconds(3), NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isFalse();
        assertThat(staleness.lastError()).isNull();
    }

    @Test
    void failureBeforeFirstContactIsStale() {
        // when
        Staleness staleness = Staleness.of(null, "timed out", NOW.minusSeconds(1), NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isTrue();
        assertThat(staleness.staleForSeconds()).isNull();
        assertThat(staleness.lastError()).isEqualTo("timed out");
    }

    @Test
    void noContactYetIsStale() {
        // when
        Staleness staleness = Staleness.of(null, null, null, NOW, FRESH_FOR);

        // then
        assertThat(staleness.stale()).isTrue();
        assertThat(staleness.staleForSeconds()).isNull();
        assertThat(staleness.lastError()).isNull();
    }
}
