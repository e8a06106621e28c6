package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Rules for one scaling direction.
 *
 * @param stabilizationWindowSeconds how far back the autoscaler looks for the recommendation it uses, so that
 *     replicas do not flap
 * @param selectPolicy which of the policies wins when they allow different changes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ScalingRules")
public record ScalingRules(
        @Min(value = 0, message = "must be from 0 to 3600") @Max(value = 3600, message = "must be from 0 to 3600")
        Integer stabilizationWindowSeconds,

        SelectPolicy selectPolicy,

        @Size(max = 10, message = "must hold at most 10 policies")
        List<@NotNull(message = "is required") @Valid ScalingRulePolicy> policies) {

    /** How the allowed changes of several policies combine. */
    public enum SelectPolicy {
        /** The policy that allows the largest change. */
        @JsonProperty("max")
        MAX,
        /** The policy that allows the smallest change. */
        @JsonProperty("min")
        MIN,
        /** No change in this direction. */
        @JsonProperty("disabled")
        DISABLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A limit on the change within a period.
     *
     * @param value pods, or percent of the current replicas
     */
    @Schema(name = "ScalingRulePolicy")
    public record ScalingRulePolicy(
            @NotNull(message = "is required") PolicyType type,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be at least 1")
            @Max(value = 10_000, message = "must be at most {value}")
            Integer value,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be from 1 to 1800")
            @Max(value = 1800, message = "must be from 1 to 1800")
            Integer periodSeconds) {}

    /** The unit of a policy's value. */
    public enum PolicyType {
        @JsonProperty("pods")
        PODS,
        @JsonProperty("percent")
        PERCENT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
