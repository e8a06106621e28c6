package io.securewatch.api.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PUT /api/v1/workloads/{workload}/scaling-policy}. The bounds are global: they are split over
 * the workload's regions and, inside a region, over its clusters, and every cluster gets an autoscaling/v2
 * HorizontalPodAutoscaler with its share.
 */
@Schema(name = "ScalingPolicyRequest")
public record ScalingPolicyRequest(
        @Schema(description = "Fewest replicas over all regions.", examples = "3")
        @NotNull(message = "is required")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = MAX_REPLICAS, message = "must be at most {value}")
        Integer minReplicas,

        @Schema(description = "Most replicas over all regions; at least minReplicas.", examples = "20")
        @NotNull(message = "is required")
        @Min(value = 1, message = "must be at least 1")
        @Max(value = MAX_REPLICAS, message = "must be at most {value}")
        Integer maxReplicas,

        @Schema(description = "Average CPU utilization to keep, in percent of the pods' CPU requests.", examples = "70")
        @Min(value = 1, message = "must be from 1 to 100")
        @Max(value = 100, message = "must be from 1 to 100")
        Integer targetCpuUtilization,

        @Schema(description = "Average memory utilization to keep, in percent of the pods' memory requests.")
        @Min(value = 1, message = "must be from 1 to 100")
        @Max(value = 100, message = "must be from 1 to 100")
        Integer targetMemoryUtilization,

        @Valid ScalingBehavior behavior,

        @Schema(
                description = "Safety margin, in percent, on the load that surviving regions must absorb when a"
                        + " region fails; 0 when absent.",
                examples = "20")
        @Min(value = 0, message = "must be from 0 to 100")
        @Max(value = 100, message = "must be from 0 to 100")
        Integer failoverHeadroomPercent,

        @Schema(description = "Bounds of single regions, which then take no part in the split of the global bounds.")
        @Size(max = 64, message = "must hold at most 64 regions")
        Map<
                        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String,
                        @NotNull(message = "is required") @Valid ReplicaBounds>
                regionOverrides) {

    /** Most replicas a workload may have; far above any real need, it keeps sums in range. */
    public static final int MAX_REPLICAS = 10_000;
}
