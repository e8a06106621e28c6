package io.securewatch.controlplane.tenant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Tenant;
import io.securewatch.api.v1.TenantProvisioning;
import io.securewatch.api.v1.TenantRequest;
import io.securewatch.api.v1.TenantStatus;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.drillreference.DrillReferences;
import io.securewatch.controlplane.region.RegionEntity;
import io.securewatch.controlplane.region.RegionRepository;
import io.securewatch.controlplane.security.TenantScope;
import io.securewatch.controlplane.tenant.provisioning.StepState;
import io.securewatch.controlplane.tenant.provisioning.TenantIdentityStore;
import io.securewatch.controlplane.tenant.provisioning.TenantOperation;
import io.securewatch.controlplane.tenant.provisioning.TenantStep;
import io.securewatch.controlplane.tenant.provisioning.TenantStepStore;
import io.securewatch.controlplane.tenant.provisioning.TenantWorkflow;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Creates, changes, suspends, resumes and deletes tenants. Every method runs inside the caller's session. The
 * writing ones expect a transaction, record their audit event in it, and start the tenant operation whose steps
 * carry the change out (see {@link TenantWorkflow}). Tenants outside the caller's scope are reported as not found.
 */
@ApplicationScoped
public class TenantService {

    static final String KIND = ObjectKind.TENANT.wireName();
    private static final Pattern SLUG = Pattern.compile(ApiPatterns.DNS_LABEL);

    /** How many names an error message lists before it only counts. */
    private static final int NAMES_SHOWN = 5;

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

    @Inject
    TierLimits tierLimits;

    @Inject
    TenantWorkflow workflow;

    @Inject
    TenantStepStore steps;

    @Inject
    TenantIdentityStore identities;

    /** Returns the tenant with its regions, or fails with 404 when it does not exist or is outside the scope. */
    public Uni<TenantEntity> get(String slug, TenantScope scope) {
        if (slug == null || !SLUG.matcher(slug).matches() || !scope.includes(slug)) {
            return Uni.createFrom().failure(ApiException.notFound(KIND, String.valueOf(slug)));
        }
        return tenants.findBySlug(slug).onItem().ifNull().failWith(() -> ApiException.notFound(KIND, slug));
    }

    public Uni<Page<Tenant>> list(PageRequest page, TenantRepository.TenantFilter filter) {
        return tenants.page(page.after(), page.rowsToFetch(), filter)
                .map(rows -> page.toPage(rows, TenantMapper::toApi, Tenant::slug));
    }

