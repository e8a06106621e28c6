package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.Drill;

/** Converts drill rows to their API representation. */
public final class DrillMapper {

    private DrillMapper() {}

    public static Drill toApi(DrillEntity entity) {
        return new Drill(
                entity.name,
                entity.type,
                entity.target,
                entity.scope,
                entity.guardrails,
                entity.mode,
                entity.schedule,
                entity.createdBy,
                entity.version,
                entity.createdAt,
                entity.updatedAt);
    }
}
