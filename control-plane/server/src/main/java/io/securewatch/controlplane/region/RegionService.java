package io.securewatch.controlplane.region;

import io.securewatch.api.v1.ApiPatterns;
import io.securewatch.api.v1.Page;
import io.securewatch.api.v1.Problem.FieldError;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.RegionRequest;
import io.securewatch.api.v1.RegionStatus;
import io.securewatch.controlplane.audit.AuditAction;
import io.securewatch.controlplane.audit.AuditLog;
import io.securewatch.controlplane.audit.ChangeOrigin;
import io.securewatch.controlplane.audit.ObjectKind;
import io.securewatch.controlplane.drillreference.DrillReferences;
import io.securewatch.controlplane.web.ApiException;
import io.securewatch.controlplane.web.EntityTags.IfMatch;
import io.securewatch.controlplane.web.PageRequest;
import io.securewatch.controlplane.web.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, changes and deletes regions. Every method runs inside the caller's session. The writing ones expect a
 * transaction and record their audit event in it.
 */
@ApplicationScoped
public class RegionService {

    static final String KIND = ObjectKind.REGION.wireName();
    private static final Pattern NAME = Pattern.compile(ApiPatterns.DNS_LABEL);

    @Inject
    RegionRepository regions;

    @Inject
    RegionUsage usage;

    @Inject
    DrillReferences drills;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Returns the region, or fails with 404. */
    public Uni<RegionEntity> get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Uni.createFrom().failure(ApiException.notFound(KIND, String.valueOf(name)));
        }
        return regions.findByName(name).onItem().ifNull().failWith(() -> ApiException.notFound(KIND, name));
    }

    public Uni<Page<Region>> list(PageRequest page, Optional<String> residencyZone, Optional<RegionStatus> status) {
        return regions.page(page.after(), page.rowsToFetch(), residencyZone, status)
                .map(rows -> page.toPage(rows, RegionMapper::toApi, Region::name));
    }

    public Uni<RegionEntity> create(RegionRequest request, ChangeOrigin origin) {
        String datacenter = Objects.requireNonNullElse(request.consulDatacenter(), request.name());
        return regions.findByName(request.name())
                .invoke(existing -> {
                    if (existing != null) {
                        throw ApiException.alreadyExists(KIND, request.name());
                    }
                })
                .chain(() -> requireDatacenterFree(datacenter, null))
                .chain(() -> {
                    RegionEntity region = new RegionEntity();
                    region.name = request.name();
                    apply(region, request, datacenter);
                    region.createdAt = region.updatedAt;
                    return regions.persistAndFlush(region);
                })
                .call(region -> audit.record(
                        origin,
                        AuditAction.CREATE,
                        ObjectKind.REGION,
                        region.name,
                        null,
                        null,
                        RegionMapper.toApi(region)));
    }

    public Uni<RegionEntity> update(String name, RegionRequest request, IfMatch ifMatch, ChangeOrigin origin) {
        return get(name).chain(region -> {
            ifMatch.check(region.version, "region '" + name + "'");
            if (request.name() != null && !request.name().equals(name)) {
                throw ApiException.invalid(
                        "name", "must match the name in the path (" + name + "); regions cannot be renamed");
            }
            String datacenter = Objects.requireNonNullElse(request.consulDatacenter(), name);
            if (isUnchanged(region, request, datacenter)) {
                return Uni.createFrom().item(region);
            }
            Region before = RegionMapper.toApi(region);
            return requireZoneKeepsTenants(region, request.residencyZone())
                    .chain(() -> requireDatacenterFree(datacenter, region.id))
                    .chain(() -> {
                        apply(region, request, datacenter);
                        return regions.flush();
                    })
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.UPDATE,
                            ObjectKind.REGION,
                            name,
                            null,
                            before,
                            RegionMapper.toApi(region)))
                    .replaceWith(region);
        });
    }

    public Uni<Void> delete(String name, IfMatch ifMatch, ChangeOrigin origin) {
        return get(name).chain(region -> {
            ifMatch.check(region.version, "region '" + name + "'");
            return requireUnused(region)
                    .chain(() -> regions.delete(region))
                    .chain(() -> audit.record(
                            origin,
                            AuditAction.DELETE,
                            ObjectKind.REGION,
                            name,
                            null,
                            RegionMapper.toApi(region),
                            null));
        });
    }

    private void apply(RegionEntity region, RegionRequest request, String datacenter) {
        region.displayName = request.displayName();
        region.residencyZone = request.residencyZone();
        region.consulDatacenter = datacenter;
        region.status = Objects.requireNonNullElse(request.status(), RegionStatus.ACTIVE);
        region.updatedAt = clock.instant();
    }

    private static boolean isUnchanged(RegionEntity region, RegionRequest request, String datacenter) {
        return region.displayName.equals(request.displayName())
                && region.residencyZone.equals(request.residencyZone())
                && region.consulDatacenter.equals(datacenter)
                && region.status == Objects.requireNonNullElse(request.status(), RegionStatus.ACTIVE);
    }

    private Uni<Void> requireDatacenterFree(String datacenter, Long ownId) {
        return regions.findByConsulDatacenter(datacenter)
                .invoke(other -> {
                    if (other != null && !other.id.equals(ownId)) {
                        String message = "region '" + other.name + "' already uses Consul datacenter '" + datacenter
                                + "'; each region needs its own";
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "consulDatacenter: " + message,
                                List.of(new FieldError("consulDatacenter", message)));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> requireZoneKeepsTenants(RegionEntity region, String newZone) {
        if (region.residencyZone.equals(newZone)) {
            return Uni.createFrom().voidItem();
        }
        return usage.tenantSlugsOutsideZone(region.id, newZone)
                .invoke(tenants -> {
                    if (!tenants.isEmpty()) {
                        throw new ApiException(
                                ProblemType.CONFLICT,
                                "residencyZone: tenants of region '" + region.name + "' may not keep data in zone "
                                        + newZone + ": " + RegionUsage.describe(tenants)
                                        + "; remove the region from those tenants first");
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> requireUnused(RegionEntity region) {
        return usage.clusterNames(region.id)
                .invoke(clusters -> {
                    if (!clusters.isEmpty()) {
                        throw new ApiException(
                                ProblemType.HAS_DEPENDANTS,
                                "region '" + region.name + "' has clusters: " + RegionUsage.describe(clusters)
                                        + "; delete them first");
                    }
                })
                .chain(() -> usage.tenantSlugs(region.id))
                .invoke(tenants -> {
                    if (!tenants.isEmpty()) {
                        throw new ApiException(
                                ProblemType.HAS_DEPENDANTS,
                                "region '" + region.name + "' is used by tenants: " + RegionUsage.describe(tenants)
                                        + "; remove the region from those tenants first");
                    }
                })
                .chain(() -> usage.workloadNames(region.id))
                .invoke(workloads -> {
                    if (!workloads.isEmpty()) {
                        throw new ApiException(
                                ProblemType.HAS_DEPENDANTS,
                                "region '" + region.name + "' runs workloads: " + RegionUsage.describe(workloads)
                                        + "; remove the region from those workloads first");
                    }
                })
                .chain(() -> drills.requireNoneForRegion(region.name));
    }
}
