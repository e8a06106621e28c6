package io.securewatch.api.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/clusters} and {@code PUT /api/v1/clusters/{cluster}}. A cluster cannot move to
 * another region: a PUT must name the region it already has.
 */
@Schema(name = "ClusterRequest", description = "A cluster to create, or the new state of an existing one.")
public record ClusterRequest(
        @Schema(description = "DNS label, unique across all regions; required on create.", examples = "eu-west-1-a")
        @NotNull(groups = ValidationGroups.Create.class, message = "is required")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String name,

        @Schema(description = "Name of the region the cluster runs in.", examples = "eu-west-1")
        @NotNull(message = "is required")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String region,

        @Schema(description = "Kubernetes-style labels, at most 64.")
        @Size(max = 64, message = "must hold at most 64 labels")
        Map<
                        @Pattern(regexp = ApiPatterns.LABEL_KEY, message = ApiMessages.LABEL_KEY) @Size(max = 317)
                        String,
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.LABEL_VALUE, message = ApiMessages.LABEL_VALUE) String>
                labels,

        @NotNull(message = "is required") @Valid Capacity capacity,

        @Schema(description = "What the agent does with objects changed by hand; defaults to report.")
        DriftPolicy driftPolicy) {}
