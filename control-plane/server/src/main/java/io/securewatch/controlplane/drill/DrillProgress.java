package io.securewatch.controlplane.drill;

import io.securewatch.api.v1.DrillRequest.Guardrails;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules of a live run, apart from any I/O: the order of the steps, when a step is done, which Acks it has, and
 * when a guardrail is breached. The executor observes the agents, calls these functions, and acts on the result.
 */
final class DrillProgress {

    static final String PRE_SCALE = "pre-scale";
    static final String WAIT_READY = "wait-ready";
    static final String SHIFT_ROUTING = "shift-routing";
    static final String VERIFY = "verify";
    static final String OBSERVE = "observe";
    static final String FAIL_BACK = "fail-back";
    static final String RESTORE_SCALING = "restore-scaling";

    /** The step after an abort that restores the pre-drill routing and scaling and waits for the Acks. */
    static final String ABORT = "abort";

    static final List<String> STEPS =
            List.of(PRE_SCALE, WAIT_READY, SHIFT_ROUTING, VERIFY, OBSERVE, FAIL_BACK, RESTORE_SCALING);

    private DrillProgress() {}

    /** Returns whether the step changes desired state and then waits for the agents' Acks. */
    static boolean changesDesiredState(String step) {
        return step.equals(PRE_SCALE)
                || step.equals(SHIFT_ROUTING)
                || step.equals(FAIL_BACK)
                || step.equals(RESTORE_SCALING)
                || step.equals(ABORT);
    }

    /** Returns the step after the given one, or empty after the last. */
    static Optional<String> next(String step) {
        int index = STEPS.indexOf(step);
        if (index < 0) {
            throw new IllegalArgumentException("not a step of a live run: " + step);
        }
        return index + 1 < STEPS.size() ? Optional.of(STEPS.get(index + 1)) : Optional.empty();
    }

    /**
     * The last report of one cluster's agent.
     *
     * @param appliedAt when the agent acknowledged its applied revision, or null before its first Ack
     * @param lastHeartbeatAt when its last heartbeat arrived, or null before the first
     * @param workloads by {@code <namespace>/<name>}
     */
    record ClusterView(
            String cluster,
            String region,
            boolean connected,
            long appliedRevision,
            Instant appliedAt,
            Instant lastHeartbeatAt,
            Map<String, WorkloadView> workloads) {}

    /** One workload as a cluster's last heartbeat reported it. */
    record WorkloadView(int replicas, int readyReplicas, double requestsPerSecond, double errorRatePercent) {}

    /** The agents of the run's clusters at one moment, by cluster name. */
    record Observation(Instant now, Map<String, ClusterView> clusters) {}

    /**
     * The current step of a run.
     *
     * @param revisions the revision each cluster received from this step
     * @param acks when each cluster acknowledged it, in epoch milliseconds
     */
    record StepView(String name, Instant startedAt, Map<String, Long> revisions, Map<String, Long> acks) {}

    /** The state of a step: whether it is done, with one sentence on its progress. */
    record Outcome(boolean done, String summary) {}

    /** Returns the step's Acks with those the observation shows added; an Ack once seen is kept. */
    static Map<String, Long> acks(StepView step, Observation observation) {
        Map<String, Long> acks = new TreeMap<>(step.acks());
        step.revisions().forEach((cluster, revision) -> {
            ClusterView view = observation.clusters().get(cluster);
            if (!acks.containsKey(cluster) && view != null && view.appliedRevision() >= revision) {
                Instant at = view.appliedAt() == null ? observation.now() : view.appliedAt();
                acks.put(cluster, at.toEpochMilli());
            }
        });
        return acks;
    }

    /** Returns the clusters that have not acknowledged the step's revision yet, in name order. */
    static List<String> missingAcks(StepView step, Map<String, Long> acks) {
        return step.revisions().keySet().stream()
                .filter(cluster -> !acks.containsKey(cluster))
                .sorted()
                .toList();
    }

