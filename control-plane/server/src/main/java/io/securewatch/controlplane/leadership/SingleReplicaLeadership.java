package io.securewatch.controlplane.leadership;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Leadership for a control plane that runs as a single replica, which always leads. NOTE: several replicas need a
 * leader lease in PostgreSQL with a fencing epoch instead; until it exists, run one replica.
 */
@ApplicationScoped
public class SingleReplicaLeadership implements Leadership {

    @Override
    public boolean isLeader() {
        return true;
    }
}
