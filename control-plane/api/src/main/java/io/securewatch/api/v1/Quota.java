package io.securewatch.api.v1;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Resources a tenant may use in total, over all its regions. */
@Schema(name = "Quota")
public record Quota(
        @Schema(description = "CPU in millicores (1000 = one core).", examples = "8000")
        @NotNull(message = "is required")
        @Positive(message = "must be greater than 0")
        @Max(value = ResourceLimits.MAX_CPU_MILLIS, message = "must be at most {value} (100,000 cores)")
        Long cpuMillis,

        @Schema(description = "Memory in bytes.", examples = "17179869184")
        @NotNull(message = "is required")
        @Positive(message = "must be greater than 0")
        @Max(value = ResourceLimits.MAX_MEMORY_BYTES, message = "must be at most {value} (1 PiB)")
        Long memoryBytes,

        @Schema(description = "Number of pods.", examples = "200")
        @NotNull(message = "is required")
        @Positive(message = "must be greater than 0")
        @Max(value = ResourceLimits.MAX_PODS, message = "must be at most {value}")
        Long pods) {}
