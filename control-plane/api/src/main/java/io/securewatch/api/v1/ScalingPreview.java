package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The result of a scaling policy in each cluster of its workload's regions, computed before the policy is set.
 *
 * @param clusters one entry per cluster, in cluster name order
 */
@Schema(name = "ScalingPreview")
public record ScalingPreview(String workload, List<ClusterShare> clusters) {

    /**
     * One cluster's share of the workload's replica bounds.
     *
     * @param horizontalPodAutoscaler the autoscaling/v2 HorizontalPodAutoscaler the cluster's agent would apply, or
     *     null when the cluster gets no replica
     * @param note why the cluster gets no autoscaler, when it gets none
     */
    @Schema(name = "ScalingPreviewCluster")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClusterShare(
            String cluster,
            String region,
            int minReplicas,
            int maxReplicas,

            @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT)
            Map<String, Object> horizontalPodAutoscaler,

            String note) {}
}
