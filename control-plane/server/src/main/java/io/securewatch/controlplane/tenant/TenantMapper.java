package io.securewatch.controlplane.tenant;

import io.securewatch.api.v1.Quota;
import io.securewatch.api.v1.Tenant;

/** Converts tenant rows to their API representation. */
public final class TenantMapper {

    private TenantMapper() {}

    /** Converts a tenant whose regions are loaded; regions come out in name order. */
    public static Tenant toApi(TenantEntity entity) {
        return new Tenant(
                entity.slug,
                entity.displayName,
                entity.tier,
                entity.residencyZones.stream().sorted().toList(),
                entity.regions.stream().map(region -> region.name).sorted().toList(),
                new Quota(entity.quotaCpuMillis, entity.quotaMemoryBytes, entity.quotaPods),
                entity.status,
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }
}
