package io.securewatch.controlplane.workload;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingPolicy;
import io.securewatch.api.v1.ScalingPolicyRequest;
import io.securewatch.api.v1.ScalingPreview;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.clusterstate.WorkloadPreviews;
import io.securewatch.controlplane.desiredstate.Manifest;
import io.securewatch.controlplane.desiredstate.WorkloadInput.ScalingInput;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads, sets and removes the scaling policy of a workload, in the caller's transaction, with an audit event per
 * change. The policy's ETag is its own version, apart from the workload's.
 */
@ApplicationScoped
public class ScalingPolicyService {

    static final String KIND = ObjectKind.SCALING_POLICY.wireName();

    @Inject
    WorkloadService workloads;

    @Inject
    ScalingPolicyRepository policies;

    @Inject
    PreScaleRepository preScales;

    @Inject
    AuditLog audit;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    Clock clock;

    /** A workload with its policy, which is null when it has none. */
    public record PolicyOfWorkload(WorkloadEntity workload, ScalingPolicyEntity policy) {}

    public Uni<PolicyOfWorkload> get(String workload, TenantScope scope) {
        return workloads
                .get(workload, scope)
                .chain(found -> policies.findById(found.id).map(policy -> {
                    if (policy == null) {
                        throw new ApiException(
                                ProblemType.NOT_FOUND,
                                "workload '" + workload + "' has no scaling policy; PUT one to create it");
                    }
                    return new PolicyOfWorkload(found, policy);
                }));
    }

    /**
     * Splits a policy over the workload's clusters as {@link #put} would, without storing anything: the same checks
     * apply, and a pre-scaling in force keeps its floors. Each cluster shows its bounds and its autoscaler.
     */
    public Uni<ScalingPreview> preview(String workload, ScalingPolicyRequest request, TenantScope scope) {
        return workloads.get(workload, scope).chain(found -> {
            check(found, request);
            List<String> regions =
                    found.regions.stream().map(region -> region.name).sorted().toList();
            return WorkloadPreviews.preview(
                            workload,
                            regions,
                            input -> input.withScaling(new ScalingInput(
                                    request.minReplicas(),
                                    request.maxReplicas(),
                                    request.targetCpuUtilization(),
                                    request.targetMemoryUtilization(),
                                    request.behavior(),
                                    request.regionOverrides(),
                                    input.scaling() == null
                                            ? Map.of()
                                            : input.scaling().preScaleFloors())))
                    .map(clusters -> new ScalingPreview(
                            workload,
                            clusters.stream().map(ScalingPolicyService::share).toList()));
        });
    }

    private static ScalingPreview.ClusterShare share(WorkloadPreviews.ClusterPreview preview) {
        ReplicaBounds bounds = preview.share().bounds();
        Map<String, Object> autoscaler = preview.share().objects().stream()
                .filter(object -> object.ref().kind().equals("HorizontalPodAutoscaler"))
                .map(Manifest::body)
                .findFirst()
                .orElse(null);
        return new ScalingPreview.ClusterShare(
                preview.cluster().name(),
                preview.cluster().region(),
                bounds.minReplicas(),
                bounds.maxReplicas(),
                autoscaler,
                autoscaler == null
                        ? "no replica in this cluster: its Deployment runs at 0 replicas and gets no autoscaler"
                        : null);
    }

