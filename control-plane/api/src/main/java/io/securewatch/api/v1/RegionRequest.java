package io.securewatch.api.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/regions} and {@code PUT /api/v1/regions/{region}}. A PUT replaces every field;
 * omitted optional fields take their defaults, as on create.
 */
@Schema(name = "RegionRequest", description = "A region to create, or the new state of an existing one.")
public record RegionRequest(
        @Schema(
                description = "DNS label; required on create, and on update equal to the name in the path if given.",
                examples = "eu-west-1")
        @NotNull(groups = ValidationGroups.Create.class, message = "is required")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String name,

        @Schema(description = "Name shown to people.", examples = "Europe (Ireland)")
        @NotBlank(message = "is required and must not be blank")
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = ApiPatterns.DISPLAY_TEXT, message = ApiMessages.DISPLAY_TEXT)
        String displayName,

        @Schema(description = "Data-residency zone the region lies in.", examples = "EU")
        @NotNull(message = "is required")
        @Pattern(regexp = ApiPatterns.RESIDENCY_ZONE, message = ApiMessages.RESIDENCY_ZONE)
        String residencyZone,

        @Schema(
                description = "Consul datacenter that serves the region; defaults to the region name.",
                examples = "eu-west-1")
        @Pattern(regexp = ApiPatterns.CONSUL_DATACENTER, message = ApiMessages.CONSUL_DATACENTER)
        String consulDatacenter,

        @Schema(description = "Defaults to active.") RegionStatus status) {}