    /**
     * Decides whether the step is done.
     *
     * @param floors workload name to region to the ready replicas the run's pre-scaling requires
     */
    static Outcome evaluate(
            DrillPlan plan,
            StepView step,
            Map<String, Long> acks,
            Observation observation,
            Map<String, Map<String, Integer>> floors) {
        if (changesDesiredState(step.name())) {
            if (step.revisions().isEmpty()) {
                return new Outcome(true, "no cluster's desired state changed");
            }
            List<String> missing = missingAcks(step, acks);
            String counts = (step.revisions().size() - missing.size()) + " of "
                    + step.revisions().size() + " agents acknowledged their new revision";
            return missing.isEmpty()
                    ? new Outcome(true, counts)
                    : new Outcome(false, counts + "; waiting for " + String.join(", ", missing));
        }
        return switch (step.name()) {
            case WAIT_READY -> {
                if (plan.targetCluster() != null) {
                    List<String> rollouts = unfinishedRollouts(plan, step, observation);
                    yield rollouts.isEmpty()
                            ? new Outcome(
                                    true,
                                    plan.survivorClusters().size() + " survivor clusters run every affected workload"
                                            + " with all its replicas ready")
                            : new Outcome(false, "waiting for ready replicas: " + String.join("; ", rollouts));
                }
                List<String> shortfalls = readinessShortfalls(plan, observation, floors);
                yield shortfalls.isEmpty()
                        ? new Outcome(true, readySummary(floors))
                        : new Outcome(false, "waiting for ready replicas: " + String.join("; ", shortfalls));
            }
            case VERIFY -> {
                List<String> problems = healthProblems(plan, observation);
                yield problems.isEmpty()
                        ? new Outcome(
                                true,
                                plan.survivorClusters().size() + " survivor clusters connected, every affected"
                                        + " workload ready in every survivor region, error rates at most "
                                        + plan.guardrails().maxErrorRatePercent() + " %")
                        : new Outcome(false, "waiting for healthy survivors: " + String.join("; ", problems));
            }
            case OBSERVE -> {
                long held =
                        Duration.between(step.startedAt(), observation.now()).toSeconds();
                long period = plan.guardrails().observationSeconds();
                yield held >= period
                        ? new Outcome(true, "held the evacuation for " + period + " s within the guardrails")
                        : new Outcome(
                                false, "holding the evacuation: " + (period - held) + " of " + period + " s left");
            }
            default -> throw new IllegalArgumentException("not a step of a live run: " + step.name());
        };
    }

    /**
     * Returns why the run must abort now, or empty: it ran longer than its maximum duration, a survivor's agent
     * disconnected, a survivor's error rate exceeds the guardrail, or the step waited longer than the Ack timeout.
     *
     * @param agentsSettled false while agents may still be reconnecting to a control plane that just picked up the
     *     run. Disconnected survivors are no breach until then.
     */
    static Optional<String> breach(
            DrillPlan plan,
            Instant runStartedAt,
            StepView step,
            Outcome outcome,
            Observation observation,
            boolean agentsSettled) {
        Guardrails guardrails = plan.guardrails();
        long elapsed = Duration.between(runStartedAt, observation.now()).toSeconds();
        if (elapsed > guardrails.maxDurationSeconds()) {
            return Optional.of(
                    "the run took longer than its maximum duration of " + guardrails.maxDurationSeconds() + " s");
        }
        List<String> disconnected = plan.survivorClusters().stream()
                .filter(cluster -> {
                    ClusterView view = observation.clusters().get(cluster);
                    return view == null || !view.connected();
                })
                .toList();
        if (agentsSettled && !disconnected.isEmpty()) {
            return Optional.of(
                    "the agents of survivor clusters " + String.join(", ", disconnected) + " are disconnected");
        }
        List<String> errors = errorRateBreaches(plan, observation);
        if (!errors.isEmpty()) {
            return Optional.of(String.join("; ", errors));
        }
        long waited = Duration.between(step.startedAt(), observation.now()).toSeconds();
        if (!outcome.done() && !step.name().equals(OBSERVE) && waited > guardrails.ackTimeoutSeconds()) {
            return Optional.of("step " + step.name() + " did not finish within the Ack timeout of "
                    + guardrails.ackTimeoutSeconds() + " s: " + outcome.summary());
        }
        return Optional.empty();
    }

    /**
     * Returns whether every connected agent of the run's clusters sent a heartbeat at or after the given time, so
     * that the traffic the heartbeats report follows the routing the agents had applied by then.
     */
    static boolean heartbeatsSince(DrillPlan plan, Observation observation, Instant since) {
        return plan.clusters().keySet().stream()
                .map(cluster -> observation.clusters().get(cluster))
                .filter(view -> view != null && view.connected())
                .allMatch(view -> view.lastHeartbeatAt() != null
                        && !view.lastHeartbeatAt().isBefore(since));
    }

    /**
     * Returns the share of the affected workloads' requests that each region served, in percent with one decimal,
     * from the last heartbeats. A cluster evacuation is measured per cluster of the region. The map is empty when no
     * agent reported any request.
     */
    static Map<String, Double> trafficShare(DrillPlan plan, Observation observation) {
        boolean byCluster = plan.targetCluster() != null;
        Map<String, Double> perRegion = new TreeMap<>();
        plan.clusters().forEach((cluster, region) -> perRegion.put(byCluster ? cluster : region, 0.0));
        double total = 0;
        for (ClusterView view : observation.clusters().values()) {
            if (!plan.clusters().containsKey(view.cluster())) {
                continue;
            }
            for (DrillPlan.PlannedWorkload workload : plan.workloads()) {
                WorkloadView reported = view.workloads().get(key(workload));
                if (reported != null && workload.regions().contains(view.region())) {
                    perRegion.merge(
                            byCluster ? view.cluster() : view.region(), reported.requestsPerSecond(), Double::sum);
                    total += reported.requestsPerSecond();
                }
            }
        }
        if (total <= 0) {
            return Map.of();
        }
        Map<String, Double> share = new TreeMap<>();
        for (Map.Entry<String, Double> entry : perRegion.entrySet()) {
            share.put(
                    entry.getKey(),
                    BigDecimal.valueOf(entry.getValue() * 100 / total)
                            .setScale(1, RoundingMode.HALF_UP)
                            .doubleValue());
        }
        return share;
    }

