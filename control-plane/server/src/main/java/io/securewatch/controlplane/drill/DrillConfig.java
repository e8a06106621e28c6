package io.securewatch.controlplane.drill;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of live drill runs. */
@ConfigMapping(prefix = "securewatch.drills")
public interface DrillConfig {

    /**
     * How often the leader advances the running runs, as a Quarkus scheduler interval. Quarkus' scheduler warns about
     * intervals under 1 s and runs them later. A guardrail breach is acted on within one interval of its heartbeat.
     */
    @WithDefault("1s")
    String tickInterval();

    /**
     * How long after a control plane picks up a run, at start or after a restart, a disconnected survivor agent
     * does not yet count as a guardrail breach: agents reconnect to a restarted control plane with backoff.
     */
    @WithDefault("30s")
    Duration reconnectGrace();

    /** How often the leader looks for drill schedules that are due, as a Quarkus scheduler interval. */
    @WithDefault("30s")
    String scheduleCheckInterval();

    /**
     * How late a scheduled run may still start. A fire missed by more, such as during an outage, is skipped and
     * logged, and the schedule goes on with its next fire.
     */
    @WithDefault("1h")
    Duration scheduleMisfireWindow();
}
