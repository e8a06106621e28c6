package io.securewatch.api.v1;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The fewest and most replicas of one region. */
@Schema(name = "ReplicaBounds")
public record ReplicaBounds(
        @NotNull(message = "is required")
        @Min(value = 0, message = "must be at least 0")
        @Max(value = ScalingPolicyRequest.MAX_REPLICAS, message = "must be at most {value}")
        Integer minReplicas,

        @NotNull(message = "is required")
        @Min(value = 0, message = "must be at least 0")
        @Max(value = ScalingPolicyRequest.MAX_REPLICAS, message = "must be at most {value}")
        Integer maxReplicas) {}