    private static List<String> readinessShortfalls(
            DrillPlan plan, Observation observation, Map<String, Map<String, Integer>> floors) {
        List<String> shortfalls = new ArrayList<>();
        for (DrillPlan.PlannedWorkload workload : plan.workloads()) {
            Map<String, Integer> wanted = floors.getOrDefault(workload.name(), Map.of());
            for (Map.Entry<String, Integer> floor : new TreeMap<>(wanted).entrySet()) {
                int ready = readyInRegion(plan, workload, floor.getKey(), observation);
                if (ready < floor.getValue()) {
                    shortfalls.add(workload.name() + " in " + floor.getKey() + " has " + ready + " of "
                            + floor.getValue() + " replicas ready");
                }
            }
        }
        return shortfalls;
    }

    /**
     * Returns the survivor clusters whose rollout of an affected workload is not finished: a heartbeat sent since the
     * step started must report every replica ready, and at least one.
     */
    private static List<String> unfinishedRollouts(DrillPlan plan, StepView step, Observation observation) {
        List<String> unfinished = new ArrayList<>();
        for (String cluster : plan.survivorClusters()) {
            ClusterView view = observation.clusters().get(cluster);
            if (view == null
                    || view.lastHeartbeatAt() == null
                    || view.lastHeartbeatAt().isBefore(step.startedAt())) {
                unfinished.add(cluster + " has sent no heartbeat since the pre-scaling");
                continue;
            }
            for (DrillPlan.PlannedWorkload workload : plan.workloads()) {
                WorkloadView reported = view.workloads().get(key(workload));
                int ready = reported == null ? 0 : reported.readyReplicas();
                int replicas = reported == null ? 0 : reported.replicas();
                if (ready < Math.max(1, replicas)) {
                    unfinished.add(workload.name() + " in " + cluster + " has " + ready + " of " + Math.max(1, replicas)
                            + " replicas ready");
                }
            }
        }
        return unfinished;
    }

    private static String readySummary(Map<String, Map<String, Integer>> floors) {
        if (floors.isEmpty()) {
            return "no workload was pre-scaled, so there was nothing to wait for";
        }
        int regions = floors.values().stream().mapToInt(Map::size).sum();
        return (floors.size() == 1
                        ? "the pre-scaled workload has its raised replicas ready in "
                        : floors.size() + " pre-scaled workloads have their raised replicas ready in ")
                + Preflight.count(regions, "survivor region") + " in all";
    }

    private static List<String> healthProblems(DrillPlan plan, Observation observation) {
        List<String> problems = new ArrayList<>();
        for (String cluster : plan.survivorClusters()) {
            ClusterView view = observation.clusters().get(cluster);
            if (view == null || !view.connected()) {
                problems.add("agent of " + cluster + " disconnected");
            }
        }
        for (DrillPlan.PlannedWorkload workload : plan.workloads()) {
            for (String region : workload.regions()) {
                if (plan.survivorRegions().contains(region) && readyInRegion(plan, workload, region, observation) < 1) {
                    problems.add(workload.name() + " has no ready replica in " + region);
                }
            }
        }
        problems.addAll(errorRateBreaches(plan, observation));
        return problems;
    }

    private static List<String> errorRateBreaches(DrillPlan plan, Observation observation) {
        List<String> breaches = new ArrayList<>();
        int limit = plan.guardrails().maxErrorRatePercent();
        for (String cluster : plan.survivorClusters()) {
            ClusterView view = observation.clusters().get(cluster);
            if (view == null) {
                continue;
            }
            for (DrillPlan.PlannedWorkload workload : plan.workloads()) {
                WorkloadView reported = view.workloads().get(key(workload));
                if (reported != null
                        && workload.regions().contains(view.region())
                        && reported.errorRatePercent() > limit) {
                    breaches.add(String.format(
                            Locale.ROOT,
                            "error rate of %s in %s is %.1f %%, above the guardrail of %d %%",
                            workload.name(),
                            cluster,
                            reported.errorRatePercent(),
                            limit));
                }
            }
        }
        return breaches;
    }

    /** Returns the workload's ready replicas in the region's connected clusters, the evacuated cluster left out. */
    private static int readyInRegion(
            DrillPlan plan, DrillPlan.PlannedWorkload workload, String region, Observation observation) {
        int ready = 0;
        for (ClusterView view : observation.clusters().values()) {
            if (view.region().equals(region)
                    && view.connected()
                    && !view.cluster().equals(plan.targetCluster())) {
                WorkloadView reported = view.workloads().get(key(workload));
                ready += reported == null ? 0 : reported.readyReplicas();
            }
        }
        return ready;
    }

    static String key(DrillPlan.PlannedWorkload workload) {
        return workload.namespace() + "/" + workload.name();
    }

    /** Returns the time between two instants in milliseconds, or null when either is missing. */
    static Long millisBetween(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }
}
