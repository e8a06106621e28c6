package io.securewatch.controlplane.agentchannel;

import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Keeps one stream from rolling its cluster back without an operator. An agent that applied a revision the desired
 * state does not account for (see {@link AgentPosition}) is marked ahead in the database, and the stream sends it
 * nothing until the mark is cleared. The mark stays when the desired revision later grows past the agent's, because
 * those revisions still lack what the agent applied. An operator clears it by confirming the rollback, and the
 * session clears it when the agent reports the desired revision and hash again.
 */
final class AheadHold {

    private static final Logger LOG = Logger.getLogger(AheadHold.class);

    /** Next step of the session after {@link #check}. */
    enum Decision {
        /** Send the desired revision as usual. */
        SEND,

        /** Send the desired revision as a complete bundle, because a rollback was confirmed while holding. */
        SEND_COMPLETE,

        /** Send nothing: the agent is ahead, or has the desired state already. */
        HOLD,

        /** Send nothing now and read the desired state again, because it changed while the mark was recorded. */
        READ_AGAIN
    }

    private final AgentStateStore state;
    private final String cluster;
    private volatile boolean holding;

    AheadHold(AgentStateStore state, String cluster) {
        this.state = state;
        this.cluster = cluster;
    }

    /** Tells whether this stream is holding back, so that every push reads the desired state from the database. */
    boolean holding() {
        return holding;
    }

    /**
     * Compares the agent's applied revision with a target just read from the database, and records the outcome.
     *
     * @param agentRevision the revision the agent applied, as its Hello or its last Ack reported it
     * @param agentHash the content hash of that revision
     */
    Uni<Decision> check(AgentStateStore.ClusterTarget target, long agentRevision, String agentHash) {
        AgentPosition position =
                AgentPosition.of(agentRevision, agentHash, target.desiredRevision(), target.desiredHash());
        if (position == AgentPosition.AHEAD) {
            return state.recordAhead(target.clusterId(), agentRevision, agentHash)
                    .map(recorded -> {
                        if (!recorded) {
                            return Decision.READ_AGAIN;
                        }
                        hold(target, agentRevision);
                        return Decision.HOLD;
                    });
        }
        if (target.agentAhead() && position == AgentPosition.BEHIND) {
            hold(target, agentRevision);
            return Uni.createFrom().item(Decision.HOLD);
        }
        if (target.agentAhead()) {
            return state.clearAhead(target.clusterId()).map(ignored -> {
                holding = false;
                LogFields.info(
                        LOG,
                        "Agent holds the desired state again; it is no longer ahead",
                        LogKeys.CLUSTER,
                        cluster,
                        LogKeys.REVISION,
                        agentRevision);
                return Decision.HOLD;
            });
        }
        if (holding) {
            holding = false;
            LogFields.info(
                    LOG,
                    "Rollback confirmed; sending the complete desired state",
                    LogKeys.CLUSTER,
                    cluster,
                    LogKeys.REVISION,
                    target.desiredRevision());
            return Uni.createFrom().item(Decision.SEND_COMPLETE);
        }
        return Uni.createFrom().item(Decision.SEND);
    }

    /** Stops sending to the agent, with a warning the first time on this stream. */
    private void hold(AgentStateStore.ClusterTarget target, long agentRevision) {
        if (holding) {
            return;
        }
        holding = true;
        LogFields.warn(
                LOG,
                null,
                "Agent is ahead of the desired state; sending it nothing until an operator confirms a rollback",
                LogKeys.CLUSTER,
                cluster,
                LogKeys.REVISION,
                agentRevision,
                LogKeys.DESIRED_REVISION,
                target.desiredRevision());
    }
}
