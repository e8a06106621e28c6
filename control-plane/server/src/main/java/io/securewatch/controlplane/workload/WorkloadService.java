package io.securewatch.controlplane.workload;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Workload;
import io.securewatch.api.v1.WorkloadRequest;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.drillreference.DrillReferences;
import io.securewatch.controlplane.region.RegionEntity;
import io.securewatch.controlplane.region.RegionRepository;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenant.TenantEntity;
import io.securewatch.controlplane.tenant.TenantRepository;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.PageRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates, changes and deletes workloads. Every method runs inside the caller's session; the writing ones expect a
 * transaction and record their audit event in it. A tenant administrator gets only its tenant's workloads;
 * others, platform workloads included, are reported as not found.
 */
@ApplicationScoped
public class WorkloadService {

    static final String KIND = ObjectKind.WORKLOAD.wireName();

    /** Namespace of platform workloads whose request names none. */
    static final String PLATFORM_NAMESPACE = "securewatch";

    private static final Pattern NAME = Pattern.compile(ApiPatterns.DNS_LABEL);
    private static final String TENANT_NAMESPACE_PREFIX = "tenant-";

    @Inject
    WorkloadRepository workloads;

    @Inject
    ScalingPolicyRepository policies;

    @Inject
    TenantRepository tenants;

    @Inject
    RegionRepository regions;

    @Inject
    AuditLog audit;

    @Inject
    DesiredStateRefresher desiredState;

    @Inject
    DrillReferences drills;

    @Inject
    Clock clock;

