package io.securewatch.controlplane.clusterstate;

import static io.securewatch.controlplane.sql.SqlValues.number;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.api.v1.TenantTier;
import io.securewatch.controlplane.desiredstate.ClusterInput;
import io.securewatch.controlplane.desiredstate.DesiredBundle;
import io.securewatch.controlplane.desiredstate.DesiredStateCompiler;
import io.securewatch.controlplane.desiredstate.Manifest;
import io.securewatch.controlplane.desiredstate.TenantInput;
import io.securewatch.controlplane.json.CanonicalJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Recomputes the bundles of clusters inside the transaction of an inventory change, so that the change and the
 * new desired revision commit together. A cluster's revision grows only when its bundle's content changes. After
 * commit, PostgreSQL delivers a notification on {@link #CHANNEL} with the cluster name, which wakes the replica
 * that holds the cluster's agent stream.
 *
 * <p>The affected clusters are locked before any tenant or cluster row is read. Two transactions that change the
 * same cluster's inputs therefore take turns, and the second compiles from what the first committed.
 */
@ApplicationScoped
public class DesiredStateRefresher {

    /** PostgreSQL notification channel; the payload is the cluster name. */
    public static final String CHANNEL = "securewatch_cluster_state";

    @Inject
    DesiredStateCompiler compiler;

    @Inject
    ClusterStateConfig config;

    @Inject
    Clock clock;

    /** Recomputes the clusters in the given regions, such as the old and new regions of a changed tenant. */
    public Uni<Void> refreshRegions(Collection<Long> regionIds) {
        if (regionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return ids("select id from cluster where region_id in (:regions)", Map.of("regions", List.copyOf(regionIds)))
                .chain(this::refresh);
    }

    /**
     * Recomputes every cluster whose quota shares depend on the capacity of clusters in this region: the clusters
     * of all regions that share a tenant with it. Call it after a cluster of the region was added, resized or
     * removed.
     */
    public Uni<Void> refreshAroundRegion(long regionId) {
        return ids(
                        "select c.id from cluster c where c.region_id = :region or c.region_id in ("
                                + " select other.region_id from tenant_region own"
                                + " join tenant_region other on other.tenant_id = own.tenant_id"
                                + " where own.region_id = :region)",
                        Map.of("region", regionId))
                .chain(this::refresh);
    }

    /**
     * Wakes the replica that holds the cluster's agent stream without a new revision, after a change of the
     * cluster's settings or its deletion. Delivered at commit.
     */
    public Uni<Void> notifyCluster(String cluster) {
        return Panache.getSession().chain(session -> notify(session, cluster));
    }

    private static Uni<Void> notify(Mutiny.Session session, String cluster) {
        return session.createNativeQuery("select cast(pg_notify(:channel, :cluster) as text)", String.class)
                .setParameter("channel", CHANNEL)
                .setParameter("cluster", cluster)
                .getSingleResultOrNull()
                .replaceWithVoid();
    }

    private Uni<Void> refresh(List<Long> clusterIds) {
        if (clusterIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> lockClusters(session, clusterIds)
                        .chain(locked -> loadInputs(session, locked).chain(inputs -> {
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (LockedCluster cluster : locked) {
                                chain = chain.chain(() -> refreshOne(session, cluster, inputs));
                            }
                            return chain;
                        })));
    }

    private Uni<Void> refreshOne(Mutiny.Session session, LockedCluster cluster, Inputs inputs) {
        DesiredBundle bundle = compiler.compile(cluster.input(), inputs.clusters(), inputs.tenants());
        if (bundle.contentHash().equals(cluster.desiredHash())) {
            return Uni.createFrom().voidItem();
        }
        long revision = cluster.desiredRevision() + 1;
        SpanContext trace = Span.current().getSpanContext();
        String traceparent = trace.isValid()
                ? "00-" + trace.getTraceId() + "-" + trace.getSpanId() + "-"
                        + trace.getTraceFlags().asHex()
                : null;
        String tracestate = trace.isValid() && !trace.getTraceState().isEmpty()
                ? trace.getTraceState().asMap().entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(","))
                : null;
        return session.createNativeQuery(
                        "insert into cluster_bundle (cluster_id, revision, content_hash, objects, traceparent,"
                                + " tracestate, created_at) values (:cluster, :revision, :hash,"
                                + " cast(cast(:objects as text) as jsonb), :traceparent, :tracestate, :createdAt)")
                .setParameter("cluster", cluster.id())
                .setParameter("revision", revision)
                .setParameter("hash", bundle.contentHash())
                .setParameter("objects", CanonicalJson.write(storedObjects(bundle)))
                .setParameter("traceparent", traceparent)
                .setParameter("tracestate", tracestate)
                .setParameter("createdAt", clock.instant())
                .executeUpdate()
                .chain(() -> session.createNativeQuery(
                                "update cluster set desired_revision = :revision, desired_hash = :hash where id = :cluster")
                        .setParameter("revision", revision)
                        .setParameter("hash", bundle.contentHash())
                        .setParameter("cluster", cluster.id())
                        .executeUpdate())
                .chain(() -> session.createNativeQuery(
                                "delete from cluster_bundle where cluster_id = :cluster and revision <= :oldest")
                        .setParameter("cluster", cluster.id())
                        .setParameter("oldest", revision - config.bundlesKept())
                        .executeUpdate())
                .chain(() -> notify(session, cluster.input().name()));
    }

    /** Returns the objects of a bundle in the stored layout: identity, content hash and manifest. */
    static List<Map<String, Object>> storedObjects(DesiredBundle bundle) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Manifest manifest : bundle.objects()) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", manifest.ref().apiVersion());
            object.put("kind", manifest.ref().kind());
            object.put("namespace", manifest.ref().namespace());
            object.put("name", manifest.ref().name());
            object.put("contentHash", manifest.contentHash());
            object.put("manifest", manifest.body());
            objects.add(object);
        }
        return objects;
    }

    private static Uni<List<LockedCluster>> lockClusters(Mutiny.Session session, List<Long> clusterIds) {
        return session.createNativeQuery(
                        "select c.id, c.name, r.name, c.cpu_millis, c.memory_bytes, c.desired_revision, c.desired_hash"
                                + " from cluster c join region r on r.id = c.region_id"
                                + " where c.id in (:ids) order by c.id for update of c",
                        Object[].class)
                .setParameter("ids", clusterIds)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new LockedCluster(
                                number(row[0]),
                                new ClusterInput((String) row[1], (String) row[2], number(row[3]), number(row[4])),
                                number(row[5]),
                                (String) row[6]))
                        .toList());
    }

    /** Loads the tenants of the locked clusters' regions and every cluster their quotas are split over. */
    private static Uni<Inputs> loadInputs(Mutiny.Session session, List<LockedCluster> locked) {
        List<String> regions = locked.stream()
                .map(cluster -> cluster.input().region())
                .distinct()
                .toList();
        String tenantsOfRegions = "select tr.tenant_id from tenant_region tr join region r on r.id = tr.region_id"
                + " where r.name in (:regions)";
        Uni<List<TenantInput>> tenants = session.createNativeQuery(
                        "select t.slug, t.tier, t.status, t.quota_cpu_millis, t.quota_memory_bytes, t.quota_pods,"
                                + " string_agg(r.name, ',' order by r.name)"
                                + " from tenant t join tenant_region tr on tr.tenant_id = t.id"
                                + " join region r on r.id = tr.region_id"
                                + " where t.id in (" + tenantsOfRegions + ") group by t.id order by t.slug",
                        Object[].class)
                .setParameter("regions", regions)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new TenantInput(
                                (String) row[0],
                                TenantTier.valueOf((String) row[1]),
                                TenantStatus.valueOf((String) row[2]),
                                Arrays.asList(((String) row[6]).split(",")),
                                number(row[3]),
                                number(row[4]),
                                number(row[5])))
                        .toList());
        Uni<List<ClusterInput>> clusters = session.createNativeQuery(
                        "select c.name, r.name, c.cpu_millis, c.memory_bytes from cluster c"
                                + " join region r on r.id = c.region_id"
                                + " where r.name in (:regions) or c.region_id in ("
                                + " select tr.region_id from tenant_region tr where tr.tenant_id in ("
                                + tenantsOfRegions + ")) order by c.name",
                        Object[].class)
                .setParameter("regions", regions)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new ClusterInput((String) row[0], (String) row[1], number(row[2]), number(row[3])))
                        .toList());
        return tenants.chain(tenantList -> clusters.map(clusterList -> new Inputs(clusterList, tenantList)));
    }

    private static Uni<List<Long>> ids(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private record LockedCluster(long id, ClusterInput input, long desiredRevision, String desiredHash) {}

    private record Inputs(List<ClusterInput> clusters, List<TenantInput> tenants) {}
}
