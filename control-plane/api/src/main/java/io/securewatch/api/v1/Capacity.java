package io.securewatch.api.v1;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Allocatable resources of a cluster. */
@Schema(name = "Capacity")
public record Capacity(
        @Schema(description = "CPU in millicores (1000 = one core).", examples = "64000")
        @NotNull(message = "is required")
        @Positive(message = "must be greater than 0")
        @Max(value = ResourceLimits.MAX_CPU_MILLIS, message = "must be at most {value} (100,000 cores)")
        Long cpuMillis,

        @Schema(description = "Memory in bytes.", examples = "274877906944")
        @NotNull(message = "is required")
        @Positive(message = "must be greater than 0")
        @Max(value = ResourceLimits.MAX_MEMORY_BYTES, message = "must be at most {value} (1 PiB)")
        Long memoryBytes) {}
