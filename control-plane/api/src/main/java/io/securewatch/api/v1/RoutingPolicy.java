package io.securewatch.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A service's routing policy as the API returns it, with the defaults filled in. */
@Schema(name = "RoutingPolicy")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingPolicy(
        String service,
        RoutingPolicyRequest.Strategy strategy,
        Map<String, Integer> weights,
        List<String> failoverOrder,
        RoutingPolicyRequest.OutlierDetection outlierDetection,
        int connectTimeoutMillis,
        int requestTimeoutMillis,
        RoutingPolicyRequest.Retries retries,
        RoutingPolicyRequest.Limits limits,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
