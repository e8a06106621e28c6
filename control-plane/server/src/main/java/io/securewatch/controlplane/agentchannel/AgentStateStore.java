package io.securewatch.controlplane.agentchannel;

import io.securewatch.controlplane.clusterstate.ClusterStateRepository;
import io.securewatch.controlplane.clusterstate.StoredBundle;
import io.securewatch.controlplane.json.CanonicalJson;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Reads bundles for agent streams and records what agents report. Each record is a single statement on the
 * reactive SQL client, so acknowledgements and heartbeats of many agents do not queue behind each other.
 */
@ApplicationScoped
public class AgentStateStore {

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /**
     * Returns the cluster's current revision and settings, and whether its agent was found ahead, or null when the
     * cluster no longer exists.
     */
    public Uni<ClusterTarget> target(String cluster) {
        return pool.preparedQuery("select c.id, c.desired_revision, c.desired_hash, c.drift_policy,"
                        + " s.ahead_revision is not null from cluster c"
                        + " left join cluster_agent_state s on s.cluster_id = c.id where c.name = $1")
                .execute(Tuple.of(cluster))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new ClusterTarget(
                            row.getLong(0), row.getLong(1), row.getString(2), row.getString(3), row.getBoolean(4));
                });
    }

    /** Returns the bundle of the cluster at an earlier revision, or null when it is no longer stored. */
    public Uni<StoredBundle> bundleAt(long clusterId, String cluster, long revision) {
        return pool.preparedQuery("select content_hash, cast(objects as text), traceparent, tracestate"
                        + " from cluster_bundle where cluster_id = $1 and revision = $2")
                .execute(Tuple.of(clusterId, revision))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredBundle(
                            cluster,
                            revision,
                            row.getString(0),
                            ClusterStateRepository.parseObjects(row.getString(1)),
                            row.getString(2),
                            row.getString(3));
                });
    }

    /** Marks a new stream of the cluster's agent open and returns the last revision the agent acknowledged. */
    public Uni<Long> markConnected(long clusterId, String sessionId, String replica, String agentVersion) {
        return pool.preparedQuery("insert into cluster_agent_state (cluster_id, connected, session_id,"
                        + " connected_replica, connected_at, agent_version, last_heartbeat_at)"
                        + " values ($1, true, $2, $3, $4, $5, $4) on conflict (cluster_id) do update set"
                        + " connected = true, session_id = $2, connected_replica = $3, connected_at = $4,"
                        + " agent_version = $5, last_heartbeat_at = $4 returning applied_revision")
                .execute(Tuple.of(clusterId, sessionId, replica, now(), agentVersion))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Marks the stream closed, unless a newer stream of the same cluster has taken over in the meantime. */
    public Uni<Void> markDisconnected(long clusterId, String sessionId) {
        return pool.preparedQuery("update cluster_agent_state set connected = false, disconnected_at = $1"
                        + " where cluster_id = $2 and session_id = $3")
                .execute(Tuple.of(now(), clusterId, sessionId))
                .replaceWithVoid();
    }

    /** Marks several streams closed at once, for a replica that shuts down. */
    public Uni<Void> markDisconnected(List<String> sessionIds) {
        return pool.preparedQuery("update cluster_agent_state set connected = false, disconnected_at = $1"
                        + " where session_id = any($2)")
                .execute(Tuple.of(now(), sessionIds.toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * Records an acknowledged revision; an older Ack arriving late never moves the applied revision back.
     *
     * @param appliedTargets one map per target outside Kubernetes, with the keys target, address and objects
     */
    public Uni<Void> recordAck(
            long clusterId, long revision, String contentHash, List<Map<String, Object>> appliedTargets) {
        return pool.preparedQuery("update cluster_agent_state set applied_revision = $1, applied_hash = $2,"
                        + " applied_at = $3, applied_targets = cast(cast($5 as text) as jsonb)"
                        + " where cluster_id = $4 and applied_revision <= $1")
                .execute(Tuple.tuple(
                        List.of(revision, contentHash, now(), clusterId, CanonicalJson.write(appliedTargets))))
                .replaceWithVoid();
    }

    /**
     * Records that the agent applied a revision the cluster's desired state does not account for. Nothing is recorded
     * when the desired state has moved past that revision by the time the cluster's row is locked, as a confirmed
     * rollback moves it. The cluster's row is locked before the agent state's row, in the order a rollback locks
     * them.
     *
     * @return whether the agent counts as ahead now
     */
    public Uni<Boolean> recordAhead(long clusterId, long revision, String contentHash) {
        return pool.preparedQuery("with desired as (select desired_revision, desired_hash from cluster"
                        + " where id = $4 for share)"
                        + " update cluster_agent_state s set ahead_revision = $1, ahead_hash = $2,"
                        + " ahead_since = coalesce(s.ahead_since, $3) from desired d where s.cluster_id = $4"
                        + " and ($1 > d.desired_revision"
                        + " or ($1 = d.desired_revision and $2 is distinct from d.desired_hash))")
                .execute(Tuple.of(revision, contentHash, now(), clusterId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Clears the mark of an agent that was ahead, after it reported the cluster's desired revision and hash. */
    public Uni<Void> clearAhead(long clusterId) {
        return pool.preparedQuery("update cluster_agent_state set ahead_revision = null, ahead_hash = null,"
                        + " ahead_since = null where cluster_id = $1")
                .execute(Tuple.of(clusterId))
                .replaceWithVoid();
    }

    /**
     * Records a rejected revision.
     *
     * @param errors one map per object error, with the keys object, reason and message
     */
    public Uni<Void> recordNack(long clusterId, long revision, List<Map<String, Object>> errors) {
        return pool.preparedQuery(
                        "update cluster_agent_state set last_nack_revision = $1,"
                                + " last_nack_errors = cast(cast($2 as text) as jsonb), last_nack_at = $3 where cluster_id = $4")
                .execute(Tuple.of(revision, CanonicalJson.write(errors), now(), clusterId))
                .replaceWithVoid();
    }

    /**
     * Records a heartbeat.
     *
     * @param facts cluster facts as a map
     * @param drift one map per drifted object, with the keys object, description and corrected
     */
    public Uni<Void> recordHeartbeat(long clusterId, Map<String, Object> facts, List<Map<String, Object>> drift) {
        return pool.preparedQuery("update cluster_agent_state set last_heartbeat_at = $1,"
                        + " facts = cast(cast($2 as text) as jsonb), drift = cast(cast($3 as text) as jsonb)"
                        + " where cluster_id = $4")
                .execute(Tuple.of(now(), CanonicalJson.write(facts), CanonicalJson.write(drift), clusterId))
                .replaceWithVoid();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Desired revision and settings of a cluster at this moment.
     *
     * @param desiredRevision 0 before the cluster's first revision
     * @param driftPolicy REPORT or CORRECT, as stored
     * @param agentAhead whether the cluster's agent was found ahead and no rollback has been confirmed since
     */
    public record ClusterTarget(
            long clusterId, long desiredRevision, String desiredHash, String driftPolicy, boolean agentAhead) {}
}
