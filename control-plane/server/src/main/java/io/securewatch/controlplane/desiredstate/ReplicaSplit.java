package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.ReplicaBounds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a workload's global replica bounds over its regions and then over the clusters of each region. Pure
 * code.
 *
 * <p>Regions with an override keep its bounds. The rest share what remains in proportion to their routing weight
 * (equal weights when the caller has none); a region with weight 0, or left out of the weights, gets nothing, and a region without clusters
 * takes no part, so its share goes to the others. Inside a region, the bounds are split over the clusters in
 * proportion to their CPU capacity. Maxima are split first and minima after them, capped by each part's maximum,
 * so every part has {@code min <= max}, the maxima add up to the global maximum and the minima to the global
 * minimum exactly, as long as some region can run the workload.
 */
public final class ReplicaSplit {

    private ReplicaSplit() {}

    /**
     * Returns the bounds of each region that can run the workload, in region name order.
     *
     * @param regionWeights routing weight per region, regions not in the map weighing 0; empty for equal weights
     * @param clusters the clusters of the workload's regions (others are ignored)
     */
    public static Map<String, ReplicaBounds> regions(
            int minReplicas,
            int maxReplicas,
            Map<String, ReplicaBounds> overrides,
            List<String> workloadRegions,
            Map<String, Long> regionWeights,
            List<ClusterInput> clusters) {
        return regions(minReplicas, maxReplicas, overrides, workloadRegions, regionWeights, clusters, Map.of());
    }

    /**
     * Returns the bounds of each region like {@link #regions(int, int, Map, List, Map, List)}, then raises each
     * region's minimum to its pre-scaling floor, never above the region's maximum. Floors are temporary: they make
     * the minima add up to more than the global minimum while they last.
     *
     * @param floors the lowest minimum per region while a pre-scaling is in force
     */
    public static Map<String, ReplicaBounds> regions(
            int minReplicas,
            int maxReplicas,
            Map<String, ReplicaBounds> overrides,
            List<String> workloadRegions,
            Map<String, Long> regionWeights,
            List<ClusterInput> clusters,
            Map<String, Integer> floors) {
        Map<String, ReplicaBounds> split =
                split(minReplicas, maxReplicas, overrides, workloadRegions, regionWeights, clusters);
        floors.forEach((region, floor) -> {
            ReplicaBounds bounds = split.get(region);
            if (bounds != null && floor > bounds.minReplicas()) {
                split.put(region, new ReplicaBounds(Math.min(floor, bounds.maxReplicas()), bounds.maxReplicas()));
            }
        });
        return split;
    }

    private static Map<String, ReplicaBounds> split(
            int minReplicas,
            int maxReplicas,
            Map<String, ReplicaBounds> overrides,
            List<String> workloadRegions,
            Map<String, Long> regionWeights,
            List<ClusterInput> clusters) {
        List<String> runnable = workloadRegions.stream()
                .filter(region ->
                        clusters.stream().anyMatch(cluster -> cluster.region().equals(region)))
                .sorted()
                .distinct()
                .toList();
        Map<String, ReplicaBounds> result = new TreeMap<>();
        long remainingMin = minReplicas;
        long remainingMax = maxReplicas;
        List<String> shared = new ArrayList<>();
        for (String region : runnable) {
            ReplicaBounds override = overrides.get(region);
            if (override == null) {
                shared.add(region);
            } else {
                result.put(region, override);
                remainingMin -= override.minReplicas();
                remainingMax -= override.maxReplicas();
            }
        }
        if (shared.isEmpty()) {
            return result;
        }
        List<Long> weights = shared.stream()
                .map(region -> regionWeights.isEmpty() ? 1L : regionWeights.getOrDefault(region, 0L))
                .toList();
        if (weights.stream().allMatch(weight -> weight <= 0)) {
            weights = shared.stream().map(region -> 1L).toList();
        }
        long[] max = QuotaSplit.split(Math.max(0, remainingMax), weights);
        giveEveryWeightedRegionOne(max, weights);
        long[] min = cappedSplit(Math.min(Math.max(0, remainingMin), Math.max(0, remainingMax)), weights, max);
        for (int i = 0; i < shared.size(); i++) {
            result.put(shared.get(i), new ReplicaBounds((int) min[i], (int) max[i]));
        }
        return result;
    }

    /**
     * Returns the bounds of each cluster of the region, in cluster name order.
     *
     * @param clusters the region's clusters; others are ignored
     */
    public static Map<String, ReplicaBounds> clusters(
            String region, ReplicaBounds bounds, List<ClusterInput> clusters) {
        return clusters(region, bounds, clusters, Map.of());
    }

