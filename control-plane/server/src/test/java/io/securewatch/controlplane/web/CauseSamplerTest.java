package io.securewatch.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CauseSamplerTest {

    @Test
    void firstOccurrenceCarriesCause() {
        CauseSampler sampler = new CauseSampler(Duration.ofHours(1));

        assertThat(sampler.shouldLogCause()).isTrue();
        assertThat(sampler.shouldLogCause()).isFalse();
        assertThat(sampler.shouldLogCause()).isFalse();
    }

    @Test
    void zeroIntervalLogsEveryCause() {
        CauseSampler sampler = new CauseSampler(Duration.ZERO);

        assertThat(sampler.shouldLogCause()).isTrue();
        assertThat(sampler.shouldLogCause()).isTrue();
    }
}
