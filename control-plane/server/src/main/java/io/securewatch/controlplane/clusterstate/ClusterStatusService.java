package io.securewatch.controlplane.clusterstate;

import static io.securewatch.controlplane.sql.SqlValues.instant;
import static io.securewatch.controlplane.sql.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.ConsulHealth;
import io.securewatch.controlplane.desiredstate.BundleYaml;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports what a cluster should hold and how far its agent has got, for the REST API. */
@ApplicationScoped
public class ClusterStatusService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {};

    /** Heartbeats an agent may miss before it counts as disconnected. */
    static final int MISSED_HEARTBEATS = 3;

    @Inject
    ClusterStateRepository bundles;

    @Inject
    ClusterStateConfig config;

    @Inject
    Clock clock;

    @Inject
    RegionConsulHealth consulHealth;

    /** Returns the status of an existing cluster, with the health of its region's Consul. */
    public Uni<ClusterStatus> status(String cluster) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select c.name, c.desired_revision, c.desired_hash, s.applied_revision, s.applied_at,"
                                        + " s.last_nack_revision, cast(s.last_nack_errors as text), s.last_nack_at,"
                                        + " s.last_heartbeat_at, cast(s.facts as text), cast(s.drift as text),"
                                        + " s.connected, s.connected_replica, s.connected_at, s.disconnected_at,"
                                        + " s.agent_version, cast(s.applied_targets as text), c.region_id,"
                                        + " s.ahead_revision, s.ahead_hash, s.ahead_since"
                                        + " from cluster c left join cluster_agent_state s on s.cluster_id = c.id"
                                        + " where c.name = :cluster",
                                Object[].class)
                        .setParameter("cluster", cluster)
                        .getSingleResult())
                .chain(row -> consulHealth.find(number(row[17])).map(consul -> toStatus(row, consul)));
    }

    /** Counts the clusters of a region and those whose agent is connected, by the same rule as {@link #status}. */
    public Uni<AgentConnections> connectionsInRegion(long regionId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select s.connected, s.last_heartbeat_at"
                                        + " from cluster c left join cluster_agent_state s on s.cluster_id = c.id"
                                        + " where c.region_id = :region",
                                Object[].class)
                        .setParameter("region", regionId)
                        .getResultList())
                .map(rows -> {
                    int connected = 0;
                    for (Object[] row : rows) {
                        if (isConnected((Boolean) row[0], instant(row[1]))) {
                            connected++;
                        }
                    }
                    return new AgentConnections(rows.size(), connected);
                });
    }

    /**
     * Returns every cluster of the regions with whether its agent is connected, by the same rule as {@link #status},
     * how many revisions it lags behind, and whether it is ahead of the desired state, in cluster name order.
     */
    public Uni<List<AgentSummary>> agentsInRegions(java.util.Collection<String> regions) {
        if (regions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select c.name, r.name, s.connected, s.last_heartbeat_at, c.desired_revision,"
                                        + " coalesce(s.applied_revision, 0), s.ahead_revision is not null"
                                        + " from cluster c join region r on r.id = c.region_id"
                                        + " left join cluster_agent_state s on s.cluster_id = c.id"
                                        + " where r.name in (:regions) order by c.name",
                                Object[].class)
                        .setParameter("regions", List.copyOf(regions))
                        .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> new AgentSummary(
                                (String) row[0],
                                (String) row[1],
                                isConnected((Boolean) row[2], instant(row[3])),
                                Math.max(0, number(row[4]) - number(row[5])),
                                Boolean.TRUE.equals(row[6])))
                        .toList());
    }

    /** Returns the cluster's current bundle as multi-document YAML, or null before its first bundle. */
    public Uni<RenderedBundle> desiredState(String cluster) {
        return bundles.latestBundle(cluster).map(bundle -> {
            if (bundle == null) {
                return null;
            }
            List<Map<String, Object>> manifests = new ArrayList<>();
            for (StoredBundle.StoredObject object : bundle.objects()) {
                manifests.add(parse(object.manifestJson(), MAP));
            }
            return new RenderedBundle(bundle.revision(), bundle.contentHash(), manifests, BundleYaml.render(manifests));
        });
    }

    /**
     * Returns whether a cluster's agent is connected, which means that its stream is open and that it sent a heartbeat
     * within {@link #MISSED_HEARTBEATS} heartbeat intervals. Both values come from {@code cluster_agent_state} and are
     * null before the agent's first stream.
     */
    public boolean isConnected(Boolean streamOpen, Instant lastHeartbeat) {
        boolean fresh = lastHeartbeat != null
                && lastHeartbeat.isAfter(
                        clock.instant().minus(config.heartbeatInterval().multipliedBy(MISSED_HEARTBEATS)));
        return Boolean.TRUE.equals(streamOpen) && fresh;
    }

    private ClusterStatus toStatus(Object[] row, ConsulHealth regionConsul) {
        long desired = number(row[1]);
        long applied = row[3] == null ? 0 : number(row[3]);
        Instant lastHeartbeat = instant(row[8]);
        ClusterStatus.Nack nack = row[5] == null
                ? null
                : new ClusterStatus.Nack(number(row[5]), instant(row[7]), objectErrors((String) row[6]));
        Long agentRevision = row[18] == null ? null : number(row[18]);
        return new ClusterStatus(
                (String) row[0],
                isConnected((Boolean) row[11], lastHeartbeat),
                (String) row[15],
                (String) row[12],
                instant(row[13]),
                instant(row[14]),
                desired,
                (String) row[2],
                applied,
                instant(row[4]),
                Math.max(0, desired - applied),
                agentRevision != null,
                agentRevision,
                (String) row[19],
                instant(row[20]),
                lastHeartbeat,
                drift((String) row[10]),
                nack,
                row[9] == null ? null : parse((String) row[9], MAP),
                appliedTargets((String) row[16]),
                regionConsul);
    }

    private static List<ClusterStatus.ObjectError> objectErrors(String json) {
        if (json == null) {
            return List.of();
        }
        return parse(json, LIST).stream()
                .map(error -> new ClusterStatus.ObjectError(
                        (String) error.get("object"), (String) error.get("reason"), (String) error.get("message")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<ClusterStatus.AppliedTarget> appliedTargets(String json) {
        if (json == null) {
            return List.of();
        }
        return parse(json, LIST).stream()
                .map(entry -> new ClusterStatus.AppliedTarget(
                        (String) entry.get("target"), (String) entry.get("address"), (List<String>)
                                entry.get("objects")))
                .toList();
    }

    private static List<ClusterStatus.Drift> drift(String json) {
        if (json == null) {
            return List.of();
        }
        return parse(json, LIST).stream()
                .map(entry -> new ClusterStatus.Drift(
                        (String) entry.get("object"),
                        (String) entry.get("description"),
                        Boolean.TRUE.equals(entry.get("corrected"))))
                .toList();
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored cluster state is not valid JSON", e);
        }
    }

    /** The number of clusters in a region, and of those whose agent is connected. */
    public record AgentConnections(int clusters, int connected) {}

    /**
     * A cluster's agent as pre-flight checks see it.
     *
     * @param revisionLag desired minus applied revision
     */
    public record AgentSummary(String cluster, String region, boolean connected, long revisionLag, boolean ahead) {}

    /** A stored bundle with its manifests as maps and as YAML. */
    public record RenderedBundle(long revision, String contentHash, List<Map<String, Object>> manifests, String yaml) {}
}
