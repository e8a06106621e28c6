package io.securewatch.agent.simulated;

import io.securewatch.agent.simulated.AutoscalerSpec.MetricTarget;
import io.securewatch.agent.simulated.AutoscalerSpec.PolicyType;
import io.securewatch.agent.simulated.AutoscalerSpec.ScalingPolicy;
import io.securewatch.agent.simulated.AutoscalerSpec.ScalingRules;
import io.securewatch.agent.simulated.AutoscalerSpec.SelectPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The replica calculation of the Kubernetes HorizontalPodAutoscaler controller (autoscaling/v2) for one
 * autoscaler, without I/O: the caller passes the time and the observed utilization. Between runs it keeps what the
 * controller keeps: recent recommendations for the stabilization windows and recent scale events for the rate
 * limits. The steps follow {@code pkg/controller/podautoscaler/horizontal.go} and {@code replica_calculator.go}
 * of Kubernetes, for targets whose pods are all ready:
 *
 * <ol>
 *   <li>Outside [minReplicas, maxReplicas] the replicas move to the nearest bound at once.
 *   <li>Each metric proposes {@code ceil(current × utilization / target)}, or the current replicas while the ratio
 *       is within the tolerance. The largest proposal wins.
 *   <li>Stabilization: the result stays between the lowest recommendation of the scale-up window and the highest
 *       of the scale-down window.
 *   <li>Rate limits: the behavior policies bound the change per period, and the bounds apply.
 * </ol>
 */
final class Autoscaler {

    /**
     * Half-width of the band around a usage ratio of 1 in which no change is made. It is the controller's default
     * {@code --horizontal-pod-autoscaler-tolerance}.
     */
    static final double TOLERANCE = 0.1;

    private final List<Recommendation> recommendations = new ArrayList<>();
    private final List<ScaleEvent> scaleUpEvents = new ArrayList<>();
    private final List<ScaleEvent> scaleDownEvents = new ArrayList<>();
    private boolean seeded;

    /**
     * Computes the replicas the target should run and records the decision for later runs.
     *
     * @param currentReplicas the target's {@code spec.replicas}
     * @param utilization average use by resource name, in percent of the pods' requests; a resource left out has
     *     no metric
     * @param now the time of this run, never before the previous run's
     * @return the new replicas, or {@code currentReplicas} when the autoscaler does not scale
     */
    int nextReplicas(AutoscalerSpec spec, int currentReplicas, Map<String, Integer> utilization, Instant now) {
        if (!seeded) {
            // The controller seeds the history with the replicas it first finds, so a new autoscaler does not
            // scale down within its first scale-down window.
            recommendations.add(new Recommendation(currentReplicas, now));
            seeded = true;
        }
        if (currentReplicas == 0) {
            // Kubernetes does not autoscale a target scaled to zero by hand (minReplicas is at least 1 here).
            return 0;
        }

        int desired;
        if (currentReplicas > spec.maxReplicas()) {
            desired = spec.maxReplicas();
        } else if (currentReplicas < spec.minReplicas()) {
            desired = spec.minReplicas();
        } else {
            OptionalInt proposal = proposal(spec.metrics(), currentReplicas, utilization);
            if (proposal.isEmpty()) {
                return currentReplicas;
            }
            int stabilized = stabilize(spec, currentReplicas, proposal.getAsInt(), now);
            desired = limitRate(spec, currentReplicas, stabilized, now);
        }
        if (desired != currentReplicas) {
            recordScaleEvent(spec, currentReplicas, desired, now);
        }
        return desired;
    }

    /**
     * Returns the largest proposal of the metrics, or empty when none can be computed, or when some cannot and the
     * others propose to scale down (the controller then keeps the replicas).
     */
    private static OptionalInt proposal(
            List<MetricTarget> metrics, int currentReplicas, Map<String, Integer> utilization) {
        int replicas = 0;
        int missing = 0;
        for (MetricTarget metric : metrics) {
            Integer current = utilization.get(metric.resource());
            if (current == null) {
                missing++;
                continue;
            }
            replicas = Math.max(replicas, proposal(currentReplicas, current, metric.averageUtilization()));
        }
        if (missing == metrics.size() || missing > 0 && replicas < currentReplicas) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(replicas);
    }

    private static int proposal(int currentReplicas, int utilization, int targetUtilization) {
        double ratio = (double) utilization / targetUtilization;
        if (Math.abs(1.0 - ratio) <= TOLERANCE) {
            return currentReplicas;
        }
        return (int) Math.ceil(ratio * currentReplicas);
    }

