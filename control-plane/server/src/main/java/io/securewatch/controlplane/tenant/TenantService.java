package io.securewatch.controlplane.tenant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Tenant;
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
 * writing ones expect a transaction and record their audit event in it. Tenants outside the caller's scope
 * are reported as not found.
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

    public Uni<TenantEntity> create(TenantRequest request, ChangeOrigin origin) {
        return tenants.findBySlug(request.slug())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ApiException.alreadyExists(KIND, request.slug());
                    }
                    checkTier(request);
                })
                .chain(() -> resolveRegions(request))
                .chain(resolved -> {
                    TenantEntity tenant = new TenantEntity();
                    tenant.slug = request.slug();
                    // NOTE: nothing needs provisioning yet, so a new tenant is ready at once. The provisioning
                    // workflow (Keycloak, namespaces, shards) will start tenants in PROVISIONING instead.
                    tenant.status = TenantStatus.READY;
                    apply(tenant, request, resolved);
                    tenant.createdAt = tenant.updatedAt;
                    return tenants.persistAndFlush(tenant);
                })
                .call(tenant -> desiredState.refreshRegions(regionIds(tenant)))
                .call(tenant -> audit.record(
                        origin,
                        AuditAction.CREATE,
                        ObjectKind.TENANT,
                        tenant.slug,
                        tenant.slug,
                        null,
                        TenantMapper.toApi(tenant)));
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

    public Uni<Void> delete(String slug, IfMatch ifMatch, TenantScope scope, ChangeOrigin origin) {
        return get(slug, scope).chain(tenant -> {
            ifMatch.check(tenant.version, "tenant '" + slug + "'");
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
                    .chain(() -> tenants.delete(tenant))
                    .chain(() -> tenants.flush())
                    .chain(() -> desiredState.refreshRegions(affectedRegions))
                    .chain(() -> audit.record(origin, AuditAction.DELETE, ObjectKind.TENANT, slug, slug, before, null));
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
                    .replaceWith(tenant);
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
