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
import io.securewatch.controlplane.desiredstate.WorkloadInput;
import io.securewatch.controlplane.json.CanonicalJson;
import io.securewatch.controlplane.tenantrows.TenantRowSetting;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
 *
 * <p>A refresh reads every tenant's rows, also in a request that row-level security limits to one tenant, such as a
 * tenant administrator's change of a workload: a bundle compiled from one tenant's rows would remove the other
 * tenants' objects from the cluster.
 */
@ApplicationScoped
public class DesiredStateRefresher {

    /**
     * PostgreSQL notification channel. The payload is {@code <cluster> <revision> <content hash>} for a new revision,
     * and the cluster name alone for a change of settings or a deletion.
     */
    public static final String CHANNEL = "securewatch_cluster_state";

    /** Clusters written per statement; keeps the bind parameters far below PostgreSQL's limit of 65535. */
    private static final int WRITE_BATCH = 500;

    @Inject
    DesiredStateCompiler compiler;

    @Inject
    ClusterStateConfig config;

    @Inject
    Clock clock;

    @Inject
    Event<BundlesWritten> bundlesWritten;

    /** Recomputes the clusters in the given regions, such as the old and new regions of a changed tenant. */
    public Uni<Void> refreshRegions(Collection<Long> regionIds) {
        if (regionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return TenantRowSetting.withAllTenants(() -> ids(
                        "select id from cluster where region_id in (:regions)",
                        Map.of("regions", List.copyOf(regionIds)))
                .chain(this::refresh));
    }

    /**
     * Recomputes a cluster and every cluster whose quota or replica shares depend on it: the clusters of all regions
     * that share a tenant or a workload with the cluster's region. Call it after the cluster was added, resized or removed; for a
     * removed cluster pass its former id, which no longer matches a row.
     */
    public Uni<Void> refreshAroundCluster(long clusterId, long regionId) {
        return TenantRowSetting.withAllTenants(() -> ids(
                        "select c.id from cluster c where c.id = :cluster or c.region_id in ("
                                + " select other.region_id from tenant_region own"
                                + " join tenant_region other on other.tenant_id = own.tenant_id"
                                + " where own.region_id = :region) or c.region_id in ("
                                + " select other.region_id from workload_region own"
                                + " join workload_region other on other.workload_id = own.workload_id"
                                + " where own.region_id = :region)",
                        Map.of("cluster", clusterId, "region", regionId))
                .chain(this::refresh));
    }

    /**
     * Wakes the replica that holds the cluster's agent stream without a new revision, after a change of the
     * cluster's settings or its deletion. Delivered at commit.
     */
    public Uni<Void> notifyCluster(String cluster) {
        return Panache.getSession().chain(session -> notify(session, cluster));
    }

    /**
     * Stores the cluster's desired state again under a revision above both its desired revision and
     * {@code revisionFloor}, although its content did not change, and notifies the cluster's agent at commit. An
     * agent that applied a revision from a newer copy of this database, before it was restored from an older backup,
     * then gets a revision above its own. So a revision number never names two contents on one agent, and its Acks
     * stay unambiguous.
     *
     * @return the new revision
     */
    public Uni<Long> reissue(long clusterId, long revisionFloor) {
        return TenantRowSetting.withAllTenants(() -> Panache.getSession()
                .chain(session -> lockClusters(session, List.of(clusterId))
                        .chain(locked -> loadInputs(session, locked).map(inputs -> {
                            LockedCluster cluster = locked.get(0);
                            DesiredBundle bundle = compiler.compileAll(
                                            List.of(cluster.input()),
                                            inputs.clusters(),
                                            inputs.tenants(),
                                            inputs.workloads())
                                    .get(0);
                            long revision = Math.max(cluster.desiredRevision(), revisionFloor) + 1;
                            return new NewRevision(cluster, revision, bundle);
                        }))
                        .chain(revision -> write(session, List.of(revision)).replaceWith(revision.revision()))));
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
                        .chain(locked -> loadInputs(session, locked).map(inputs -> changedBundles(locked, inputs)))
                        .chain(changed -> {
                            Uni<Void> writes = Uni.createFrom().voidItem();
                            for (int start = 0; start < changed.size(); start += WRITE_BATCH) {
                                List<NewRevision> batch =
                                        changed.subList(start, Math.min(changed.size(), start + WRITE_BATCH));
                                writes = writes.chain(() -> write(session, batch));
                            }
                            return writes;
                        }));
    }

    /** Compiles every locked cluster and returns those whose content changed, with their next revision. */
    private List<NewRevision> changedBundles(List<LockedCluster> locked, Inputs inputs) {
        List<DesiredBundle> bundles = compiler.compileAll(
                locked.stream().map(LockedCluster::input).toList(),
                inputs.clusters(),
                inputs.tenants(),
                inputs.workloads());
        List<NewRevision> changed = new ArrayList<>();
        for (int i = 0; i < locked.size(); i++) {
            LockedCluster cluster = locked.get(i);
            DesiredBundle bundle = bundles.get(i);
            if (!bundle.contentHash().equals(cluster.desiredHash())) {
                changed.add(new NewRevision(cluster, cluster.desiredRevision() + 1, bundle));
            }
        }
        return changed;
    }

