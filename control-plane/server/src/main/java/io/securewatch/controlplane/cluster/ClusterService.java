package io.securewatch.controlplane.cluster;

import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterRequest;
import io.securewatch.api.v1.DriftPolicy;
import io.securewatch.api.v1.Page;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.drillreference.DrillReferences;
import io.securewatch.controlplane.region.RegionRepository;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Registers, changes and removes clusters. Every method runs inside the caller's session. The writing ones
 * expect a transaction and record their audit event in it.
 */
@ApplicationScoped
public class ClusterService {

    static final String KIND = ObjectKind.CLUSTER.wireName();
    private static final Pattern NAME = Pattern.compile(ApiPatterns.DNS_LABEL);

    @Inject
    ClusterRepository clusters;

    @Inject
    RegionRepository regions;

    @Inject
    AuditLog audit;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    DrillReferences drills;

    @Inject
    Clock clock;

    /** Returns the cluster with its region, or fails with 404. */
    public Uni<ClusterEntity> get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(ApiException.notFound(KIND, String.valueOf(name)));
        }
        return clusters.findByName(name).onItem().ifNull().failWith(() -> ApiException.notFound(KIND, name));
    }

    public Uni<Page<Cluster>> list(PageRequest page, Optional<String> region, List<LabelSelector> labels) {
        return clusters.page(page.after(), page.rowsToFetch(), region, labels)
                .map(rows -> page.toPage(rows, ClusterMapper::toApi, Cluster::name));
    }

    public Uni<ClusterEntity> create(ClusterRequest request, ChangeOrigin origin) {
        return clusters.findByName(request.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ApiException.alreadyExists(KIND, request.name());
                    }
                })
                .chain(() -> regions.findByName(request.region()))
                .chain(region -> {
                    if (region == null) {
                        throw ApiException.invalid(
                                "region", "region '" + request.region() + "' not found; create the region first");
                    }
                    ClusterEntity cluster = new ClusterEntity();
                    cluster.name = request.name();
                    cluster.region = region;
                    apply(cluster, request);
                    cluster.createdAt = cluster.updatedAt;
                    return clusters.persistAndFlush(cluster);
                })
                .call(cluster -> desiredState.refreshAroundCluster(cluster.id, cluster.region.id))
                .call(cluster -> audit.record(
                        origin,
                        AuditAction.CREATE,
                        ObjectKind.CLUSTER,
                        cluster.name,
                        null,
                        null,
                        ClusterMapper.toApi(cluster)));
    }

    public Uni<ClusterEntity> update(String name, ClusterRequest request, IfMatch ifMatch, ChangeOrigin origin) {
        return get(name).chain(cluster -> {
            ifMatch.check(cluster.version, "cluster '" + name + "'");
            if (request.name() != null && !request.name().equals(name)) {
                throw ApiException.invalid(
                        "name", "must match the name in the path (" + name + "); clusters cannot be renamed");
            }
            if (!cluster.region.name.equals(request.region())) {
                throw ApiException.invalid(
                        "region",
                        "must stay '" + cluster.region.name
                                + "'; a cluster cannot move to another region, so delete it and register it again");
            }
            if (isUnchanged(cluster, request)) {
                return Uni.createFrom().item(cluster);
            }
            Cluster before = ClusterMapper.toApi(cluster);
            apply(cluster, request);
            return clusters.flush()
                    .chain(() -> desiredState.refreshAroundCluster(cluster.id, cluster.region.id))
                    .chain(() -> desiredState.notifyCluster(name))
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.UPDATE,
                            ObjectKind.CLUSTER,
                            name,
                            null,
                            before,
                            ClusterMapper.toApi(cluster)))
                    .replaceWith(cluster);
        });
    }

    public Uni<Void> delete(String name, IfMatch ifMatch, ChangeOrigin origin) {
        return get(name).chain(cluster -> {
            ifMatch.check(cluster.version, "cluster '" + name + "'");
            Cluster before = ClusterMapper.toApi(cluster);
            long regionId = cluster.region.id;
            long clusterId = cluster.id;
            return drills.requireNoneForCluster(name)
                    .chain(() -> clusters.delete(cluster))
                    .chain(() -> clusters.flush())
                    .chain(() -> desiredState.refreshAroundCluster(clusterId, regionId))
                    .chain(() -> desiredState.notifyCluster(name))
                    .chain(() ->
                            audit.record(origin, AuditAction.DELETE, ObjectKind.CLUSTER, name, null, before, null));
        });
    }

    private void apply(ClusterEntity cluster, ClusterRequest request) {
        cluster.labels = labels(request);
        cluster.cpuMillis = request.capacity().cpuMillis();
        cluster.memoryBytes = request.capacity().memoryBytes();
        cluster.driftPolicy = Objects.requireNonNullElse(request.driftPolicy(), DriftPolicy.REPORT);
        cluster.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(ClusterEntity cluster, ClusterRequest request) {
        return Objects.equals(cluster.labels, labels(request))
                && cluster.cpuMillis == request.capacity().cpuMillis()
                && cluster.memoryBytes == request.capacity().memoryBytes()
                && cluster.driftPolicy == Objects.requireNonNullElse(request.driftPolicy(), DriftPolicy.REPORT);
    }

    private static Map<String, String> labels(ClusterRequest request) {
        return request.labels() == null ? new TreeMap<>() : new TreeMap<>(request.labels());
    }
}
