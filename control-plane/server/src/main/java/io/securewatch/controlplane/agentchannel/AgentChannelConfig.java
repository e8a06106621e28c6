package io.securewatch.controlplane.agentchannel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of agent registration and of the agent streams this replica holds. */
@ConfigMapping(prefix = "securewatch.agents")
public interface AgentChannelConfig {

    /** How long a registration token can be exchanged for a credential. */
    @WithDefault("PT1H")
    Duration registrationTokenTtl();

    /**
     * Name of this control-plane replica, recorded with the streams it holds; defaults to the host name and a
     * random suffix.
     */
    Optional<String> replicaId();

    /** How often this replica looks for agent streams that have gone silent. */
    @WithDefault("5s")
    String silenceCheckInterval();
}