    /**
     * Stores the new revisions of a batch of clusters with four statements, whatever the batch size: a change that
     * affects a thousand clusters must not cost four thousand round trips inside its transaction.
     */
    private Uni<Void> write(Mutiny.Session session, List<NewRevision> batch) {
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

        List<BundlesWritten.Written> written = new ArrayList<>();
        StringBuilder bundles = new StringBuilder("insert into cluster_bundle (cluster_id, revision, content_hash,"
                + " objects, traceparent, tracestate, created_at) values ");
        StringBuilder revisions = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            String separator = i == 0 ? "" : ", ";
            bundles.append(separator)
                    .append("(:cluster")
                    .append(i)
                    .append(", :revision")
                    .append(i)
                    .append(", :hash")
                    .append(i)
                    .append(", cast(cast(:objects")
                    .append(i)
                    .append(" as text) as jsonb), :traceparent, :tracestate, :createdAt)");
            revisions
                    .append(separator)
                    .append("(cast(:cluster")
                    .append(i)
                    .append(" as bigint), cast(:revision")
                    .append(i)
                    .append(" as bigint), cast(:hash")
                    .append(i)
                    .append(" as varchar))");
            names.append(separator).append("(cast(:name").append(i).append(" as text))");
        }
        var insert = session.createNativeQuery(bundles.toString())
                .setParameter("traceparent", traceparent)
                .setParameter("tracestate", tracestate)
                .setParameter("createdAt", clock.instant());
        var update =
                session.createNativeQuery("update cluster c set desired_revision = v.revision, desired_hash = v.hash"
                        + " from (values " + revisions + ") as v (id, revision, hash) where c.id = v.id");
        var prune = session.createNativeQuery("delete from cluster_bundle b using (values " + revisions + ") as v"
                + " (id, revision, hash) where b.cluster_id = v.id and b.revision <= v.revision - :kept");
        var notify = session.createNativeQuery(
                "select cast(count(pg_notify(:channel, v.name)) as text) from (values " + names + ") as v (name)",
                String.class);
        for (int i = 0; i < batch.size(); i++) {
            NewRevision revision = batch.get(i);
            for (var query : List.of(insert, update, prune)) {
                query.setParameter("cluster" + i, revision.cluster().id());
                query.setParameter("revision" + i, revision.revision());
                query.setParameter("hash" + i, revision.bundle().contentHash());
            }
            String objects = CanonicalJson.write(storedObjects(revision.bundle()));
            insert.setParameter("objects" + i, objects);
            notify.setParameter(
                    "name" + i,
                    revision.cluster().input().name() + " " + revision.revision() + " "
                            + revision.bundle().contentHash());
            written.add(new BundlesWritten.Written(
                    revision.cluster().id(),
                    new StoredBundle(
                            revision.cluster().input().name(),
                            revision.revision(),
                            revision.bundle().contentHash(),
                            ClusterStateRepository.parseObjects(objects),
                            traceparent,
                            tracestate)));
        }
        prune.setParameter("kept", config.bundlesKept());
        notify.setParameter("channel", CHANNEL);
        return insert.executeUpdate()
                .chain(() -> update.executeUpdate())
                .chain(() -> prune.executeUpdate())
                .chain(() -> notify.getSingleResultOrNull())
                .invoke(() -> bundlesWritten.fire(new BundlesWritten(written)))
                .replaceWithVoid();
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

    /**
     * Loads the tenants and workloads of the locked clusters' regions and every cluster their quotas and replicas
     * are split over.
     */
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
                                + tenantsOfRegions + ")) or c.region_id in ("
                                + " select wr.region_id from workload_region wr where wr.workload_id in ("
                                + WorkloadInputs.WORKLOADS_OF_REGIONS + ")) order by c.name",
                        Object[].class)
                .setParameter("regions", regions)
                .getResultList()
                .map(rows -> rows.stream()
                        .map(row -> new ClusterInput((String) row[0], (String) row[1], number(row[2]), number(row[3])))
                        .toList());
        return tenants.chain(tenantList -> clusters.chain(clusterList -> WorkloadInputs.load(session, regions)
                .map(workloads -> new Inputs(clusterList, tenantList, workloads))));
    }

    private static Uni<List<Long>> ids(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private record LockedCluster(long id, ClusterInput input, long desiredRevision, String desiredHash) {}

    private record NewRevision(LockedCluster cluster, long revision, DesiredBundle bundle) {}

    private record Inputs(List<ClusterInput> clusters, List<TenantInput> tenants, List<WorkloadInput> workloads) {}
}
