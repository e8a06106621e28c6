package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.RoutingPolicyRequest.Limits;
import io.securewatch.api.v1.RoutingPolicyRequest.OutlierDetection;
import io.securewatch.api.v1.RoutingPolicyRequest.Retries;
import io.securewatch.api.v1.RoutingPolicyRequest.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A routing policy with its defaults filled in, and the regions of its service, as the renderer needs them.
 *
 * @param regions the service's regions in name order, each with its Consul datacenter
 * @param weights weight per region; regions left out weigh 0
 * @param outlierDetection null for none
 * @param retries null for none
 * @param limits null for none
 * @param healthCheckPath HTTP path of the service's readiness check, or null to check by TCP connect
 * @param evacuated regions a running failover drill has taken out of service: they get no traffic and are no
 *     failover target
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
        Limits limits,
        String healthCheckPath,
        Set<String> evacuated) {

    /** A policy with no region evacuated. */
    public RoutingInput(
            String service,
            List<Region> regions,
            Strategy strategy,
            Map<String, Integer> weights,
            List<String> failoverOrder,
            OutlierDetection outlierDetection,
            int connectTimeoutMillis,
            int requestTimeoutMillis,
            Retries retries,
            Limits limits,
            String healthCheckPath) {
        this(
                service,
                regions,
                strategy,
                weights,
                failoverOrder,
                outlierDetection,
                connectTimeoutMillis,
                requestTimeoutMillis,
                retries,
                limits,
                healthCheckPath,
                Set.of());
    }

    public RoutingInput {
        evacuated = evacuated == null ? Set.of() : Set.copyOf(evacuated);
    }

    /** Returns whether a running drill has taken the region out of service. */
    public boolean isEvacuated(String region) {
        return evacuated.contains(region);
    }

    /** Returns the HTTP path of the first container's readiness probe, or null when it has none. */
    public static String healthCheckPath(Map<String, Object> deployment) {
        if (deployment.get("template") instanceof Map<?, ?> template
                && template.get("spec") instanceof Map<?, ?> podSpec
                && podSpec.get("containers") instanceof List<?> containers
                && !containers.isEmpty()
                && containers.get(0) instanceof Map<?, ?> container
                && container.get("readinessProbe") instanceof Map<?, ?> probe
                && probe.get("httpGet") instanceof Map<?, ?> httpGet
                && httpGet.get("path") instanceof String path) {
            return path;
        }
        return null;
    }

    /** A region with the Consul datacenter that serves it. */
    public record Region(String name, String datacenter) {}
}
