package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A workload's capacity per region and whether the other regions can take over when one fails.
 *
 * <p>Load is counted in replicas at the target utilization: a region running 4 replicas at 105 % CPU against a
 * 70 % target carries a load of 6 replicas. When a region fails, the survivors must carry the load of every
 * region, raised by {@code failoverHeadroomPercent}, within the sum of their maximum replicas.
 *
 * @param targetCpuUtilization the policy's CPU target; 100 for a workload without scaling policy, whose replicas are
 *     fixed
 * @param totalLoadReplicas the load of all regions together
 */
@Schema(name = "WorkloadCapacity")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadCapacity(
        String workload,
        boolean scalingPolicy,
        Integer targetCpuUtilization,
        Integer targetMemoryUtilization,
        int failoverHeadroomPercent,
        double totalLoadReplicas,
        List<RegionCapacity> regions,
        Instant computedAt) {

    /**
     * One region of the workload.
     *
     * @param clusters clusters of the region
     * @param reportingClusters clusters whose agent reported the workload in its last heartbeat
     * @param minReplicas the region's share of the minimum, pre-scaling included
     * @param maxReplicas the region's share of the maximum
     * @param cpuUtilizationPercent average over the region's pods, weighted by replicas; absent when not reported
     * @param loadReplicas replicas the region's current load needs at the target utilization
     * @param loadBasis {@code reported} when computed from utilization the agents reported; {@code assumed} when
     *     none was reported and the current replicas (or, without any, the minimum) are taken as running at target
     * @param ifRegionFails what happens to the other regions when this one fails
     */
    @Schema(name = "RegionCapacity")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RegionCapacity(
            String region,
            int clusters,
            int reportingClusters,
            int minReplicas,
            int maxReplicas,
            int currentReplicas,
            int readyReplicas,
            Double cpuUtilizationPercent,
            Double memoryUtilizationPercent,
            double loadReplicas,
            String loadBasis,
            FailureImpact ifRegionFails) {}

    /**
     * The outcome of one region's failure.
     *
     * @param requiredReplicas replicas the surviving regions need for the whole load plus the headroom
     * @param survivorMaxReplicas the sum of the surviving regions' maximum replicas
     * @param holds whether the survivors' maximum covers the required replicas
     * @param shortfallReplicas how many replicas the survivors' maximum lacks; 0 when it holds
     */
    @Schema(name = "FailureImpact")
    public record FailureImpact(int requiredReplicas, int survivorMaxReplicas, boolean holds, int shortfallReplicas) {}
}
