package io.securewatch.api.v1;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Kubernetes cluster as the API returns it. */
@Schema(name = "Cluster")
public record Cluster(
        String name,
        String region,
        Map<String, String> labels,
        Capacity capacity,
        DriftPolicy driftPolicy,

        @Schema(description = "Increases with every change; the ETag carries the same value.")
        long version,

        Instant createdAt,
        Instant updatedAt) {}
