package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PUT /api/v1/services/{service}/routing-policy}: how traffic for a service is spread over its
 * regions and what happens when a region or an instance fails.
 *
 * @param weights share of traffic per region; with {@code weighted}, regions left out get none
 * @param failoverOrder regions to send traffic to, in order, when the local region cannot serve it
 * @param connectTimeoutMillis time to open a connection to an instance
 * @param requestTimeoutMillis time for a whole request, retries included
 */
@Schema(name = "RoutingPolicyRequest")
public record RoutingPolicyRequest(
        @NotNull(message = "is required") Strategy strategy,

        @Schema(description = "Region name to weight, 0 to 1000; at least one weight above 0.")
        @Size(max = 64, message = "must hold at most 64 regions")
        Map<
                        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String,
                        @NotNull(message = "is required") @Min(value = 0, message = "must be from 0 to 1000")
                        @Max(value = 1000, message = "must be from 0 to 1000") Integer>
                weights,

        @Size(max = 64, message = "must hold at most 64 regions")
        List<
                        @NotNull(message = "is required")
                        @Pattern(regexp = ApiPatterns.DNS_LABEL, message = ApiMessages.DNS_LABEL) String>
                failoverOrder,

        @Valid OutlierDetection outlierDetection,

        @Min(value = 1, message = "must be from 1 to 60000") @Max(value = 60_000, message = "must be from 1 to 60000")
        Integer connectTimeoutMillis,

        @Min(value = 1, message = "must be from 1 to 600000")
        @Max(value = 600_000, message = "must be from 1 to 600000")
        Integer requestTimeoutMillis,

        @Valid Retries retries,

        @Valid Limits limits) {

    /** The way traffic is spread over regions. */
    public enum Strategy {
        /** Every edge spreads traffic over the regions by weight. */
        @JsonProperty("weighted")
        WEIGHTED,
        /** Each region serves its own traffic and fails over to other regions in {@code failoverOrder}. */
        @JsonProperty("locality-first")
        LOCALITY_FIRST;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Passive health checking: instances that return errors are taken out for a while.
     *
     * @param consecutive5xx server errors in a row that eject an instance
     * @param intervalSeconds how often ejection is evaluated
     * @param baseEjectionSeconds how long an instance stays out the first time; longer each further time
     * @param maxEjectionPercent most instances of a region that may be out at once
     */
    @Schema(name = "OutlierDetection")
    public record OutlierDetection(
            @NotNull(message = "is required")
            @Min(value = 1, message = "must be from 1 to 1000")
            @Max(value = 1000, message = "must be from 1 to 1000")
            Integer consecutive5xx,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be from 1 to 3600")
            @Max(value = 3600, message = "must be from 1 to 3600")
            Integer intervalSeconds,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be from 1 to 3600")
            @Max(value = 3600, message = "must be from 1 to 3600")
            Integer baseEjectionSeconds,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be from 0 to 100")
            @Max(value = 100, message = "must be from 0 to 100")
            Integer maxEjectionPercent) {}

    /**
     * Retries of failed requests.
     *
     * @param attempts retries after the first try
     * @param retryOn conditions that allow a retry
     * @param budgetPercent most retries, in percent of the requests in flight, so that retries cannot multiply load
     *     during an outage
     */
    @Schema(name = "Retries")
    public record Retries(
            @NotNull(message = "is required")
            @Min(value = 0, message = "must be from 0 to 10")
            @Max(value = 10, message = "must be from 0 to 10")
            Integer attempts,

            @Size(max = 3, message = "must hold at most 3 conditions")
            List<@NotNull(message = "is required") RetryOn> retryOn,

            @NotNull(message = "is required")
            @Min(value = 0, message = "must be from 0 to 100")
            @Max(value = 100, message = "must be from 0 to 100")
            Integer budgetPercent) {}

    /**
     * Caps on the load each region's instances of the service take from one caller, so that a failover or a retry
     * storm queues or fails fast instead of overloading the survivors. All are optional.
     *
     * @param maxConnections open connections to the region's instances
     * @param maxPendingRequests requests waiting for a connection; beyond it requests fail at once
     * @param maxConcurrentRequests requests in flight at once
     */
    @Schema(name = "RoutingLimits")
    public record Limits(
            @Min(value = 1, message = "must be from 1 to 1000000")
            @Max(value = 1_000_000, message = "must be from 1 to 1000000")
            Integer maxConnections,

            @Min(value = 1, message = "must be from 1 to 1000000")
            @Max(value = 1_000_000, message = "must be from 1 to 1000000")
            Integer maxPendingRequests,

            @Min(value = 1, message = "must be from 1 to 1000000")
            @Max(value = 1_000_000, message = "must be from 1 to 1000000")
            Integer maxConcurrentRequests) {}

    /** A condition under which a request is retried. */
    public enum RetryOn {
        @JsonProperty("connect-failure")
        CONNECT_FAILURE,
        @JsonProperty("5xx")
        SERVER_ERROR,
        @JsonProperty("reset")
        RESET;

        public String wireName() {
            return switch (this) {
                case CONNECT_FAILURE -> "connect-failure";
                case SERVER_ERROR -> "5xx";
                case RESET -> "reset";
            };
        }
    }
}
