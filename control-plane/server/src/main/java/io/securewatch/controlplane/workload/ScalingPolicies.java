package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.controlplane.web.FieldPaths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of a scaling policy that Bean Validation cannot express, alone and against its workload. Pure code. */
final class ScalingPolicies {

    private ScalingPolicies() {}

    /** Checks the policy's own fields: bounds, targets and region overrides against the workload's regions. */
    static void check(
            ScalingPolicyRequest policy,
            List<String> workloadRegions,
            WorkloadSpecs.DeploymentFacts facts,
            String prefix,
            SpecErrors errors) {
        if (policy.minReplicas() > policy.maxReplicas()) {
            errors.add(prefix + "maxReplicas", "must be at least minReplicas (" + policy.minReplicas() + ")");
        }
        if (policy.targetCpuUtilization() == null && policy.targetMemoryUtilization() == null) {
            errors.add(
                    prefix + "targetCpuUtilization",
                    "is required unless targetMemoryUtilization is set; the autoscaler needs a target");
        }
        Map<String, ReplicaBounds> overrides = policy.regionOverrides() == null ? Map.of() : policy.regionOverrides();
        long overriddenMin = 0;
        long overriddenMax = 0;
        for (Map.Entry<String, ReplicaBounds> override : overrides.entrySet()) {
            String path = prefix + "regionOverrides[" + FieldPaths.printable(override.getKey()) + "]";
            if (!workloadRegions.contains(override.getKey())) {
                errors.add(path, "names a region the workload does not run in; its regions are " + workloadRegions);
            }
            ReplicaBounds bounds = override.getValue();
            if (bounds.minReplicas() > bounds.maxReplicas()) {
                errors.add(path + ".maxReplicas", "must be at least minReplicas (" + bounds.minReplicas() + ")");
            }
            overriddenMin += bounds.minReplicas();
            overriddenMax += bounds.maxReplicas();
        }
        if (overriddenMin > policy.minReplicas()) {
            errors.add(
                    prefix + "regionOverrides",
                    "the overrides' minReplicas add up to " + overriddenMin + ", more than the global minReplicas ("
                            + policy.minReplicas() + ")");
        }
        if (overriddenMax > policy.maxReplicas()) {
            errors.add(
                    prefix + "regionOverrides",
                    "the overrides' maxReplicas add up to " + overriddenMax + ", more than the global maxReplicas ("
                            + policy.maxReplicas() + ")");
        }
        boolean everyRegionOverridden =
                !workloadRegions.isEmpty() && overrides.keySet().containsAll(workloadRegions);
        if (everyRegionOverridden && (overriddenMin != policy.minReplicas() || overriddenMax != policy.maxReplicas())) {
            errors.add(
                    prefix + "regionOverrides",
                    "override every region only with bounds that add up to the global ones (" + policy.minReplicas()
                            + " to " + policy.maxReplicas() + "), or leave a region to take the rest");
        }
        checkAgainstWorkload(
                policy.targetCpuUtilization(),
                policy.targetMemoryUtilization(),
                Set.of(),
                workloadRegions,
                facts,
                "",
                "the scaling policy",
                errors);
    }

    /**
     * Checks that a workload can carry the policy: utilization targets need resource requests, and overridden
     * regions must stay among the workload's regions.
     *
     * @param prefix prefixed to the workload's field paths
     * @param subject names the policy in messages
     */
    static void checkAgainstWorkload(
            Integer targetCpu,
            Integer targetMemory,
            Set<String> overriddenRegions,
            Collection<String> workloadRegions,
            WorkloadSpecs.DeploymentFacts facts,
            String prefix,
            String subject,
            SpecErrors errors) {
        String containers = prefix + "deployment.template.spec.containers";
        if (targetCpu != null && !facts.cpuRequested()) {
            errors.add(
                    containers,
                    "every container must request CPU (resources.requests.cpu), because " + subject
                            + " targets CPU utilization, which is measured against the requests");
        }
        if (targetMemory != null && !facts.memoryRequested()) {
            errors.add(
                    containers,
                    "every container must request memory (resources.requests.memory), because " + subject
                            + " targets memory utilization, which is measured against the requests");
        }
        for (String region : overriddenRegions) {
            if (!workloadRegions.contains(region)) {
                errors.add(
                        prefix + "regions",
                        "must include region '" + FieldPaths.printable(region) + "', which " + subject
                                + " overrides; remove the override first");
            }
        }
    }
}
