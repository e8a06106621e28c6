package io.securewatch.controlplane.routing;

import io.securewatch.api.v1.RoutingPolicyRequest.OutlierDetection;
import io.securewatch.api.v1.RoutingPolicyRequest.Retries;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import java.util.List;
import java.util.Map;

/**
 * A routing policy with its defaults filled in, and the regions of its service, as the renderer needs them.
 *
 * @param regions the service's regions in name order, each with its Consul datacenter
 * @param weights weight per region; regions left out weigh 0
 * @param outlierDetection null for none
 * @param retries null for none
 * @param healthCheckPath HTTP path of the service's readiness check, or null to check by TCP connect
 */
public record RoutingInput(
        String service,
        List<Region> regions,
        Strategy strategy,
        Map<String, Integer> weights,
        List<String> failoverOrder,
        OutlierDetection outlierDetection,
        int connectTimeoutMillis,
        int requestTimeoutMillis,
        Retries retries,
        String healthCheckPath) {

    /** A region with the Consul datacenter that serves it. */
    public record Region(String name, String datacenter) {}
}
