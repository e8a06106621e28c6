package io.securewatch.controlplane.leadership;

/**
 * Tells whether this replica may run work that must run once across all replicas, such as the Consul catalog
 * watch, drill execution or housekeeping. Such work asks before it starts and, once a lease exists, before each
 * write.
 */
public interface Leadership {

    /** Returns whether this replica leads now. */
    boolean isLeader();
}
