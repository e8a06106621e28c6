package io.securewatch.controlplane.agentchannel;

import java.util.Objects;

/** Position of the revision an agent applied relative to its cluster's desired revision. */
enum AgentPosition {

    /** The agent applied the desired revision with the desired content, or neither side has a revision yet. */
    CURRENT,

    /** The agent applied an older revision, so it receives the desired one. */
    BEHIND,

    /**
     * The agent applied a revision above the desired one, or the desired revision with other content. The database
     * has no record of that state, as after a restore of the database from an older backup.
     */
    AHEAD;

    /**
     * Compares the agent's applied revision with the desired state.
     *
     * @param agentHash content hash of the agent's revision; empty or null when the agent applied none
     * @param desiredHash null before the cluster's first revision
     */
    static AgentPosition of(long agentRevision, String agentHash, long desiredRevision, String desiredHash) {
        if (agentRevision > desiredRevision) {
            return AHEAD;
        }
        if (agentRevision < desiredRevision) {
            return BEHIND;
        }
        if (agentRevision == 0 || Objects.equals(agentHash, desiredHash)) {
            return CURRENT;
        }
        return AHEAD;
    }
}
