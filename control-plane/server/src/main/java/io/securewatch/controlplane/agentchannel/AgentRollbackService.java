package io.securewatch.controlplane.agentchannel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.cluster.ClusterService;
import io.securewatch.controlplane.clusterstate.ClusterStatusService;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rolls back a cluster whose agent is ahead of the desired state, once an operator confirmed it. Runs in the caller's
 * transaction and records an audit event.
 */
@ApplicationScoped
public class AgentRollbackService {

    @Inject
    ClusterService clusters;

    @Inject
    ClusterStatusService statuses;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    AuditLog audit;

    /**
     * Stores the cluster's desired state under a revision above the one its agent applied and clears the agent's ahead
     * mark. The stream then sends the agent that state as a complete bundle, which deletes whatever the agent applied
     * beyond it. Fails with 409 when the agent is not ahead.
     *
     * @return the cluster's status after the change
     */
    public Uni<ClusterStatus> confirm(String cluster, ChangeOrigin origin) {
        return clusters.get(cluster)
                .chain(entity -> lockAheadRevision(entity.id).chain(agentRevision -> {
                    if (agentRevision == null) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "cluster '" + cluster
                                        + "' is not ahead of its desired state, so there is no rollback to"
                                        + " confirm; its status shows ahead: true when its agent holds a revision the control"
                                        + " plane does not have");
                    }
                    return statuses.status(cluster)
                            .chain(before -> desiredState
                                    .reissue(entity.id, agentRevision)
                                    .chain(() -> clearAhead(entity.id))
                                    .chain(() -> statuses.status(cluster))
                                    .call(after -> audit.record(
                                            origin,
                                            AuditAction.CONFIRM_ROLLBACK,
                                            ObjectKind.CLUSTER,
                                            cluster,
                                            null,
                                            revisions(before),
                                            revisions(after))));
                }));
    }

    /**
     * Locks the cluster's row and then its agent state's row, in the order the agent streams lock them, and returns
     * the revision the agent was found ahead with, or null when it is not ahead.
     */
    private static Uni<Long> lockAheadRevision(long clusterId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from cluster where id = :cluster for update", Long.class)
                        .setParameter("cluster", clusterId)
                        .getSingleResult()
                        .chain(() -> session.createNativeQuery(
                                        "select ahead_revision from cluster_agent_state where cluster_id = :cluster"
                                                + " for update",
                                        Long.class)
                                .setParameter("cluster", clusterId)
                                .getResultList()))
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    private static Uni<Void> clearAhead(long clusterId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("update cluster_agent_state set ahead_revision = null,"
                                + " ahead_hash = null, ahead_since = null where cluster_id = :cluster")
                        .setParameter("cluster", clusterId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Returns the fields of the status that the rollback changes, for the audit event. */
    private static Map<String, Object> revisions(ClusterStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("cluster", status.cluster());
        view.put("desiredRevision", status.desiredRevision());
        view.put("desiredHash", status.desiredHash());
        view.put("appliedRevision", status.appliedRevision());
        view.put("ahead", status.ahead());
        view.put("agentRevision", status.agentRevision());
        view.put("agentHash", status.agentHash());
        return view;
    }
}
