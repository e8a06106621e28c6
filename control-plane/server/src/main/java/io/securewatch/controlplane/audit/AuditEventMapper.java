package io.securewatch.controlplane.audit;

import io.securewatch.api.v1.AuditEvent;

/** Converts audit rows to their API representation. */
final class AuditEventMapper {

    private AuditEventMapper() {}

    static AuditEvent toApi(AuditEventEntity entity) {
        return new AuditEvent(
                entity.id,
                entity.occurredAt,
                entity.actor,
                entity.action,
                entity.objectKind,
                entity.objectId,
                entity.tenant,
                entity.requestId,
                entity.sourceAddress,
                entity.beforeDigest,
                entity.afterDigest,
                entity.beforeState,
                entity.afterState);
    }
}