    /**
     * Creates the policy, or replaces it. Replacing needs {@code If-Match} with the policy's ETag; creating
     * needs none.
     *
     * @return the policy, and whether it was created
     */
    public Uni<PolicyOfWorkload> put(
            String workload, ScalingPolicyRequest request, String ifMatch, TenantScope scope, ChangeOrigin origin) {
        return workloads
                .get(workload, scope)
                .chain(found -> policies.findById(found.id).chain(existing -> {
                    if (existing != null) {
                        EntityTags.requireIfMatch(ifMatch).check(existing.version, KIND + " of '" + workload + "'");
                    } else {
                        EntityTags.optionalIfMatch(ifMatch);
                    }
                    check(found, request);
                    if (existing != null && isUnchanged(existing, request)) {
                        return Uni.createFrom().item(new PolicyOfWorkload(found, existing));
                    }
                    ScalingPolicy before = existing == null ? null : WorkloadMapper.toApi(workload, existing);
                    ScalingPolicyEntity policy = existing == null ? new ScalingPolicyEntity() : existing;
                    apply(policy, request);
                    Uni<ScalingPolicyEntity> stored;
                    if (existing == null) {
                        policy.workloadId = found.id;
                        policy.createdAt = policy.updatedAt;
                        stored = policies.persistAndFlush(policy);
                    } else {
                        stored = policies.flush().replaceWith(policy);
                    }
                    return stored.call(() -> desiredState.refreshRegions(WorkloadService.regionIds(found)))
                            .call(saved -> audit.record(
                                    origin,
                                    existing == null ? AuditAction.CREATE : AuditAction.UPDATE,
                                    ObjectKind.SCALING_POLICY,
                                    workload,
                                    WorkloadService.tenantOf(found),
                                    before,
                                    WorkloadMapper.toApi(workload, saved)))
                            .map(saved -> new PolicyOfWorkload(found, saved));
                }));
    }

    public Uni<Void> delete(String workload, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(workload, scope).chain(found -> {
            ifMatch.check(found.policy().version, KIND + " of '" + workload + "'");
            ScalingPolicy before = WorkloadMapper.toApi(workload, found.policy());
            // A pre-scaling raises the policy's minima, so it goes with the policy.
            return preScales
                    .delete("workloadId", found.workload().id)
                    .chain(() -> policies.delete(found.policy()))
                    .chain(() -> policies.flush())
                    .chain(() -> desiredState.refreshRegions(WorkloadService.regionIds(found.workload())))
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.DELETE,
                            ObjectKind.SCALING_POLICY,
                            workload,
                            WorkloadService.tenantOf(found.workload()),
                            before,
                            null));
        });
    }

    /** Fails with 400 listing every problem of the policy, alone and against its workload. */
    static void check(WorkloadEntity workload, ScalingPolicyRequest request) {
        SpecErrors errors = new SpecErrors();
        WorkloadSpecs.DeploymentFacts facts =
                WorkloadSpecs.checkDeployment(workload.deployment, "deployment", new SpecErrors());
        List<String> regions =
                workload.regions.stream().map(region -> region.name).sorted().toList();
        ScalingPolicies.check(request, regions, facts, "", errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.list());
        }
    }

    void apply(ScalingPolicyEntity policy, ScalingPolicyRequest request) {
        policy.minReplicas = request.minReplicas();
        policy.maxReplicas = request.maxReplicas();
        policy.targetCpuUtilization = request.targetCpuUtilization();
        policy.targetMemoryUtilization = request.targetMemoryUtilization();
        policy.behavior = request.behavior();
        policy.failoverHeadroomPercent =
                request.failoverHeadroomPercent() == null ? 0 : request.failoverHeadroomPercent();
        policy.regionOverrides =
                request.regionOverrides() == null ? Map.of() : new TreeMap<>(request.regionOverrides());
        policy.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(ScalingPolicyEntity policy, ScalingPolicyRequest request) {
        return policy.minReplicas == request.minReplicas()
                && policy.maxReplicas == request.maxReplicas()
                && Objects.equals(policy.targetCpuUtilization, request.targetCpuUtilization())
                && Objects.equals(policy.targetMemoryUtilization, request.targetMemoryUtilization())
                && Objects.equals(policy.behavior, request.behavior())
                && policy.failoverHeadroomPercent
                        == (request.failoverHeadroomPercent() == null ? 0 : request.failoverHeadroomPercent())
                && Objects.equals(
                        policy.regionOverrides,
                        request.regionOverrides() == null ? Map.of() : request.regionOverrides());
    }
}
