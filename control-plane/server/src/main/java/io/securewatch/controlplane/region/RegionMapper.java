package io.securewatch.controlplane.region;

import io.securewatch.api.v1.Region;

/** Converts region rows to their API representation. */
public final class RegionMapper {

    private RegionMapper() {}

    public static Region toApi(RegionEntity entity) {
        return new Region(
                entity.name,
                entity.displayName,
                entity.residencyZone,
                entity.consulDatacenter,
                entity.status,
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }
}
