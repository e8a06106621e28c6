package io.securewatch.controlplane.tenant.provisioning;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the tenant operations' steps. */
@ConfigMapping(prefix = "securewatch.tenants.provisioning")
public interface ProvisioningConfig {

    /** How often the leader looks for steps that are due, as a Quarkus scheduler interval. */
    @WithDefault("1s")
    String tickInterval();

    /** How often a waiting step looks again, such as one waiting for agents to apply a tenant's namespace. */
    @WithDefault("2s")
    Duration waitInterval();

    /** The wait after a step's first failure; it doubles with each further failure. */
    @WithDefault("2s")
    Duration firstBackoff();

    /** The maximum wait between two attempts of a failing step. */
    @WithDefault("5m")
    Duration maxBackoff();
}
