package io.securewatch.api.v1;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant (a customer of the platform) as the API returns it. */
@Schema(name = "Tenant")
public record Tenant(
        String slug,
        String displayName,
        TenantTier tier,
        List<String> residencyZones,
        List<String> regions,
        Quota quota,
        TenantStatus status,

        @Schema(description = "Increases with every change; the ETag carries the same value.")
        long version,

        Instant createdAt,
        Instant updatedAt) {}
