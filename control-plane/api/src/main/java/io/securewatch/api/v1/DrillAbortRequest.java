package io.securewatch.api.v1;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Optional body of {@code POST /api/v1/drills/{drill}/runs/{run}/abort} and {@code POST /api/v1/drills/kill-switch}.
 *
 * @param reason why, shown in the run's events and report and recorded in the audit log
 */
@Schema(name = "DrillAbortRequest")
public record DrillAbortRequest(
        @Schema(examples = "checkout errors rising in eu-central-1")
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = ApiPatterns.DISPLAY_TEXT, message = "must not contain control or formatting characters")
        String reason) {}
