package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How fast replicas may change, as in the behavior of an autoscaling/v2 HorizontalPodAutoscaler. A direction
 * that is absent gets the Kubernetes defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ScalingBehavior")
public record ScalingBehavior(
        @Valid ScalingRules scaleUp, @Valid ScalingRules scaleDown) {}
