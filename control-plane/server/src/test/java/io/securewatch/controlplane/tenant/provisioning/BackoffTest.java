package io.securewatch.controlplane.tenant.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    void delayDoublesWithEachFailure() {
        // when / then
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void delayStopsAtTheCeiling() {
        // when / then
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(10_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void firstDelayAboveCeilingRejected() {
        // when / then
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most the ceiling");
    }
}
