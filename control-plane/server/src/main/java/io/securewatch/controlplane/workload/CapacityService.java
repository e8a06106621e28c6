package io.securewatch.controlplane.workload;

import static io.securewatch.controlplane.sql.SqlValues.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.PreScale;
import io.securewatch.api.v1.PreScaleRequest;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.desiredstate.ClusterInput;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reports a workload's capacity and failover headroom from the agents' last heartbeats, and raises or restores
 * the surviving regions' minimum replicas around an expected loss of traffic (pre-scaling).
 */
@ApplicationScoped
public class CapacityService {

    private static final Logger LOG = Logger.getLogger(CapacityService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<Map<String, Long>> WEIGHTS = new TypeReference<>() {};

    @Inject
    WorkloadService workloads;

    @Inject
    ScalingPolicyRepository policies;

    @Inject
    PreScaleRepository preScales;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    public Uni<WorkloadCapacity> capacity(String name, TenantScope scope) {
        return workloads
                .get(name, scope)
                .chain(workload -> inputs(workload)
                        .map(inputs -> CapacityModel.compute(
                                workload.name,
                                inputs.policy(),
                                inputs.regions(),
                                inputs.clusters(),
                                inputs.observations(),
                                clock.instant())));
    }

    public Uni<PreScale> getPreScale(String name, TenantScope scope) {
        return workloads
                .get(name, scope)
                .chain(workload -> preScales.findById(workload.id).map(found -> {
                    if (found == null) {
                        throw new ApiException(
                                ProblemType.NOT_FOUND, "workload '" + name + "' has no pre-scaling in force");
                    }
                    return toApi(workload.name, found);
                }));
    }

    /**
     * Raises the minimum replicas of the regions that stay, so that they can carry the whole load the moment the
     * excluded regions lose their traffic. Fails with 409 while another pre-scaling is in force.
     */
    public Uni<PreScale> preScale(String name, PreScaleRequest request, TenantScope scope, ChangeOrigin origin) {
        return workloads
                .get(name, scope)
                .chain(workload -> preScales.findById(workload.id).chain(existing -> {
                    if (existing != null) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "workload '" + name + "' is already pre-scaled for " + existing.excludedRegions
                                        + "; delete that pre-scaling first");
                    }
                    List<String> regions = workload.regions.stream()
                            .map(region -> region.name)
                            .sorted()
                            .toList();
                    checkExcluded(request.excludedRegions(), regions);
                    return inputs(workload).chain(inputs -> {
                        if (!inputs.policy().scalingPolicy()) {
                            throw new ApiException(
                                    ProblemType.CONFLICT,
                                    "workload '" + name + "' has no scaling policy, so its replicas are fixed; add a"
                                            + " scaling policy to pre-scale it");
                        }
                        PreScaleEntity entity = preScaleEntity(
                                workload,
                                inputs,
                                List.copyOf(new LinkedHashSet<>(request.excludedRegions())),
                                request.reason(),
                                origin);
                        return preScales
                                .persistAndFlush(entity)
                                .chain(() -> desiredState.refreshRegions(WorkloadService.regionIds(workload)))
                                .chain(() -> auditPreScale(workload, entity, origin));
                    });
                }));
    }

    /** Deletes the pre-scaling, so the scaling policy's own bounds apply again. */
    public Uni<Void> restore(String name, TenantScope scope, ChangeOrigin origin) {
        return workloads
                .get(name, scope)
                .chain(workload -> preScales.findById(workload.id).chain(existing -> {
                    if (existing == null) {
                        throw new ApiException(
                                ProblemType.NOT_FOUND, "workload '" + name + "' has no pre-scaling in force");
                    }
                    PreScale before = toApi(workload.name, existing);
                    return preScales
                            .delete(existing)
                            .chain(() -> preScales.flush())
                            .chain(() -> desiredState.refreshRegions(WorkloadService.regionIds(workload)))
                            .chain(() -> audit.record(
                                    origin,
                                    AuditAction.RESTORE,
                                    ObjectKind.SCALING_POLICY,
                                    workload.name,
                                    WorkloadService.tenantOf(workload),
                                    before,
                                    null));
                }));
    }

    /**
     * Pre-scales a workload for a drill run (its row id and its {@code <drill>/<number>} name) that takes the
     * region's traffic away, unless the workload has no
     * scaling policy or already has a pre-scaling in force; then returns null and changes nothing. The caller
     * refreshes the desired state of the workload's regions, once for all workloads it pre-scales.
     */
    public Uni<PreScale> preScaleForDrill(
            String name, String excludedRegion, long drillRunId, String drillRun, ChangeOrigin origin) {
        return workloads
                .get(name, TenantScope.all())
                .chain(workload -> preScales.findById(workload.id).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().nullItem();
                    }
                    return inputs(workload).chain(inputs -> {
                        if (!inputs.policy().scalingPolicy()) {
                            return Uni.createFrom().nullItem();
                        }
                        PreScaleEntity entity = preScaleEntity(
                                workload,
                                inputs,
                                List.of(excludedRegion),
                                "failover drill run " + drillRun + " evacuates " + excludedRegion,
                                origin);
                        entity.drillRunId = drillRunId;
                        return preScales.persist(entity).chain(() -> auditPreScale(workload, entity, origin));
                    });
                }));
    }

    /**
     * Deletes the pre-scalings a drill run created and returns their workloads' names. The caller refreshes the
     * desired state of their regions.
     */
    public Uni<List<String>> restoreForDrill(long drillRunId, ChangeOrigin origin) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select w.name from workload w join workload_prescale s on s.workload_id = w.id"
                                        + " where s.drill_run_id = :run order by w.name",
                                String.class)
                        .setParameter("run", drillRunId)
                        .getResultList())
                .chain(names -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String name : names) {
                        chain = chain.chain(() -> workloads
                                .get(name, TenantScope.all())
                                .chain(workload -> preScales
                                        .findById(workload.id)
                                        .chain(preScale -> {
                                            PreScale before = toApi(workload.name, preScale);
                                            return preScales
                                                    .delete(preScale)
                                                    .chain(() -> audit.record(
                                                            origin,
                                                            AuditAction.RESTORE,
                                                            ObjectKind.SCALING_POLICY,
                                                            workload.name,
                                                            WorkloadService.tenantOf(workload),
                                                            before,
                                                            null));
                                        })));
                    }
                    return chain.chain(() -> preScales.flush()).replaceWith(names);
                });
    }

    /** Computes the floors that carry the excluded regions' load and returns the pre-scaling, not yet stored. */
    private PreScaleEntity preScaleEntity(
            WorkloadEntity workload, Inputs inputs, List<String> excluded, String reason, ChangeOrigin origin) {
        PreScaleEntity entity = new PreScaleEntity();
        entity.workloadId = workload.id;
        entity.excludedRegions = excluded;
        entity.floors = new TreeMap<>(CapacityModel.preScaleFloors(
                inputs.policy(), inputs.regions(), inputs.clusters(), inputs.observations(), excluded));
        entity.reason = reason;
        entity.createdBy = origin.actor();
        entity.createdAt = clock.instant();
        return entity;
    }

    private Uni<PreScale> auditPreScale(WorkloadEntity workload, PreScaleEntity entity, ChangeOrigin origin) {
        PreScale created = toApi(workload.name, entity);
        return audit.record(
                        origin,
                        AuditAction.PRE_SCALE,
                        ObjectKind.SCALING_POLICY,
                        workload.name,
                        WorkloadService.tenantOf(workload),
                        null,
                        created)
                .replaceWith(created);
    }

    private static void checkExcluded(List<String> excluded, List<String> regions) {
        for (int i = 0; i < excluded.size(); i++) {
            if (excluded.indexOf(excluded.get(i)) < i) {
                throw ApiException.invalid(
                        "excludedRegions[" + i + "]", "region '" + excluded.get(i) + "' is listed twice");
            }
            if (!regions.contains(excluded.get(i))) {
                throw ApiException.invalid(
                        "excludedRegions[" + i + "]",
                        "region '" + excluded.get(i) + "' is not a region of the workload; its regions are " + regions);
            }
        }
        if (new LinkedHashSet<>(excluded).containsAll(regions)) {
            throw ApiException.invalid(
                    "excludedRegions", "must leave at least one of the workload's regions " + regions + " to scale");
        }
    }

    /** Loads the policy, pre-scaling, clusters and last reports a capacity computation needs. */
    private Uni<Inputs> inputs(WorkloadEntity workload) {
        List<String> regions =
                workload.regions.stream().map(region -> region.name).sorted().toList();
        return policies.findById(workload.id)
                .chain(policy -> preScales
                        .findById(workload.id)
                        .chain(preScale ->
                                routingWeights(workload).map(weights -> policy(workload, policy, preScale, weights))))
                .chain(policy -> clusters(workload, regions)
                        .map(observed -> new Inputs(policy, regions, observed.clusters(), observed.observations())));
    }

    private static CapacityModel.Policy policy(
            WorkloadEntity workload, ScalingPolicyEntity policy, PreScaleEntity preScale, Map<String, Long> weights) {
        Map<String, Integer> floors = preScale == null ? Map.of() : preScale.floors;
        if (policy == null) {
            Object replicas = workload.deployment.get("replicas");
            int fixed = replicas instanceof Number number ? number.intValue() : 1;
            return new CapacityModel.Policy(false, fixed, fixed, null, null, 0, Map.of(), floors, weights);
        }
        return new CapacityModel.Policy(
                true,
                policy.minReplicas,
                policy.maxReplicas,
                policy.targetCpuUtilization,
                policy.targetMemoryUtilization,
                policy.failoverHeadroomPercent,
                policy.regionOverrides == null ? Map.of() : policy.regionOverrides,
                floors,
                weights);
    }

    /**
     * Reads the weights of the service's routing policy with native SQL, so that this package does not depend on
     * the routing package, which depends on it; empty for equal weights.
     */
    private static Uni<Map<String, Long>> routingWeights(WorkloadEntity workload) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select cast(weights as text) from routing_policy where workload_id = :workload"
                                        + " and strategy = 'WEIGHTED'",
                                String.class)
                        .setParameter("workload", workload.id)
                        .getResultList()
                        .map(rows -> {
                            if (rows.isEmpty()) {
                                return Map.<String, Long>of();
                            }
                            try {
                                return JSON.readValue(rows.get(0), WEIGHTS);
                            } catch (JsonProcessingException e) {
                                throw new IllegalStateException("stored routing weights are not valid JSON", e);
                            }
                        }));
    }

    /** Loads the clusters of the regions and what their connected agents last reported about the workload. */
    private static Uni<Observed> clusters(WorkloadEntity workload, List<String> regions) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select c.name, r.name, c.cpu_millis, c.memory_bytes, s.connected, cast(s.facts as text)"
                                        + " from cluster c join region r on r.id = c.region_id"
                                        + " left join cluster_agent_state s on s.cluster_id = c.id"
                                        + " where r.name in (:regions) order by c.name",
                                Object[].class)
                        .setParameter("regions", regions)
                        .getResultList()
                        .map(rows -> {
                            List<ClusterInput> clusters = new ArrayList<>();
                            Map<String, CapacityModel.Observation> observations = new HashMap<>();
                            for (Object[] row : rows) {
                                String cluster = (String) row[0];
                                clusters.add(
                                        new ClusterInput(cluster, (String) row[1], number(row[2]), number(row[3])));
                                if (Boolean.TRUE.equals(row[4]) && row[5] != null) {
                                    CapacityModel.Observation observation =
                                            observation(cluster, (String) row[5], workload.namespace, workload.name);
                                    if (observation != null) {
                                        observations.put(cluster, observation);
                                    }
                                }
                            }
                            return new Observed(clusters, observations);
                        }));
    }

    /** Finds the workload in a cluster's stored facts; null when the agent did not report it. */
    private static CapacityModel.Observation observation(String cluster, String facts, String namespace, String name) {
        Map<String, Object> parsed;
        try {
            parsed = JSON.readValue(facts, OBJECT);
        } catch (JsonProcessingException e) {
            LogFields.warn(
                    LOG, e, "Stored cluster facts are not valid JSON and were ignored", LogKeys.CLUSTER, cluster);
            return null;
        }
        if (!(parsed.get("workloads") instanceof List<?> reported)) {
            return null;
        }
        for (Object item : reported) {
            if (item instanceof Map<?, ?> entry
                    && namespace.equals(entry.get("namespace"))
                    && name.equals(entry.get("name"))) {
                return new CapacityModel.Observation(
                        cluster,
                        intValue(entry.get("replicas")),
                        intValue(entry.get("readyReplicas")),
                        doubleValue(entry.get("cpuUtilizationPercent")),
                        doubleValue(entry.get("memoryUtilizationPercent")));
            }
        }
        return null;
    }

    private static int intValue(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }

    private static double doubleValue(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    static PreScale toApi(String workload, PreScaleEntity entity) {
        return new PreScale(
                workload, entity.excludedRegions, entity.floors, entity.reason, entity.createdBy, entity.createdAt);
    }

    private record Observed(List<ClusterInput> clusters, Map<String, CapacityModel.Observation> observations) {}

    private record Inputs(
            CapacityModel.Policy policy,
            List<String> regions,
            List<ClusterInput> clusters,
            Map<String, CapacityModel.Observation> observations) {}
}
