package io.securewatch.api.v1;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/workloads/{workload}/pre-scale}: raise the surviving regions' minimum replicas before
 * the given regions lose their traffic, such as before a failover drill.
 *
 * @param excludedRegions regions of the workload expected to lose their traffic; at least one region must remain
 * @param reason why, recorded with the pre-scaling and in the audit log
 */
@Schema(name = "PreScaleRequest")
public record PreScaleRequest(
        @Schema(examples = "[\"eu-west-1\"]")
        @NotEmpty(message = "must name at least one region")
        @Size(max = 63, message = "must hold at most 63 regions")
        List<
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String>
                excludedRegions,

        @Schema(examples = "failover drill of eu-west-1")
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = ApiPatterns.DISPLAY_TEXT, message = "must not contain control or formatting characters")
        String reason) {}
