package io.securewatch.controlplane.leadership;

import io.smallrye.mutiny.Uni;

/**
 * Tells whether this replica may run work that must run once across all replicas, such as the Consul catalog watch,
 * drill execution or tenant steps. Such work checks {@link #isLeader} before it starts and calls {@link #fence} in each transaction that
 * writes, so that a replica deposed in the meantime writes nothing.
 */
public interface Leadership {

    /** Returns whether this replica leads now. */
    boolean isLeader();

    /**
     * Checks in the caller's transaction that this replica still holds the lease under the epoch it leads with, and
     * keeps the lease from changing hands until the transaction ends; fails with {@link FencedOutException} otherwise.
     */
    Uni<Void> fence();
}
