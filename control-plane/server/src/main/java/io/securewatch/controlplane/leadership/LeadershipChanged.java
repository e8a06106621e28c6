package io.securewatch.controlplane.leadership;

/**
 * Fired when this replica gains or loses the leader lease, so that leader-only work can start or stop at once.
 *
 * @param epoch the epoch of the lease this replica now holds, or 0 when it lost it
 */
public record LeadershipChanged(boolean leader, long epoch) {}
