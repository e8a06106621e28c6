package io.securewatch.controlplane.leadership;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the leader lease that replicas share in PostgreSQL. */
@ConfigMapping(prefix = "securewatch.leadership")
public interface LeadershipConfig {

    /**
     * How long a lease lasts after its last renewal. A leader that stops renewing, such as a crashed or paused one, is
     * replaced this long after its last renewal at the latest.
     */
    @WithDefault("15s")
    Duration leaseTime();

    /** How often every replica renews or tries to take the lease, as a Quarkus scheduler interval. */
    @WithDefault("5s")
    String renewInterval();
}
