package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A workload as the API returns it.
 *
 * @param tenant the owning tenant, absent for a platform workload
 * @param configMaps names of the ConfigMaps the pods reference, which must exist in every cluster
 * @param secrets names of the Secrets the pods reference; the control plane never stores their content
 */
@Schema(name = "Workload")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Workload(
        String name,
        String tenant,
        String namespace,
        List<String> regions,
        Map<String, String> labels,
        @Schema(type = SchemaType.OBJECT) Map<String, Object> deployment,
        KubernetesService service,
        List<String> configMaps,
        List<String> secrets,

        @Schema(description = "Increases with every change; the ETag carries the same value.")
        long version,

        Instant createdAt,
        Instant updatedAt) {}
