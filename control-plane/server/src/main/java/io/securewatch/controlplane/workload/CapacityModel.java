package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.FailureImpact;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.controlplane.desiredstate.ClusterInput;
import io.securewatch.controlplane.desiredstate.ReplicaSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a workload's capacity per region, its failover headroom and pre-scaling floors. Pure code: the caller
 * loads the policy, clusters and the agents' last reports.
 *
 * <p>Load is measured in replicas at the target utilization. For each metric the policy targets, a cluster
 * reporting {@code r} replicas at utilization {@code u} against target {@code t} carries {@code r * u / t}; a
 * region's load is the larger of its CPU and memory loads, as the autoscaler takes the larger proposal. A region
 * whose agents reported no utilization is assumed to run its current replicas at target, or its minimum when none
 * run.
 */
public final class CapacityModel {

    /** Target used for a workload without a scaling policy, whose replicas are fixed. */
    static final int FIXED_REPLICAS_TARGET = 100;

    /** Tolerance on load, so that floating-point noise never adds a whole replica. */
    private static final double EPSILON = 1e-9;

    private CapacityModel() {}

    /**
     * The bounds and targets a workload scales within.
     *
     * @param targetCpu null when the policy targets memory only
     * @param targetMemory null when the policy targets CPU only
     * @param floors pre-scaling floors per region in force, empty when none
     * @param weights routing weight per region, empty for equal weights
     */
    record Policy(
            boolean scalingPolicy,
            int minReplicas,
            int maxReplicas,
            Integer targetCpu,
            Integer targetMemory,
            int headroomPercent,
            Map<String, ReplicaBounds> overrides,
            Map<String, Integer> floors,
            Map<String, Long> weights) {}

    /**
     * The last report of one cluster's agent about the workload.
     *
     * @param cpuPercent average CPU utilization of the workload's pods in percent of requests; 0 when not measured
     */
    record Observation(String cluster, int replicas, int readyReplicas, double cpuPercent, double memoryPercent) {}

    static WorkloadCapacity compute(
            String workload,
            Policy policy,
            List<String> regions,
            List<ClusterInput> clusters,
            Map<String, Observation> observations,
            Instant now) {
        Map<String, ReplicaBounds> bounds = ReplicaSplit.regions(
                policy.minReplicas(),
                policy.maxReplicas(),
                policy.overrides(),
                regions,
                policy.weights(),
                clusters,
                policy.floors());
        Map<String, RegionLoad> loads = new LinkedHashMap<>();
        for (String region : regions.stream().sorted().toList()) {
            loads.put(region, load(region, policy, clusters, observations, bounds));
        }
        double total = loads.values().stream().mapToDouble(RegionLoad::load).sum();
        int required = requiredReplicas(total, policy.headroomPercent());
        int allMax =
                bounds.values().stream().mapToInt(ReplicaBounds::maxReplicas).sum();
        List<RegionCapacity> result = new ArrayList<>();
        for (RegionLoad region : loads.values()) {
            ReplicaBounds own = bounds.getOrDefault(region.region(), new ReplicaBounds(0, 0));
            int survivorMax = allMax - own.maxReplicas();
            int shortfall = Math.max(0, required - survivorMax);
            result.add(new RegionCapacity(
                    region.region(),
                    region.clusters(),
                    region.reporting(),
                    own.minReplicas(),
                    own.maxReplicas(),
                    region.replicas(),
                    region.ready(),
                    region.cpu(),
                    region.memory(),
                    round(region.load()),
                    region.assumed() ? "assumed" : "reported",
                    new FailureImpact(required, survivorMax, shortfall == 0, shortfall)));
        }
        return new WorkloadCapacity(
                workload,
                policy.scalingPolicy(),
                policy.targetCpu(),
                policy.targetMemory(),
                policy.headroomPercent(),
                round(total),
                result,
                now);
    }

