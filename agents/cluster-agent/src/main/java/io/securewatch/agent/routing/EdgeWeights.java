package io.securewatch.agent.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weights with which an {@code EdgeBackend} splits its edge's requests over regions. Each server of the backend
 * is named after the region it sends to.
 *
 * <p>A server that is drained ({@code drain}) or in maintenance ({@code maint}) counts as weight 0. HAProxy sends
 * requests to backup servers only when no other server is usable, so backup servers are left out while any other
 * server has weight left, and otherwise take part with their own weight.
 *
 * @param region the edge's own region, from {@code spec.region}
 * @param weightByRegion the weight of each server that takes the edge's requests, by region
 */
record EdgeWeights(String region, Map<String, Integer> weightByRegion) {

    /**
     * Reads the weights from an {@code EdgeBackend} manifest, or returns empty when it has no {@code spec.region}
     * (control planes before that field did not send it) or its servers are not a list of named servers with numeric
     * weights.
     */
    static Optional<EdgeWeights> of(Map<String, Object> manifest) {
        if (!(manifest.get("spec") instanceof Map<?, ?> spec)
                || !(spec.get("region") instanceof String region)
                || region.isBlank()
                || !(spec.get("servers") instanceof List<?> servers)) {
            return Optional.empty();
        }
        Map<String, Integer> primary = new LinkedHashMap<>();
        Map<String, Integer> all = new LinkedHashMap<>();
        for (Object item : servers) {
            if (!(item instanceof Map<?, ?> server)
                    || !(server.get("name") instanceof String name)
                    || !(server.get("weight") instanceof Number weight)) {
                return Optional.empty();
            }
            int effective = takesRequests(server.get("state")) ? Math.max(0, weight.intValue()) : 0;
            all.put(name, effective);
            if (!Boolean.TRUE.equals(server.get("backup"))) {
                primary.put(name, effective);
            }
        }
        boolean primaryHasWeight = primary.values().stream().anyMatch(weight -> weight > 0);
        return Optional.of(new EdgeWeights(region, Map.copyOf(primaryHasWeight ? primary : all)));
    }

    /** Tells whether a server in this administrative state gets new requests. */
    private static boolean takesRequests(Object state) {
        return !"drain".equals(state) && !"maint".equals(state);
    }
}