    /**
     * Keeps the current replicas unless every recommendation in the scale-up window is higher, or every one in
     * the scale-down window is lower, and records the new recommendation.
     */
    private int stabilize(AutoscalerSpec spec, int currentReplicas, int recommendation, Instant now) {
        Instant upCutoff = now.minusSeconds(spec.scaleUp().stabilizationWindowSeconds());
        Instant downCutoff = now.minusSeconds(spec.scaleDown().stabilizationWindowSeconds());
        int upLimit = recommendation;
        int downLimit = recommendation;
        for (Recommendation recorded : recommendations) {
            if (recorded.at().isAfter(upCutoff)) {
                upLimit = Math.min(upLimit, recorded.replicas());
            }
            if (recorded.at().isAfter(downCutoff)) {
                downLimit = Math.max(downLimit, recorded.replicas());
            }
        }
        recommendations.removeIf(
                recorded -> recorded.at().isBefore(upCutoff) && recorded.at().isBefore(downCutoff));
        recommendations.add(new Recommendation(recommendation, now));

        int stabilized = Math.max(currentReplicas, upLimit);
        return Math.min(stabilized, downLimit);
    }

    /** Bounds the change by the behavior policies and the replicas by [minReplicas, maxReplicas]. */
    private int limitRate(AutoscalerSpec spec, int currentReplicas, int desired, Instant now) {
        if (desired > currentReplicas) {
            int limit = Math.max(scaleUpLimit(spec.scaleUp(), currentReplicas, now), currentReplicas);
            return Math.min(desired, Math.min(spec.maxReplicas(), limit));
        }
        if (desired < currentReplicas) {
            int limit = Math.min(scaleDownLimit(spec.scaleDown(), currentReplicas, now), currentReplicas);
            return Math.max(desired, Math.max(spec.minReplicas(), limit));
        }
        return desired;
    }

    /** Returns the most replicas the scale-up policies allow now; selectPolicy Min picks the smallest allowance. */
    private int scaleUpLimit(ScalingRules rules, int currentReplicas, Instant now) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        boolean smallest = rules.selectPolicy() == SelectPolicy.MIN;
        int limit = smallest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            int periodStart = replicasAtPeriodStart(currentReplicas, policy, now);
            int allowed = policy.type() == PolicyType.PODS
                    ? periodStart + policy.value()
                    // Rounded up, so that a small percentage of few replicas still allows one more.
                    : (int) Math.ceil(periodStart * (1 + policy.value() / 100.0));
            limit = smallest ? Math.min(limit, allowed) : Math.max(limit, allowed);
        }
        return limit;
    }

    /** Returns the fewest replicas the scale-down policies allow now; selectPolicy Min picks the smallest change. */
    private int scaleDownLimit(ScalingRules rules, int currentReplicas, Instant now) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return currentReplicas;
        }
        boolean smallest = rules.selectPolicy() == SelectPolicy.MIN;
        int limit = smallest ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy policy : rules.policies()) {
            int periodStart = replicasAtPeriodStart(currentReplicas, policy, now);
            int allowed = policy.type() == PolicyType.PODS
                    ? periodStart - policy.value()
                    : (int) (periodStart * (1 - policy.value() / 100.0));
            limit = smallest ? Math.max(limit, allowed) : Math.min(limit, allowed);
        }
        return limit;
    }

    /** Returns the replicas before the scale events within the policy's period. */
    private int replicasAtPeriodStart(int currentReplicas, ScalingPolicy policy, Instant now) {
        Instant cutoff = now.minusSeconds(policy.periodSeconds());
        return currentReplicas - changeSince(scaleUpEvents, cutoff) + changeSince(scaleDownEvents, cutoff);
    }

    private static int changeSince(List<ScaleEvent> events, Instant cutoff) {
        return events.stream()
                .filter(event -> event.at().isAfter(cutoff))
                .mapToInt(ScaleEvent::replicaChange)
                .sum();
    }

    private void recordScaleEvent(AutoscalerSpec spec, int previousReplicas, int newReplicas, Instant now) {
        int longestPeriod =
                Math.max(spec.scaleUp().longestPeriodSeconds(), spec.scaleDown().longestPeriodSeconds());
        Instant cutoff = now.minusSeconds(longestPeriod);
        scaleUpEvents.removeIf(event -> event.at().isBefore(cutoff));
        scaleDownEvents.removeIf(event -> event.at().isBefore(cutoff));
        if (newReplicas > previousReplicas) {
            scaleUpEvents.add(new ScaleEvent(newReplicas - previousReplicas, now));
        } else {
            scaleDownEvents.add(new ScaleEvent(previousReplicas - newReplicas, now));
        }
    }

    /** A proposal of one run, before stabilization and rate limits. */
    private record Recommendation(int replicas, Instant at) {}

    /** A change of the target's replicas made by this autoscaler; the change is always positive. */
    private record ScaleEvent(int replicaChange, Instant at) {}
}
