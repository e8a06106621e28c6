package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Response of {@code POST /api/v1/imports/kubernetes}.
 *
 * @param dryRun true when nothing was stored: the lists show what an import would create
 * @param workloads the workloads created, one per Deployment, with their Service
 * @param scalingPolicies the scaling policies created, one per HorizontalPodAutoscaler
 * @param unhandled documents the import did not turn into a workload or scaling policy, each with the reason
 * @param warnings fields of the manifests that the import did not keep, with the reason
 */
@Schema(name = "ImportResult")
public record ImportResult(
        boolean dryRun,
        List<Workload> workloads,
        List<ScalingPolicy> scalingPolicies,
        List<UnhandledObject> unhandled,
        List<Problem.FieldError> warnings) {

    /**
     * A document that the import left alone.
     *
     * @param document position of the document in the stream, from 0
     */
    @Schema(name = "UnhandledObject")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnhandledObject(
            int document, String apiVersion, String kind, String namespace, String name, String reason) {}
}
