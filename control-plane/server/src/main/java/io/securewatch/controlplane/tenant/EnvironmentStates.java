package io.securewatch.controlplane.tenant;

import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.TenantEnvironments.ClusterEnvironment;
import io.securewatch.api.v1.TenantEnvironments.RegionEnvironment;
import java.util.ArrayList;
import java.util.List;

/** Derives the state of a tenant's environment from its clusters' reported state. Pure code. */
final class EnvironmentStates {

    static final String FAILED = "failed";
    static final String DISCONNECTED = "disconnected";
    static final String PENDING = "pending";
    static final String DRIFTED = "drifted";
    static final String APPLIED = "applied";
    static final String NO_CLUSTERS = "no-clusters";

    /** The cluster states from worst to best; a region takes the worst of its clusters. */
    private static final List<String> SEVERITY = List.of(FAILED, DISCONNECTED, PENDING, DRIFTED, APPLIED);

    private EnvironmentStates() {}

    /** Returns the environment of the tenant's namespace in one cluster. */
    static ClusterEnvironment cluster(ClusterStatus status, String namespace) {
        List<String> errors = new ArrayList<>();
        ClusterStatus.Nack nack = status.lastNack();
        boolean rejected = nack != null
                && nack.revision() == status.desiredRevision()
                && status.appliedRevision() < status.desiredRevision();
        if (rejected) {
            List<ClusterStatus.ObjectError> ordered = new ArrayList<>(nack.errors());
            ordered.sort((left, right) ->
                    Boolean.compare(!inNamespace(left.object(), namespace), !inNamespace(right.object(), namespace)));
            ordered.forEach(error -> errors.add(error.object() + ": " + error.message()));
        }
        int drifted = (int) status.drift().stream()
                .filter(drift -> !drift.corrected() && inNamespace(drift.object(), namespace))
                .count();
        String state;
        if (rejected) {
            state = FAILED;
        } else if (!status.connected()) {
            state = DISCONNECTED;
        } else if (status.appliedRevision() < status.desiredRevision()) {
            state = PENDING;
        } else if (drifted > 0) {
            state = DRIFTED;
        } else {
            state = APPLIED;
        }
        return new ClusterEnvironment(
                status.cluster(),
                state,
                status.connected(),
                status.desiredRevision(),
                status.appliedRevision(),
                drifted,
                errors);
    }

    /** Returns the environment in a region from those of its clusters. */
    static RegionEnvironment region(String region, List<ClusterEnvironment> clusters) {
        String state = clusters.isEmpty()
                ? NO_CLUSTERS
                : clusters.stream()
                        .map(ClusterEnvironment::state)
                        .min((left, right) -> Integer.compare(SEVERITY.indexOf(left), SEVERITY.indexOf(right)))
                        .orElseThrow();
        int applied = (int) clusters.stream()
                .filter(cluster -> cluster.appliedRevision() >= cluster.desiredRevision())
                .count();
        return new RegionEnvironment(region, state, clusters.size(), applied, clusters);
    }

    /**
     * Returns whether an object, as agents name it ({@code Kind namespace/name}, or {@code Kind name} for a
     * cluster-wide kind), is the namespace or lies in it.
     */
    static boolean inNamespace(String object, String namespace) {
        return object != null && (object.contains(" " + namespace + "/") || object.equals("Namespace " + namespace));
    }
}
