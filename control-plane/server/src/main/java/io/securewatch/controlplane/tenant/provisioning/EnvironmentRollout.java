package io.securewatch.controlplane.tenant.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides whether a tenant's environment in one region is up to date: every cluster there whose agent has connected
 * at least once must have applied the revision it had to apply when the step first looked, or a later one. Pure
 * code.
 *
 * <p>A cluster whose agent never connected is not waited for: its agent receives the whole desired state, the tenant
 * included, when it first connects. A cluster that rejected a revision at or after its target fails the step with
 * the agent's errors.
 */
public final class EnvironmentRollout {

    /** How many of an agent's errors a step's error lists. */
    private static final int ERRORS_SHOWN = 3;

    private EnvironmentRollout() {}

    /**
     * One cluster of the region as the agent channel last saw it.
     *
     * @param agentSeen whether an agent of the cluster has ever connected
     * @param rejectedRevision the revision the agent last rejected, or 0
     * @param rejectionErrors the agent's errors on that revision
     */
    public record Cluster(
            String name,
            boolean agentSeen,
            boolean connected,
            long desiredRevision,
            long appliedRevision,
            long rejectedRevision,
            List<String> rejectionErrors) {}

    /**
     * The outcome, and the revision each cluster must reach, by cluster name.
     *
     * @param targets the targets to keep for the next attempt
     */
    public record Result(StepOutcome outcome, Map<String, Long> targets) {}

    /**
     * Evaluates the region's clusters against the targets of earlier attempts. A cluster without a target gets its
     * current desired revision as its target.
     */
    public static Result evaluate(String region, List<Cluster> clusters, Map<String, Long> targets) {
        Map<String, Long> kept = new TreeMap<>();
        List<String> unseen = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int applied = 0;
        for (Cluster cluster : clusters) {
            if (!cluster.agentSeen()) {
                unseen.add(cluster.name());
                continue;
            }
            long target = targets.getOrDefault(cluster.name(), cluster.desiredRevision());
            kept.put(cluster.name(), target);
            if (cluster.appliedRevision() >= target) {
                applied++;
            } else if (cluster.rejectedRevision() >= target && cluster.rejectedRevision() > cluster.appliedRevision()) {
                failures.add(cluster.name() + " rejected revision " + cluster.rejectedRevision() + ": "
                        + summarize(cluster.rejectionErrors()));
            } else if (!cluster.connected()) {
                waiting.add(cluster.name() + " (agent disconnected, applied revision " + cluster.appliedRevision()
                        + " of " + target + ")");
            } else {
                waiting.add(cluster.name() + " (applied revision " + cluster.appliedRevision() + " of " + target + ")");
            }
        }
        String unseenNote = unseen.isEmpty()
                ? ""
                : "; " + unseenClusters(unseen) + " no agent yet and "
                        + (unseen.size() == 1 ? "gets" : "get")
                        + " the environment when an agent first connects";
        if (!failures.isEmpty()) {
            return new Result(
                    StepOutcome.failing(
                            "agents in " + region + " rejected the tenant's environment", String.join("; ", failures)),
                    kept);
        }
        if (!waiting.isEmpty()) {
            return new Result(StepOutcome.waiting("waiting for " + String.join(", ", waiting) + unseenNote), kept);
        }
        String done;
        if (clusters.isEmpty()) {
            done = region + " has no clusters yet; each gets the environment when it is added";
        } else if (applied == 0) {
            done = "no cluster in " + region + " has an agent yet; each gets the environment when its agent first"
                    + " connects";
        } else {
            done = "applied by " + applied + (applied == 1 ? " cluster" : " clusters") + " in " + region + unseenNote;
        }
        return new Result(StepOutcome.done(done), kept);
    }

    /** Names the clusters without an agent, such as {@code eu-west-1-a has} or {@code eu-west-1-a, eu-west-1-b have}. */
    private static String unseenClusters(List<String> unseen) {
        return unseen.size() == 1 ? unseen.get(0) + " has" : String.join(", ", unseen) + " have";
    }

    private static String summarize(List<String> errors) {
        if (errors.isEmpty()) {
            return "the agent gave no reason";
        }
        String shown = String.join("; ", errors.subList(0, Math.min(errors.size(), ERRORS_SHOWN)));
        return errors.size() > ERRORS_SHOWN ? shown + " and " + (errors.size() - ERRORS_SHOWN) + " more" : shown;
    }
}
