package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A workload's scaling policy as the API returns it. */
@Schema(name = "ScalingPolicy")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScalingPolicy(
        String workload,
        int minReplicas,
        int maxReplicas,
        Integer targetCpuUtilization,
        Integer targetMemoryUtilization,
        ScalingBehavior behavior,
        int failoverHeadroomPercent,
        Map<String, ReplicaBounds> regionOverrides,

        @Schema(description = "Increases with every change; the ETag carries the same value.")
        long version,

        Instant createdAt,
        Instant updatedAt) {}
