package io.securewatch.api.v1;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A region as the API returns it. */
@Schema(name = "Region")
public record Region(
        String name,
        String displayName,
        String residencyZone,
        String consulDatacenter,
        RegionStatus status,

        @Schema(description = "Increases with every change; the ETag carries the same value.")
        long version,

        Instant createdAt,
        Instant updatedAt) {}
