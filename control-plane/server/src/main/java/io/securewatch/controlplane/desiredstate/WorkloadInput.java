package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingBehavior;
import java.util.List;
import java.util.Map;

/**
 * A workload as the compiler needs it.
 *
 * @param tenant slug of the owning tenant, or null for a platform workload
 * @param deployment the stored DeploymentSpec; its {@code replicas} is the total when there is no scaling policy
 * @param serviceName null when the workload has no Service
 * @param scaling null when the workload has no scaling policy
 * @param regionWeights routing weight per region from the service's routing policy; empty for equal weights
 * @param routing objects of the service's routing policy for the clusters of each region, by region name; empty
 *     when the workload has no routing policy
 * @param evacuatedClusters clusters a running drill evacuates for this workload, each with whether it is drained
 *     already ({@code true}: it runs none of the workload's replicas) or only left out of its region's split for
 *     the other clusters ({@code false}: they are pre-scaled to carry its share, and it keeps its own)
 */
public record WorkloadInput(
        String name,
        String tenant,
        String namespace,
        List<String> regions,
        Map<String, String> labels,
        Map<String, Object> deployment,
        String serviceName,
        Map<String, Object> service,
        ScalingInput scaling,
        Map<String, Long> regionWeights,
        Map<String, List<Manifest>> routing,
        Map<String, Boolean> evacuatedClusters) {

    public WorkloadInput {
        labels = labels == null ? Map.of() : labels;
        regionWeights = regionWeights == null ? Map.of() : regionWeights;
        routing = routing == null ? Map.of() : routing;
        evacuatedClusters = evacuatedClusters == null ? Map.of() : evacuatedClusters;
    }

    /** A workload that no drill evacuates from a cluster. */
    public WorkloadInput(
            String name,
            String tenant,
            String namespace,
            List<String> regions,
            Map<String, String> labels,
            Map<String, Object> deployment,
            String serviceName,
            Map<String, Object> service,
            ScalingInput scaling,
            Map<String, Long> regionWeights,
            Map<String, List<Manifest>> routing) {
        this(
                name,
                tenant,
                namespace,
                regions,
                labels,
                deployment,
                serviceName,
                service,
                scaling,
                regionWeights,
                routing,
                null);
    }

    /** A workload whose service has no routing policy of its own. */
    public WorkloadInput(
            String name,
            String tenant,
            String namespace,
            List<String> regions,
            Map<String, String> labels,
            Map<String, Object> deployment,
            String serviceName,
            Map<String, Object> service,
            ScalingInput scaling,
            Map<String, Long> regionWeights) {
        this(name, tenant, namespace, regions, labels, deployment, serviceName, service, scaling, regionWeights, null);
    }

    /** Replicas the Deployment asks for when no scaling policy governs it; Kubernetes defaults to 1. */
    public int fixedReplicas() {
        Object replicas = deployment.get("replicas");
        return replicas instanceof Number number ? number.intValue() : 1;
    }

    /**
     * A scaling policy as the compiler needs it.
     *
     * @param behavior null for the autoscaler's defaults
     * @param regionOverrides regions with bounds of their own
     * @param preScaleFloors lowest minimum per region while a pre-scaling is in force; empty otherwise
     */
    /** Returns this workload under another scaling policy, or under none when it is null. */
    public WorkloadInput withScaling(ScalingInput other) {
        return new WorkloadInput(
                name,
                tenant,
                namespace,
                regions,
                labels,
                deployment,
                serviceName,
                service,
                other,
                regionWeights,
                routing,
                evacuatedClusters);
    }

    public record ScalingInput(
            int minReplicas,
            int maxReplicas,
            Integer targetCpuUtilization,
            Integer targetMemoryUtilization,
            ScalingBehavior behavior,
            Map<String, ReplicaBounds> regionOverrides,
            Map<String, Integer> preScaleFloors) {

        public ScalingInput {
            regionOverrides = regionOverrides == null ? Map.of() : regionOverrides;
            preScaleFloors = preScaleFloors == null ? Map.of() : preScaleFloors;
        }
    }
}
