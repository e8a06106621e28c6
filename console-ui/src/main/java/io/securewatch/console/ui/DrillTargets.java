package io.securewatch.console.ui;

import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.DrillRequest.Type;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.Workload;
import io.securewatch.console.api.ControlPlane;
import io.securewatch.console.api.Credentials;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The objects a drill can target, by drill type: regions for region evacuation, clusters for cluster evacuation and
 * services, which are workloads with a Service, for service failover.
 */
record DrillTargets(List<Region> regions, List<Cluster> clusters, List<Workload> services) {

    /** Loads the regions, clusters and workloads the user may see, and keeps the workloads that have a Service. */
    static DrillTargets load(ControlPlane controlPlane, Credentials credentials) {
        return new DrillTargets(
                controlPlane.regions(credentials),
                controlPlane.clusters(credentials),
                controlPlane.workloads(credentials).stream()
                        .filter(workload -> workload.service() != null)
                        .toList());
    }

    /** Returns the names of the objects a drill of the type can target, sorted. */
    List<String> names(Type type) {
        List<String> names = switch (type) {
            case REGION_EVACUATION -> regions.stream().map(Region::name).toList();
            case CLUSTER_EVACUATION -> clusters.stream().map(Cluster::name).toList();
            case SERVICE_FAILOVER -> services.stream().map(Workload::name).toList();
        };
        return names.stream().sorted(Comparator.naturalOrder()).toList();
    }

    /**
     * Returns the name followed by the object's residency zone, region or tenant, such as
     * {@code eu-west-1-a (region eu-west-1)}.
     */
    String label(Type type, String name) {
        if (type == null || name == null) {
            return name == null ? "" : name;
        }
        Optional<String> where = switch (type) {
            case REGION_EVACUATION ->
                regions.stream()
                        .filter(region -> region.name().equals(name))
                        .findFirst()
                        .map(region -> "residency zone " + region.residencyZone());
            case CLUSTER_EVACUATION ->
                clusters.stream()
                        .filter(cluster -> cluster.name().equals(name))
                        .findFirst()
                        .map(cluster -> "region " + cluster.region());
            case SERVICE_FAILOVER ->
                services.stream()
                        .filter(workload -> workload.name().equals(name))
                        .findFirst()
                        .map(workload -> workload.tenant() == null ? "platform" : "tenant " + workload.tenant());
        };
        return where.map(text -> name + " (" + text + ")").orElse(name);
    }
}