    /**
     * Returns the bounds of each cluster of the region, in cluster name order, with clusters a drill evacuates left
     * out of the split: the others share the region's bounds, a drained cluster gets none, and one not drained yet
     * keeps the share it has without the drill. When every cluster of the region is evacuated, the split ignores
     * the evacuation, so that the region keeps serving.
     *
     * @param evacuated cluster name to whether it is drained
     */
    public static Map<String, ReplicaBounds> clusters(
            String region, ReplicaBounds bounds, List<ClusterInput> clusters, Map<String, Boolean> evacuated) {
        List<ClusterInput> inRegion = clusters.stream()
                .filter(cluster -> cluster.region().equals(region))
                .sorted(Comparator.comparing(ClusterInput::name))
                .toList();
        Map<String, ReplicaBounds> normal = split(bounds, inRegion);
        List<ClusterInput> remaining = inRegion.stream()
                .filter(cluster -> !evacuated.containsKey(cluster.name()))
                .toList();
        if (remaining.size() == inRegion.size() || remaining.isEmpty()) {
            return normal;
        }
        Map<String, ReplicaBounds> result = new LinkedHashMap<>();
        Map<String, ReplicaBounds> survivors = split(bounds, remaining);
        for (ClusterInput cluster : inRegion) {
            Boolean drained = evacuated.get(cluster.name());
            if (drained == null) {
                result.put(cluster.name(), survivors.get(cluster.name()));
            } else {
                result.put(cluster.name(), drained ? new ReplicaBounds(0, 0) : normal.get(cluster.name()));
            }
        }
        return result;
    }

    /** Splits the bounds over the clusters by their CPU, in the clusters' order. */
    private static Map<String, ReplicaBounds> split(ReplicaBounds bounds, List<ClusterInput> clusters) {
        Map<String, ReplicaBounds> result = new LinkedHashMap<>();
        if (clusters.isEmpty()) {
            return result;
        }
        List<Long> weights = clusters.stream().map(ClusterInput::cpuMillis).toList();
        long[] max = QuotaSplit.split(bounds.maxReplicas(), weights);
        long[] min = cappedSplit(Math.min(bounds.minReplicas(), bounds.maxReplicas()), weights, max);
        for (int i = 0; i < clusters.size(); i++) {
            result.put(clusters.get(i).name(), new ReplicaBounds((int) min[i], (int) max[i]));
        }
        return result;
    }

    /**
     * Returns the bounds of every cluster that can run the workload, keyed by cluster name: the region split
     * followed by the cluster split.
     */
    public static Map<String, ReplicaBounds> perCluster(
            int minReplicas,
            int maxReplicas,
            Map<String, ReplicaBounds> overrides,
            List<String> workloadRegions,
            Map<String, Long> regionWeights,
            List<ClusterInput> clusters,
            Map<String, Integer> floors) {
        return perCluster(
                minReplicas, maxReplicas, overrides, workloadRegions, regionWeights, clusters, floors, Map.of());
    }

    /**
     * Returns the bounds of every cluster that can run the workload, as {@link #perCluster(int, int, Map, List, Map,
     * List, Map)} does, with the clusters a drill evacuates left out of their region's split.
     *
     * @param evacuated cluster name to whether it is drained
     */
    public static Map<String, ReplicaBounds> perCluster(
            int minReplicas,
            int maxReplicas,
            Map<String, ReplicaBounds> overrides,
            List<String> workloadRegions,
            Map<String, Long> regionWeights,
            List<ClusterInput> clusters,
            Map<String, Integer> floors,
            Map<String, Boolean> evacuated) {
        Map<String, ReplicaBounds> result = new TreeMap<>();
        regions(minReplicas, maxReplicas, overrides, workloadRegions, regionWeights, clusters, floors)
                .forEach((region, bounds) -> result.putAll(clusters(region, bounds, clusters, evacuated)));
        return result;
    }

    /**
     * Moves one replica to every part with a positive weight but no replica, from the largest parts, so that a
     * region that receives traffic can serve it. The sum stays the same; parts that cannot spare one keep theirs.
     */
    static void giveEveryWeightedRegionOne(long[] parts, List<Long> weights) {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0 || weights.get(i) <= 0) {
                continue;
            }
            int largest = -1;
            for (int j = 0; j < parts.length; j++) {
                if (parts[j] > 1 && (largest < 0 || parts[j] > parts[largest])) {
                    largest = j;
                }
            }
            if (largest < 0) {
                return;
            }
            parts[largest]--;
            parts[i]++;
        }
    }

    /** Splits {@code total} in proportion to the weights, the parts adding up to it exactly. */
    public static long[] proportional(long total, List<Long> weights) {
        return QuotaSplit.split(total, weights);
    }

    /**
     * Splits {@code total} in proportion to the weights like {@link QuotaSplit}, but never gives a part more than its
     * cap: what a capped part cannot take goes to the parts with room, largest room first.
     *
     * @param caps adding up to at least {@code total}
     */
    static long[] cappedSplit(long total, List<Long> weights, long[] caps) {
        long[] parts = QuotaSplit.split(total, weights);
        long excess = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > caps[i]) {
                excess += parts[i] - caps[i];
                parts[i] = caps[i];
            }
        }
        while (excess > 0) {
            int roomiest = -1;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] < caps[i] && (roomiest < 0 || caps[i] - parts[i] > caps[roomiest] - parts[roomiest])) {
                    roomiest = i;
                }
            }
            if (roomiest < 0) {
                throw new IllegalArgumentException("caps add up to less than the total " + total);
            }
            long given = Math.min(excess, caps[roomiest] - parts[roomiest]);
            parts[roomiest] += given;
            excess -= given;
        }
        return parts;
    }
}
