package io.securewatch.api.v1;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The Kubernetes Service in front of a workload's pods. */
@Schema(name = "KubernetesService")
public record KubernetesService(
        @Schema(description = "DNS label; defaults to the workload's name.")
        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL)
        String name,

        @Schema(
                type = SchemaType.OBJECT,
                description = "The Service's spec (v1 ServiceSpec): selector, ports and type ClusterIP, NodePort or"
                        + " LoadBalancer. The selector must select the workload's pods.")
        @NotNull(message = "is required")
        Map<String, Object> spec) {}
