package io.securewatch.controlplane;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Supplies the clock that every timestamp of the control plane comes from, so tests can fix the time. It ticks
 * in microseconds, the precision of PostgreSQL timestamps, so a value reads back exactly as it was written.
 */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));
    }
}