    /**
     * Creates a tenant in {@code provisioning} and starts its provisioning. A tenant whose steps need only the
     * database, such as one whose regions have no agents yet and no identity to create, is ready at once.
     */
    public Uni<TenantEntity> create(TenantRequest request, ChangeOrigin origin) {
        if (workflow.provisionsIdentity() && request.adminEmail() == null) {
            return Uni.createFrom()
                    .failure(ApiException.invalid(
                            "adminEmail",
                            "is required: the control plane creates each tenant's first administrator in Keycloak;"
                                    + " give the email address of the person who administers the tenant"));
        }
        return tenants.findBySlug(request.slug())
                .invoke(existing -> {
                    if (existing != null && existing.status == TenantStatus.DELETING) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "slug: tenant '" + request.slug() + "' is being deleted; choose another slug or wait"
                                        + " until its deletion is done (GET /api/v1/tenants/" + request.slug()
                                        + "/provisioning)");
                    }
                    if (existing != null) {
                        throw ApiException.alreadyExists(KIND, request.slug());
                    }
                    checkTier(request);
                })
                .chain(() -> identities.find(request.slug()))
                .invoke(retained -> {
                    if (retained != null) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "slug: a deleted tenant '" + request.slug() + "' still has its identity in Keycloak"
                                        + (retained.removeAfter() == null ? "" : " until " + retained.removeAfter())
                                        + "; choose another slug or wait until it is removed");
                    }
                })
                .chain(() -> resolveRegions(request))
                .chain(resolved -> {
                    TenantEntity tenant = new TenantEntity();
                    tenant.slug = request.slug();
                    tenant.status = TenantStatus.PROVISIONING;
                    apply(tenant, request, resolved);
                    tenant.createdAt = tenant.updatedAt;
                    return tenants.persistAndFlush(tenant);
                })
                .call(tenant -> desiredState.refreshRegions(regionIds(tenant)))
                .call(tenant -> identities.create(tenant.slug, tenant.displayName, request.adminEmail()))
                .call(tenant -> audit.record(
                        origin,
                        AuditAction.CREATE,
                        ObjectKind.TENANT,
                        tenant.slug,
                        tenant.slug,
                        null,
                        TenantMapper.toApi(tenant)))
                .call(tenant -> workflow.start(tenant, TenantOperation.PROVISION));
    }

    /** Returns the steps of the tenant's latest operation; 404 when the caller may not see the tenant. */
    public Uni<TenantProvisioning> provisioning(String slug, TenantScope scope) {
        return get(slug, scope)
                .chain(tenant -> steps.steps(tenant.id)
                        .map(all -> new TenantProvisioning(
                                tenant.slug,
                                tenant.status,
                                all.isEmpty() ? null : all.get(0).operation().wireName(),
                                all.stream().allMatch(step -> step.state() == StepState.DONE),
                                all.stream().map(TenantService::toApi).toList())));
    }

    private static TenantProvisioning.Step toApi(TenantStep step) {
        return new TenantProvisioning.Step(
                step.name(),
                step.state().wireName(),
                step.failures(),
                step.message(),
                step.lastError(),
                step.startedAt(),
                step.lastAttemptAt(),
                step.state() == StepState.DONE ? null : step.nextAttemptAt(),
                step.finishedAt());
    }

    /** Fails with 400 naming each quota field above the tier's limit. */
    private void checkTier(TenantRequest request) {
        List<io.securewatch.api.v1.Problem.FieldError> errors =
                TierLimits.check(request.tier(), request.quota(), tierLimits.of(request.tier()));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    public Uni<TenantEntity> update(
            String slug, TenantRequest request, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(slug, scope).chain(tenant -> {
            ifMatch.check(tenant.version, "tenant '" + slug + "'");
            if (request.slug() != null && !request.slug().equals(slug)) {
                throw ApiException.invalid(
                        "slug", "must match the slug in the path (" + slug + "); tenants cannot be renamed");
            }
            if (request.adminEmail() != null) {
                throw ApiException.invalid(
                        "adminEmail",
                        "is accepted on create only; manage the tenant's administrators in its Keycloak organization");
            }
            requireNotDeleting(tenant);
            if (isUnchanged(tenant, request)) {
                return Uni.createFrom().item(tenant);
            }
            checkTier(request);
            Tenant before = TenantMapper.toApi(tenant);
            Set<Long> affectedRegions = new HashSet<>(regionIds(tenant));
            return resolveRegions(request)
                    .call(resolved -> requireNoWorkloadsIn(tenant, removedRegions(tenant, resolved)))
                    .chain(resolved -> {
                        apply(tenant, request, resolved);
                        affectedRegions.addAll(regionIds(tenant));
                        return tenants.flush();
                    })
                    .chain(() -> desiredState.refreshRegions(affectedRegions))
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.UPDATE,
                            ObjectKind.TENANT,
                            slug,
                            slug,
                            before,
                            TenantMapper.toApi(tenant)))
                    .chain(() -> restartOrUpdate(tenant))
                    .replaceWith(tenant);
        });
    }

    /** Moves a ready tenant to suspended; suspending a suspended tenant changes nothing. */
    public Uni<TenantEntity> suspend(String slug, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return changeStatus(
                slug, ifMatch, scope, origin, AuditAction.SUSPEND, TenantStatus.READY, TenantStatus.SUSPENDED);
    }

    /** Moves a suspended tenant back to ready; resuming a ready tenant changes nothing. */
    public Uni<TenantEntity> resume(String slug, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return changeStatus(
                slug, ifMatch, scope, origin, AuditAction.RESUME, TenantStatus.SUSPENDED, TenantStatus.READY);
    }

    /**
     * Moves a tenant to {@code deleting} and starts its deletion: its identity is disabled and its namespaces are
     * removed; then the tenant itself is removed.
     *
     * @return the tenant while its deletion goes on, or null when the deletion completed at once
     */
    public Uni<TenantEntity> delete(String slug, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(slug, scope).chain(tenant -> {
            ifMatch.check(tenant.version, "tenant '" + slug + "'");
            if (tenant.status == TenantStatus.DELETING) {
                return Uni.createFrom().item(tenant);
            }
            Tenant before = TenantMapper.toApi(tenant);
            Set<Long> affectedRegions = regionIds(tenant);
            return workloadNames("select name from workload where tenant_id = :tenant order by name", tenant.id, null)
                    .invoke(names -> {
                        if (!names.isEmpty()) {
                            throw new ApiException(
                                    ProblemType.HAS_DEPENDANTS,
                                    "tenant '" + slug + "' owns workloads: " + describe(names) + "; delete them first");
                        }
                    })
                    .chain(() -> drills.requireNoneForTenant(slug))
                    .chain(() -> {
                        tenant.status = TenantStatus.DELETING;
                        tenant.updatedAt = clock.instant();
                        return tenants.flush();
                    })
                    .chain(() -> desiredState.refreshRegions(affectedRegions))
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.DELETE,
                            ObjectKind.TENANT,
                            slug,
                            slug,
                            before,
                            TenantMapper.toApi(tenant)))
                    .chain(() -> workflow.start(tenant, TenantOperation.DELETE))
                    .map(removed -> removed ? null : tenant);
        });
    }

    private Uni<TenantEntity> changeStatus(
            String slug,
            IfMatch ifMatch,
            TenantScope scope,
            ChangeOrigin origin,
            AuditAction action,
            TenantStatus from,
            TenantStatus to) {
        return get(slug, scope).chain(tenant -> {
            ifMatch.check(tenant.version, "tenant '" + slug + "'");
            if (tenant.status == to) {
                return Uni.createFrom().item(tenant);
            }
            requireNotDeleting(tenant);
            if (tenant.status == TenantStatus.PROVISIONING) {
                throw new ApiException(
                        ProblemType.CONFLICT,
                        "tenant '" + slug + "' is provisioning; " + action.wireName()
                                + " it once it is ready (its steps: GET /api/v1/tenants/" + slug + "/provisioning)");
            }
            if (tenant.status != from) {
                throw new ApiException(
                        ProblemType.CONFLICT,
                        "tenant '" + slug + "' is " + tenant.status.wireName() + "; only a " + from.wireName()
                                + " tenant can " + action.wireName());
            }
            Tenant before = TenantMapper.toApi(tenant);
            tenant.status = to;
            tenant.updatedAt = clock.instant();
            return tenants.flush()
                    .chain(() -> desiredState.refreshRegions(regionIds(tenant)))
                    .chain(() -> audit.record(
                            origin, action, ObjectKind.TENANT, slug, slug, before, TenantMapper.toApi(tenant)))
                    .chain(() -> workflow.start(
                            tenant, to == TenantStatus.SUSPENDED ? TenantOperation.SUSPEND : TenantOperation.RESUME))
                    .replaceWith(tenant);
        });
    }

    /** Fails with 409 for a tenant whose deletion has started. */
    private static void requireNotDeleting(TenantEntity tenant) {
        if (tenant.status == TenantStatus.DELETING) {
            throw new ApiException(
                    ProblemType.CONFLICT,
                    "tenant '" + tenant.slug + "' is being deleted; see GET /api/v1/tenants/" + tenant.slug
                            + "/provisioning for its steps");
        }
    }

    /**
     * After a change of regions or quota: starts an update when the latest operation is complete, or else starts
     * that operation again, so that no step of it is lost and its environment steps wait for the new revisions.
     */
    private Uni<Boolean> restartOrUpdate(TenantEntity tenant) {
        return steps.steps(tenant.id).chain(all -> {
            boolean complete = all.stream().allMatch(step -> step.state() == StepState.DONE);
            TenantOperation operation = complete || all.isEmpty()
                    ? TenantOperation.UPDATE
                    : all.get(0).operation();
            return workflow.start(tenant, operation);
        });
    }

    private static Set<Long> removedRegions(TenantEntity tenant, Set<RegionEntity> kept) {
        Set<Long> removed = regionIds(tenant);
        kept.forEach(region -> removed.remove(region.id));
        return removed;
    }

    /** Fails with 409 when workloads of the tenant run in a region the change would take from it. */
    private Uni<Void> requireNoWorkloadsIn(TenantEntity tenant, Set<Long> removedRegions) {
        if (removedRegions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return workloadNames(
                        "select distinct w.name from workload w join workload_region wr on wr.workload_id = w.id"
                                + " where w.tenant_id = :tenant and wr.region_id in (:regions) order by w.name",
                        tenant.id,
                        removedRegions)
                .invoke(names -> {
                    if (!names.isEmpty()) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "regions: workloads of tenant '" + tenant.slug + "' run in the regions you remove: "
                                        + describe(names) + "; remove those regions from the workloads first");
                    }
                })
                .replaceWithVoid();
    }

    private static Uni<List<String>> workloadNames(String sql, long tenantId, Set<Long> regions) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, String.class).setParameter("tenant", tenantId);
            if (regions != null) {
                query.setParameter("regions", regions);
            }
            return query.setMaxResults(NAMES_SHOWN + 1).getResultList();
        });
    }

    private static String describe(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), NAMES_SHOWN)));
        return names.size() > NAMES_SHOWN ? shown + " and more" : shown;
    }

    private static Set<Long> regionIds(TenantEntity tenant) {
        return tenant.regions.stream().map(region -> region.id).collect(Collectors.toSet());
    }

    /** Loads the requested regions and checks the residency rules; fails with 400 listing every violation. */
    private Uni<Set<RegionEntity>> resolveRegions(TenantRequest request) {
        return regions.findByNames(Set.copyOf(request.regions())).map(found -> {
            Map<String, RegionEntity> byName =
                    found.stream().collect(Collectors.toMap(region -> region.name, Function.identity()));
            Map<String, String> zoneByRegion = byName.values().stream()
                    .collect(Collectors.toMap(region -> region.name, region -> region.residencyZone));
            List<FieldError> errors = ResidencyRules.check(request.residencyZones(), request.regions(), zoneByRegion);
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            Set<RegionEntity> resolved = new LinkedHashSet<>();
            request.regions().forEach(name -> resolved.add(byName.get(name)));
            return resolved;
        });
    }

    private void apply(TenantEntity tenant, TenantRequest request, Set<RegionEntity> resolvedRegions) {
        tenant.displayName = request.displayName();
        tenant.tier = request.tier();
        tenant.residencyZones = List.copyOf(request.residencyZones());
        tenant.regions.retainAll(resolvedRegions);
        tenant.regions.addAll(resolvedRegions);
        tenant.quotaCpuMillis = request.quota().cpuMillis();
        tenant.quotaMemoryBytes = request.quota().memoryBytes();
        tenant.quotaPods = request.quota().pods();
        tenant.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(TenantEntity tenant, TenantRequest request) {
        return tenant.displayName.equals(request.displayName())
                && tenant.tier == request.tier()
                && tenant.residencyZones.stream()
                        .sorted()
                        .toList()
                        .equals(request.residencyZones().stream().sorted().toList())
                && tenant.regions.stream()
                        .map(region -> region.name)
                        .sorted()
                        .toList()
                        .equals(request.regions().stream().sorted().toList())
                && tenant.quotaCpuMillis == request.quota().cpuMillis()
                && tenant.quotaMemoryBytes == request.quota().memoryBytes()
                && tenant.quotaPods == request.quota().pods();
    }
}
