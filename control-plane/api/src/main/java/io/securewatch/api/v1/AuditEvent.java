package io.securewatch.api.v1;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One recorded change. Events are append-only. */
@Schema(name = "AuditEvent")
public record AuditEvent(
        long id,
        Instant occurredAt,

        @Schema(description = "User name, or system:<job> for changes the control plane makes itself.")
        String actor,

        @Schema(examples = "create") String action,
        @Schema(examples = "region") String objectKind,
        @Schema(examples = "eu-west-1") String objectId,

        @Schema(description = "Tenant the object belongs to; absent for platform objects.")
        String tenant,

        String requestId,

        @Schema(description = "Client address as the control plane saw it.")
        String sourceAddress,

        @Schema(description = "SHA-256 of the canonical JSON of the object before the change; absent on create.")
        String beforeDigest,

        @Schema(description = "SHA-256 of the canonical JSON of the object after the change; absent on delete.")
        String afterDigest,

        Map<String, Object> before,
        Map<String, Object> after) {}
