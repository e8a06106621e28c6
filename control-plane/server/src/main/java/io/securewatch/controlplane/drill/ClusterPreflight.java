package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRun.Check;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.controlplane.drill.Preflight.AffectedWorkload;
import io.securewatch.controlplane.drill.Preflight.Inputs;
import io.securewatch.controlplane.drill.Preflight.ServiceHealth;
import io.securewatch.controlplane.workload.CapacityModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pre-flight checks of a cluster evacuation, as pure code over the same snapshot and under the same five names
 * as those of a region evacuation. The load stays in the cluster's region, whose other clusters take the cluster's
 * replicas within the region's maximum.
 *
 * <p>The checks: every agent of the region is connected and up to date; the region has another cluster and its
 * maximum replicas carry each affected workload's load in the region plus the headroom; residency holds, because
 * nothing leaves the region; every affected service is healthy in the region's catalog; and no other run on an
 * overlapping scope is in progress.
 */
final class ClusterPreflight {

    private ClusterPreflight() {}

    /**
     * Runs the checks.
     *
     * @param inputs the snapshot, with the cluster's region as the target region
     */
    static List<Check> run(Inputs inputs, String targetCluster) {
        List<Preflight.ClusterAgent> inRegion = inputs.clusters().stream()
                .filter(agent -> agent.region().equals(inputs.targetRegion()))
                .toList();
        return List.of(
                Preflight.agents(inRegion, agent -> agent.cluster().equals(targetCluster)),
                capacity(inputs, targetCluster, inRegion.size() - 1),
                residency(inputs),
                catalog(inputs),
                Preflight.overlap(inputs));
    }

    private static Check capacity(Inputs inputs, String targetCluster, int otherClusters) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        String region = inputs.targetRegion();
        int shortfall = 0;
        for (AffectedWorkload workload : inputs.workloads()) {
            WorkloadCapacity capacity = inputs.capacity().get(workload.name());
            RegionCapacity inRegion = capacity == null
                    ? null
                    : capacity.regions().stream()
                            .filter(candidate -> candidate.region().equals(region))
                            .findFirst()
                            .orElse(null);
            if (otherClusters < 1) {
                failures.add(workload.name() + ": " + targetCluster + " is the only cluster of " + region
                        + ", so no cluster can take its load; add a cluster to the region");
                continue;
            }
            if (inRegion == null) {
                failures.add(workload.name() + ": capacity in " + region + " unknown");
                continue;
            }
            int headroom = Math.max(inputs.headroomPercent(), capacity.failoverHeadroomPercent());
            int required = CapacityModel.requiredReplicas(inRegion.loadReplicas(), headroom);
            String numbers = "load in " + region + " " + inRegion.loadReplicas() + " replicas, " + required
                    + " required with " + headroom + " % headroom, the region's "
                    + Preflight.count(otherClusters, "other cluster") + (otherClusters == 1 ? " allows " : " allow ")
                    + inRegion.maxReplicas();
            if (inRegion.maxReplicas() < required) {
                int missing = required - inRegion.maxReplicas();
                shortfall += missing;
                failures.add(workload.name() + ": " + numbers + "; short by " + Preflight.count(missing, "replica")
                        + ", raise the region's maximum in its scaling policy");
            } else {
                passes.add(workload.name() + ": " + numbers);
            }
        }
        String summary = failures.isEmpty()
                ? "the other clusters of " + region + " carry "
                        + Preflight.all(inputs.workloads().size(), "affected workload")
                : failures.size() + " of " + inputs.workloads().size() + " affected workloads do not fit in the other"
                        + " clusters of " + region + ", short by " + Preflight.count(shortfall, "replica");
        return Preflight.check(Preflight.CAPACITY, failures, passes, summary);
    }

    private static Check residency(Inputs inputs) {
        long tenantWorkloads = inputs.workloads().stream()
                .filter(workload -> workload.tenant() != null)
                .count();
        return Preflight.check(
                Preflight.RESIDENCY,
                List.of(),
                List.of(),
                tenantWorkloads == 0
                        ? "no tenant workload is affected"
                        : "every tenant workload stays in " + inputs.targetRegion() + ", inside its residency zones ("
                                + tenantWorkloads + " checked)");
    }

    private static Check catalog(Inputs inputs) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        int checked = 0;
        for (AffectedWorkload workload : inputs.workloads()) {
            if (!workload.service()) {
                continue;
            }
            Map<String, ServiceHealth> regions = inputs.catalog().getOrDefault(workload.name(), Map.of());
            String where = workload.name() + " in " + inputs.targetRegion();
            if (Preflight.judge(where, regions.get(inputs.targetRegion()), failures, passes)) {
                checked++;
            }
        }
        String summary = failures.isEmpty()
                ? checked + " service regions healthy in the catalog"
                : failures.size() + " of " + checked + " service regions are not healthy in the catalog";
        return Preflight.check(Preflight.CATALOG, failures, passes, summary);
    }
}
