package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.KubernetesService;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.Workload;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Converts workload and scaling policy rows to their API representation. */
public final class WorkloadMapper {

    private WorkloadMapper() {}

    /** Converts a workload whose regions and tenant are loaded; regions come out in name order. */
    public static Workload toApi(WorkloadEntity entity) {
        WorkloadSpecs.DeploymentFacts facts =
                WorkloadSpecs.checkDeployment(entity.deployment, "deployment", new SpecErrors());
        return new Workload(
                entity.name,
                entity.tenant == null ? null : entity.tenant.slug,
                entity.namespace,
                entity.regions.stream().map(region -> region.name).sorted().toList(),
                new TreeMap<>(entity.labels),
                entity.deployment,
                entity.service == null ? null : new KubernetesService(entity.serviceName, entity.service),
                List.copyOf(facts.configMaps().stream().sorted().toList()),
                List.copyOf(facts.secrets().stream().sorted().toList()),
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }

    public static ScalingPolicy toApi(String workload, ScalingPolicyEntity entity) {
        return new ScalingPolicy(
                workload,
                entity.minReplicas,
                entity.maxReplicas,
                entity.targetCpuUtilization,
                entity.targetMemoryUtilization,
                entity.behavior,
                entity.failoverHeadroomPercent,
                entity.regionOverrides == null ? Map.of() : new TreeMap<>(entity.regionOverrides),
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }
}