    /** Returns the workload, or fails with 404 when it does not exist or is outside the scope. */
    public Uni<WorkloadEntity> get(String name, TenantScope scope) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(ApiException.notFound(KIND, String.valueOf(name)));
        }
        return workloads.findByName(name).map(workload -> {
            if (workload == null || !scope.includes(tenantOf(workload))) {
                throw ApiException.notFound(KIND, name);
            }
            return workload;
        });
    }

    public Uni<Page<Workload>> list(PageRequest page, WorkloadRepository.WorkloadFilter filter) {
        return workloads
                .page(page.after(), page.rowsToFetch(), filter)
                .map(rows -> page.toPage(rows, WorkloadMapper::toApi, Workload::name));
    }

    public Uni<WorkloadEntity> create(WorkloadRequest request, TenantScope scope, ChangeOrigin origin) {
        String owner = owner(request, scope);
        return workloads
                .findByName(request.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ApiException.alreadyExists(KIND, request.name());
                    }
                })
                .chain(() -> resolve(request, owner, "", null))
                .chain(resolved -> {
                    WorkloadEntity workload = new WorkloadEntity();
                    workload.name = request.name();
                    workload.tenant = resolved.tenant();
                    apply(workload, request, resolved);
                    workload.createdAt = workload.updatedAt;
                    return workloads.persistAndFlush(workload);
                })
                .call(workload -> desiredState.refreshRegions(regionIds(workload)))
                .call(workload -> audit.record(
                        origin,
                        AuditAction.CREATE,
                        ObjectKind.WORKLOAD,
                        workload.name,
                        tenantOf(workload),
                        null,
                        WorkloadMapper.toApi(workload)));
    }

    public Uni<WorkloadEntity> update(
            String name, WorkloadRequest request, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(name, scope).chain(workload -> {
            ifMatch.check(workload.version, KIND + " '" + name + "'");
            if (request.name() != null && !request.name().equals(name)) {
                throw ApiException.invalid(
                        "name", "must match the name in the path (" + name + "); workloads cannot be renamed");
            }
            String owner = owner(request, scope);
            if (!Objects.equals(owner, tenantOf(workload))) {
                throw ApiException.invalid(
                        "tenant",
                        "must stay " + (workload.tenant == null ? "absent (a platform workload)" : workload.tenant.slug)
                                + "; a workload cannot move to another owner, so create a new one instead");
            }
            Set<Long> affectedRegions = new HashSet<>(regionIds(workload));
            return routedRegions(workload.id)
                    .invoke(routed -> {
                        for (String region : routed) {
                            if (!region.isEmpty() && !request.regions().contains(region)) {
                                throw conflict(
                                        "regions",
                                        "must include region '" + region + "', which the routing policy of service '"
                                                + name + "' sends traffic to; change the routing policy first");
                            }
                        }
                        if (request.service() == null && workload.serviceName != null && !routed.isEmpty()) {
                            throw conflict(
                                    "service",
                                    "must stay, because service '" + name + "' has a routing policy; delete the"
                                            + " routing policy first");
                        }
                    })
                    .chain(() -> requireServiceKeptForDrills(workload, request))
                    .chain(() -> policies.findById(workload.id))
                    .chain(policy -> resolve(request, owner, "", policy))
                    .chain(resolved -> {
                        if (isUnchanged(workload, request, resolved)) {
                            return Uni.createFrom().item(workload);
                        }
                        Workload before = WorkloadMapper.toApi(workload);
                        List<String> dropped = before.regions().stream()
                                .filter(region -> !request.regions().contains(region))
                                .toList();
                        apply(workload, request, resolved);
                        affectedRegions.addAll(regionIds(workload));
                        return workloads
                                .flush()
                                .chain(() -> forgetRoutedRegions(workload.id, dropped))
                                .chain(() -> desiredState.refreshRegions(affectedRegions))
                                .chain(() -> audit.record(
                                        origin,
                                        AuditAction.UPDATE,
                                        ObjectKind.WORKLOAD,
                                        name,
                                        tenantOf(workload),
                                        before,
                                        WorkloadMapper.toApi(workload)))
                                .replaceWith(workload);
                    });
        });
    }

    public Uni<Void> delete(String name, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(name, scope).chain(workload -> {
            ifMatch.check(workload.version, KIND + " '" + name + "'");
            Workload before = WorkloadMapper.toApi(workload);
            Set<Long> affectedRegions = regionIds(workload);
            return drills.requireNoneForService(name)
                    .chain(() -> workloads.delete(workload))
                    .chain(() -> workloads.flush())
                    .chain(() -> desiredState.refreshRegions(affectedRegions))
                    .chain(() -> audit.record(
                            origin, AuditAction.DELETE, ObjectKind.WORKLOAD, name, before.tenant(), before, null));
        });
    }

    /**
     * Removes regions the workload left from its routing policy's weights. Only weights of 0 can be left, because
     * the update refuses to drop a region with traffic; removing them keeps the policy valid for a PUT of what a GET
     * returns.
     */
    private static Uni<Void> forgetRoutedRegions(long workloadId, List<String> dropped) {
        if (dropped.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "update routing_policy set weights = weights - cast(:regions as text[]), version = version + 1"
                                        + " where workload_id = :workload"
                                        + " and jsonb_exists_any(weights, cast(:regions as text[]))")
                        .setParameter("regions", dropped.toArray(String[]::new))
                        .setParameter("workload", workloadId)
                        .executeUpdate()
                        .replaceWithVoid());
    }

    /** Fails with 409 when the update drops the Service of a workload that drills name as a service. */
    private Uni<Void> requireServiceKeptForDrills(WorkloadEntity workload, WorkloadRequest request) {
        if (request.service() != null || workload.serviceName == null) {
            return Uni.createFrom().voidItem();
        }
        return drills.namingService(workload.name)
                .invoke(names -> {
                    if (!names.isEmpty()) {
                        throw conflict(
                                "service",
                                "must stay, because drills name service '" + workload.name + "': "
                                        + DrillReferences.describe(names) + "; change or delete those drills first");
                    }
                })
                .replaceWithVoid();
    }

    private static ApiException conflict(String field, String message) {
        return new ApiException(
                io.securewatch.controlplane.web.ProblemType.CONFLICT,
                field + ": " + message,
                List.of(new io.securewatch.api.v1.Problem.FieldError(field, message)));
    }

    /**
     * Returns the regions the workload's routing policy sends traffic to, weighted and failover ones, and an empty
     * string when the workload has a routing policy at all.
     * Native SQL keeps this package independent of the routing package, which depends on it.
     */
    private static Uni<List<String>> routedRegions(long workloadId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select key from routing_policy, jsonb_each_text(weights) where workload_id = :workload"
                                        + " and strategy = 'WEIGHTED' and cast(value as integer) > 0"
                                        + " union select unnest(failover_order) from routing_policy where workload_id = :workload"
                                        + " union select '' from routing_policy where workload_id = :workload",
                                String.class)
                        .setParameter("workload", workloadId)
                        .getResultList());
    }

    /**
     * Checks a request against the stored tenants and regions and against the workload's scaling policy, and
     * fails with 400 listing every problem.
     *
     * @param prefix prefixed to every field path, such as {@code documents[2].} for an import
     * @param policy the workload's scaling policy, or null
     */
    Uni<Resolved> resolve(WorkloadRequest request, String owner, String prefix, ScalingPolicyEntity policy) {
        Uni<TenantEntity> tenant = owner == null
                ? Uni.createFrom().nullItem()
                : tenants.findBySlug(owner).invoke(found -> {
                    if (found == null) {
                        throw ApiException.invalid(
                                prefix + "tenant", "tenant '" + owner + "' not found; create the tenant first");
                    }
                });
        return tenant.chain(owningTenant -> regions.findByNames(Set.copyOf(request.regions()))
                .map(found -> check(request, owningTenant, found, prefix, policy)));
    }

    private static Resolved check(
            WorkloadRequest request,
            TenantEntity tenant,
            List<RegionEntity> found,
            String prefix,
            ScalingPolicyEntity policy) {
        SpecErrors errors = new SpecErrors();
        Map<String, RegionEntity> byName =
                found.stream().collect(Collectors.toMap(region -> region.name, Function.identity()));
        Set<String> tenantRegions = tenant == null
                ? Set.of()
                : tenant.regions.stream().map(region -> region.name).collect(Collectors.toSet());
        Set<RegionEntity> resolved = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.regions().size(); i++) {
            String region = request.regions().get(i);
            String field = prefix + "regions[" + i + "]";
            if (!seen.add(region)) {
                errors.add(field, "region '" + region + "' is listed twice");
            } else if (!byName.containsKey(region)) {
                errors.add(field, "region '" + region + "' not found; create it or remove it from the list");
            } else if (tenant != null && !tenantRegions.contains(region)) {
                errors.add(
                        field,
                        "tenant '" + tenant.slug + "' does not run in region '" + region
                                + "'; add the region to the tenant first");
            } else {
                resolved.add(byName.get(region));
            }
        }
        String namespace = namespace(request, tenant, prefix, errors);
        WorkloadSpecs.DeploymentFacts facts =
                WorkloadSpecs.checkDeployment(request.deployment(), prefix + "deployment", errors);
        if (request.service() != null) {
            WorkloadSpecs.checkService(request.service().spec(), prefix + "service.spec", facts, errors);
        }
        if (policy != null) {
            ScalingPolicies.checkAgainstWorkload(
                    policy.targetCpuUtilization,
                    policy.targetMemoryUtilization,
                    policy.regionOverrides == null ? Set.of() : policy.regionOverrides.keySet(),
                    request.regions(),
                    facts,
                    prefix,
                    "the scaling policy",
                    errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.list());
        }
        return new Resolved(tenant, namespace, resolved, facts);
    }

    private static String namespace(WorkloadRequest request, TenantEntity tenant, String prefix, SpecErrors errors) {
        if (tenant != null) {
            String namespace = TENANT_NAMESPACE_PREFIX + tenant.slug;
            if (request.namespace() != null && !request.namespace().equals(namespace)) {
                errors.add(
                        prefix + "namespace",
                        "must be absent or " + namespace + ": a tenant's workloads run in the tenant's namespace");
            }
            return namespace;
        }
        String namespace = request.namespace() == null ? PLATFORM_NAMESPACE : request.namespace();
        if (namespace.startsWith(TENANT_NAMESPACE_PREFIX)) {
            errors.add(
                    prefix + "namespace",
                    "must not start with tenant-, which is kept for tenant namespaces; name the tenant instead");
        } else if (namespace.startsWith("kube-")) {
            errors.add(prefix + "namespace", "must not start with kube-, which Kubernetes keeps for itself");
        }
        return namespace;
    }

    /** Returns the owning tenant: the request's, or the caller's own tenant for a tenant administrator. */
    static String owner(WorkloadRequest request, TenantScope scope) {
        return owner(request.tenant(), scope);
    }

    /** Returns the owning tenant: the requested one, or the caller's own tenant for a tenant administrator. */
    static String owner(String requested, TenantScope scope) {
        if (scope.tenant().isPresent()) {
            String own = scope.tenant().get();
            if (requested != null && !requested.equals(own)) {
                // The same response as for a tenant that does not exist, so other tenants cannot be probed.
                throw ApiException.notFound("tenant", requested);
            }
            return own;
        }
        return requested;
    }

    private void apply(WorkloadEntity workload, WorkloadRequest request, Resolved resolved) {
        workload.namespace = resolved.namespace();
        workload.labels = request.labels() == null ? Map.of() : new TreeMap<>(request.labels());
        workload.deployment = request.deployment();
        workload.serviceName = serviceName(workload.name, request);
        workload.service = request.service() == null ? null : request.service().spec();
        workload.regions.retainAll(resolved.regions());
        workload.regions.addAll(resolved.regions());
        workload.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(WorkloadEntity workload, WorkloadRequest request, Resolved resolved) {
        return workload.namespace.equals(resolved.namespace())
                && workload.labels.equals(request.labels() == null ? Map.of() : request.labels())
                && workload.deployment.equals(request.deployment())
                && Objects.equals(workload.serviceName, serviceName(workload.name, request))
                && Objects.equals(
                        workload.service,
                        request.service() == null ? null : request.service().spec())
                && workload.regions.stream()
                        .map(region -> region.name)
                        .collect(Collectors.toSet())
                        .equals(Set.copyOf(request.regions()));
    }

    private static String serviceName(String workload, WorkloadRequest request) {
        if (request.service() == null) {
            return null;
        }
        return request.service().name() == null ? workload : request.service().name();
    }

    public static String tenantOf(WorkloadEntity workload) {
        return workload.tenant == null ? null : workload.tenant.slug;
    }

    public static Set<Long> regionIds(WorkloadEntity workload) {
        return workload.regions.stream().map(region -> region.id).collect(Collectors.toSet());
    }

    /** A request checked against the stored objects. */
    record Resolved(
            TenantEntity tenant, String namespace, Set<RegionEntity> regions, WorkloadSpecs.DeploymentFacts facts) {}
}
