package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A drill as the API returns it, with the defaults of its scope, guardrails and mode filled in. */
@Schema(name = "Drill")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Drill(
        String name,
        DrillRequest.Type type,
        String target,
        DrillRequest.Scope scope,
        DrillRequest.Guardrails guardrails,
        DrillRequest.Mode mode,

        @Schema(description = "Quartz cron expression for regular practice runs; absent when none.")
        String schedule,

        @Schema(description = "User who created the drill, or system:<job> for a drill the control plane created.")
        String createdBy,

        @Schema(description = "Increases with every change; the ETag carries the same value.")
        long version,

        Instant createdAt,
        Instant updatedAt) {}
