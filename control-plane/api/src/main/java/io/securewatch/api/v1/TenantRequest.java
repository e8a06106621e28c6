package io.securewatch.api.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/tenants} and {@code PUT /api/v1/tenants/{tenant}}. Every region must lie in one
 * of the residency zones. The status is not part of the request: it changes through the suspend and resume
 * actions.
 */
@Schema(name = "TenantRequest", description = "A tenant to create, or the new state of an existing one.")
public record TenantRequest(
        @Schema(
                description = "DNS label of at most 56 characters, so that the namespace name "
                        + "tenant-<slug> stays a valid DNS label; required on create.",
                examples = "acme")
        @NotNull(groups = ValidationGroups.Create.class, message = "is required")
        @Size(max = 56, message = "must be at most 56 characters")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.TENANT_SLUG)
        String slug,

        @Schema(description = "Name shown to people.", examples = "ACME Corporation")
        @NotBlank(message = "is required and must not be blank")
        @Size(max = 200, message = "must be at most 200 characters")
        @Pattern(regexp = ApiPatterns.DISPLAY_TEXT, message = ApiMessages.DISPLAY_TEXT)
        String displayName,

        @NotNull(message = "is required") TenantTier tier,

        @Schema(description = "Zones the tenant's data may reside in.", examples = "[\"EU\"]")
        @NotEmpty(message = "must name at least one residency zone")
        @Size(max = 16, message = "must hold at most 16 zones")
        List<
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.RESIDENCY_ZONE, message = ApiMessages.RESIDENCY_ZONE) String>
                residencyZones,

        @Schema(description = "Regions the tenant runs in.", examples = "[\"eu-west-1\", \"eu-central-1\"]")
        @NotEmpty(message = "must name at least one region")
        @Size(max = 64, message = "must hold at most 64 regions")
        List<
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String>
                regions,

        @NotNull(message = "is required") @Valid Quota quota,

        @Schema(
                description = "Email address of the tenant's first administrator, who is invited in Keycloak with"
                        + " the actions to set a password and verify the address. Required on create when the"
                        + " control plane provisions tenant identities; accepted on create only.",
                examples = "admin@acme.example")
        @Size(max = 254, message = "must be at most 254 characters")
        @Email(regexp = ".+@.+\\..+", message = "must be an email address such as admin@acme.example")
        String adminEmail) {

    /** Returns the request without an initial administrator, as updates and deployments without Keycloak use. */
    public TenantRequest(
            String slug,
            String displayName,
            TenantTier tier,
            List<String> residencyZones,
            List<String> regions,
            Quota quota) {
        this(slug, displayName, tier, residencyZones, regions, quota, null);
    }
}
