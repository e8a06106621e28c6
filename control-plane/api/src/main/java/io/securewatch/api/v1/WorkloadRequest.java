package io.securewatch.api.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/workloads} and {@code PUT /api/v1/workloads/{workload}}: a Deployment, and
 * optionally its Service, to run in a set of regions. The Deployment and Service specs use the Kubernetes
 * shapes of apps/v1 and v1; the server checks the fields it relies on and keeps the rest as sent.
 */
@Schema(name = "WorkloadRequest", description = "A workload to create, or the new state of an existing one.")
public record WorkloadRequest(
        @Schema(description = "DNS label; also the name of the Deployment. Required on create.", examples = "checkout")
        @NotNull(groups = ValidationGroups.Create.class, message = "is required")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String name,

        @Schema(
                description = "Slug of the tenant that owns the workload; absent for a platform workload. A workload"
                        + " cannot move to another owner.")
        @Size(max = 56, message = "must be at most 56 characters")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.TENANT_SLUG)
        String tenant,

        @Schema(
                description = "Namespace of a platform workload, default securewatch. A tenant workload always runs"
                        + " in tenant-<slug>; the field may be absent or name that namespace.")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String namespace,

        @Schema(description = "Regions the workload runs in; for a tenant workload, regions of the tenant.")
        @NotEmpty(message = "must name at least one region")
        @Size(max = 64, message = "must hold at most 64 regions")
        List<
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String>
                regions,

        @Schema(description = "Labels put on the Deployment and the Service, besides the ones the platform adds.")
        @Size(max = 64, message = "must hold at most 64 labels")
        Map<
                        @Pattern(regexp = ApiPatterns.LABEL_KEY, message = ApiMessages.LABEL_KEY) String,
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.LABEL_VALUE, message = ApiMessages.LABEL_VALUE) String>
                labels,

        @Schema(
                type = SchemaType.OBJECT,
                description = "The Deployment's spec (apps/v1 DeploymentSpec): selector, template, strategy and"
                        + " replicas. Replicas are split over the clusters when the workload has no scaling policy.")
        @NotNull(message = "is required")
        Map<String, Object> deployment,

        @Valid KubernetesService service) {}
