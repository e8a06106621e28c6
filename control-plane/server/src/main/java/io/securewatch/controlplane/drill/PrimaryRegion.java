package io.securewatch.controlplane.drill;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the region a service-failover drill takes the service out of: the region that serves most of its traffic.
 * Pure code.
 */
final class PrimaryRegion {

    private PrimaryRegion() {}

    /**
     * Returns the service's primary region, or why it has none.
     *
     * @param strategy {@code WEIGHTED}, {@code LOCALITY_FIRST}, or null without a routing policy
     * @param regions the service's regions
     */
    static Result of(String strategy, Map<String, Integer> weights, List<String> failoverOrder, List<String> regions) {
        if (strategy == null) {
            return Result.none(
                    "has no routing policy, so no region serves most of its traffic; PUT a routing policy" + " first");
        }
        if (strategy.equals("WEIGHTED")) {
            // The highest weight, and the first name among equal weights, so that the choice is stable.
            Optional<String> heaviest = regions.stream()
                    .filter(region -> weights.getOrDefault(region, 0) > 0)
                    .min(Comparator.comparing((String region) -> -weights.getOrDefault(region, 0))
                            .thenComparing(Comparator.naturalOrder()));
            return heaviest.map(Result::of).orElseGet(() -> Result.none("gives no region a weight above 0"));
        }
        return failoverOrder.stream()
                .filter(regions::contains)
                .findFirst()
                .map(Result::of)
                .orElseGet(() -> Result.none("is locality-first with no failover order, so every region serves its"
                        + " own traffic; run a region-evacuation drill of one of its regions instead"));
    }

    /**
     * A primary region, or the reason there is none.
     *
     * @param problem how the service's routing policy prevents a choice, as the end of a sentence about it
     */
    record Result(String region, String problem) {
        static Result of(String region) {
            return new Result(region, null);
        }

        static Result none(String problem) {
            return new Result(null, problem);
        }
    }
}