    /**
     * Returns the lowest minimum each surviving region needs so that the survivors can carry the whole load, with
     * the headroom, the moment the excluded regions lose their traffic: the required replicas split over the
     * survivors in proportion to their routing weight (equal without a routing policy), each capped
     * by the region's maximum. A floor never lowers a region's current minimum.
     *
     * @param excluded regions expected to lose their traffic
     */
    static Map<String, Integer> preScaleFloors(
            Policy policy,
            List<String> regions,
            List<ClusterInput> clusters,
            Map<String, Observation> observations,
            List<String> excluded) {
        Policy withoutFloors = new Policy(
                policy.scalingPolicy(),
                policy.minReplicas(),
                policy.maxReplicas(),
                policy.targetCpu(),
                policy.targetMemory(),
                policy.headroomPercent(),
                policy.overrides(),
                Map.of(),
                policy.weights());
        Map<String, ReplicaBounds> bounds = ReplicaSplit.regions(
                policy.minReplicas(), policy.maxReplicas(), policy.overrides(), regions, policy.weights(), clusters);
        double total = 0;
        for (String region : regions) {
            total += load(region, withoutFloors, clusters, observations, bounds).load();
        }
        int required = requiredReplicas(total, policy.headroomPercent());
        List<String> survivors = bounds.keySet().stream()
                .filter(region -> !excluded.contains(region))
                .sorted()
                .toList();
        Map<String, Integer> floors = new LinkedHashMap<>();
        if (survivors.isEmpty()) {
            return floors;
        }
        List<Long> weights = survivors.stream()
                .map(region ->
                        policy.weights().isEmpty() ? 1L : policy.weights().getOrDefault(region, 0L))
                .toList();
        if (weights.stream().allMatch(weight -> weight <= 0)) {
            weights = survivors.stream().map(region -> 1L).toList();
        }
        long[] shares = ReplicaSplit.proportional(required, weights);
        for (int i = 0; i < survivors.size(); i++) {
            ReplicaBounds own = bounds.get(survivors.get(i));
            int wanted = (int) shares[i];
            floors.put(survivors.get(i), Math.max(own.minReplicas(), Math.min(wanted, own.maxReplicas())));
        }
        return floors;
    }

    private static RegionLoad load(
            String region,
            Policy policy,
            List<ClusterInput> clusters,
            Map<String, Observation> observations,
            Map<String, ReplicaBounds> bounds) {
        int clusterCount = 0;
        int reporting = 0;
        int replicas = 0;
        int ready = 0;
        double cpuWeighted = 0;
        double memoryWeighted = 0;
        for (ClusterInput cluster : clusters) {
            if (!cluster.region().equals(region)) {
                continue;
            }
            clusterCount++;
            Observation observation = observations.get(cluster.name());
            if (observation == null) {
                continue;
            }
            reporting++;
            replicas += observation.replicas();
            ready += observation.readyReplicas();
            cpuWeighted += observation.replicas() * observation.cpuPercent();
            memoryWeighted += observation.replicas() * observation.memoryPercent();
        }
        boolean measured = replicas > 0 && (cpuWeighted > 0 || memoryWeighted > 0);
        Double cpu = measured ? round(cpuWeighted / replicas) : null;
        Double memory = measured ? round(memoryWeighted / replicas) : null;
        double load;
        if (measured) {
            int cpuTarget = policy.targetCpu() == null && policy.targetMemory() == null
                    ? FIXED_REPLICAS_TARGET
                    : policy.targetCpu() == null ? 0 : policy.targetCpu();
            double cpuLoad = cpuTarget == 0 ? 0 : cpuWeighted / cpuTarget;
            double memoryLoad = policy.targetMemory() == null ? 0 : memoryWeighted / policy.targetMemory();
            load = Math.max(cpuLoad, memoryLoad);
        } else if (replicas > 0) {
            load = replicas;
        } else {
            ReplicaBounds own = bounds.get(region);
            load = own == null ? 0 : own.minReplicas();
        }
        return new RegionLoad(region, clusterCount, reporting, replicas, ready, cpu, memory, load, !measured);
    }

    /** Returns the replicas that carry a load, in replicas at the target utilization, with the headroom on top. */
    public static int requiredReplicas(double load, int headroomPercent) {
        return (int) Math.ceil(load * (100 + headroomPercent) / 100.0 - EPSILON);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private record RegionLoad(
            String region,
            int clusters,
            int reporting,
            int replicas,
            int ready,
            Double cpu,
            Double memory,
            double load,
            boolean assumed) {}
}
