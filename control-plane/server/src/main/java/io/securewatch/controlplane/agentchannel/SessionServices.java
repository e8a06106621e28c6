package io.securewatch.controlplane.agentchannel;

/** Dependencies of an agent session on the rest of the control plane. */
record SessionServices(
        AgentRegistry registry,
        AgentStateStore state,
        BundleCache bundles,
        ConnectedAgents connected,
        String replicaId,
        int heartbeatIntervalSeconds) {}
