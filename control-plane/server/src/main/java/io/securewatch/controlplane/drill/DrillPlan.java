package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The objects a live run acts on, fixed when it starts and stored with it, so that a change to the drill or the
 * inventory during the run does not change what the run restores.
 *
 * @param run the run as {@code <drill>/<number>}, for logs and audit events
 * @param target the region the run evacuates, or the region of the cluster it evacuates
 * @param targetCluster the cluster a cluster-evacuation run evacuates; null when the run evacuates a region
 * @param workloads the workloads in the drill's scope that run in the target region
 * @param clusters cluster name to region name, for every cluster of the workloads' regions
 */
public record DrillPlan(
        String run,
        String target,
        String targetCluster,
        List<PlannedWorkload> workloads,
        Map<String, String> clusters,
        DrillRequest.Guardrails guardrails) {

    /**
     * A workload the run affects.
     *
     * @param regions the workload's regions, the target among them
     */
    public record PlannedWorkload(long id, String name, String namespace, List<String> regions) {}

    /** Returns the plan for the run with the given name. */
    DrillPlan forRun(String name) {
        return new DrillPlan(name, target, targetCluster, workloads, clusters, guardrails);
    }

    /**
     * Returns the regions that take over, in name order: the regions other than the target that the workloads run
     * in, or for a cluster evacuation the cluster's own region.
     */
    public List<String> survivorRegions() {
        if (targetCluster != null) {
            return List.of(target);
        }
        TreeSet<String> regions = new TreeSet<>();
        workloads.forEach(workload -> regions.addAll(workload.regions()));
        regions.remove(target);
        return List.copyOf(regions);
    }

    /** Returns the clusters that take over, in name order. */
    public List<String> survivorClusters() {
        List<String> survivors = survivorRegions();
        return clusters.entrySet().stream()
                .filter(entry ->
                        survivors.contains(entry.getValue()) && !entry.getKey().equals(targetCluster))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
