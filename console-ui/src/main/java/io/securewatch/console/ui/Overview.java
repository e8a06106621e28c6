package io.securewatch.console.ui;

import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the health of each cluster from its status, and groups the regions by residency zone for the overview.
 * Pure code.
 */
final class Overview {

    private Overview() {}

    /** A residency zone with the clusters of its regions. */
    record Zone(String zone, List<ClusterRow> clusters) {

        long connected() {
            return clusters.stream().filter(ClusterRow::connected).count();
        }

        /**
         * Returns one sentence on the zone's agents, such as {@code 3 of 4 agents connected, 1 behind}, which also
         * counts the agents that are ahead when there are any.
         */
        String summary() {
            long behind = clusters.stream()
                    .filter(row -> row.revisionLag() != null && row.revisionLag() > 0)
                    .count();
            long ahead =
                    clusters.stream().filter(row -> row.agentRevision() != null).count();
            String summary = connected() + " of " + clusters.size() + " agents connected, " + behind + " behind";
            return ahead == 0 ? summary : summary + ", " + ahead + " ahead";
        }
    }

    /**
     * One cluster's health.
     *
     * @param desiredRevision revision of the cluster's desired state, or null when the status could not be read
     * @param appliedRevision last revision the agent acknowledged, or null when the status could not be read
     * @param revisionLag null when the status could not be read
     * @param heartbeat time since the agent's last heartbeat, such as {@code 4 s ago}, or {@code never}
     * @param agentRevision the revision of an agent that is ahead of the desired state and waits for an operator to
     *     confirm a rollback, or null when the agent is not ahead
     */
    record ClusterRow(
            String region,
            String cluster,
            boolean connected,
            Long desiredRevision,
            Long appliedRevision,
            Long revisionLag,
            String heartbeat,
            int drift,
            Long agentRevision) {}

    /**
     * Returns the zones in name order, each with its regions' clusters in region and then cluster name order. A
     * zone whose regions have no clusters has an empty list, and clusters of regions not listed are left out.
     *
     * @param statuses by cluster name; a cluster missing here is shown as unknown
     */
    static List<Zone> zones(
            List<Region> regions, List<Cluster> clusters, Map<String, ClusterStatus> statuses, Instant now) {
        List<ClusterRow> rows = clusters(clusters, statuses, now);
        Map<String, List<ClusterRow>> byZone = new TreeMap<>();
        for (Region region :
                regions.stream().sorted(Comparator.comparing(Region::name)).toList()) {
            List<ClusterRow> zoneRows = byZone.computeIfAbsent(region.residencyZone(), zone -> new ArrayList<>());
            rows.stream().filter(row -> row.region().equals(region.name())).forEach(zoneRows::add);
        }
        return byZone.entrySet().stream()
                .map(entry -> new Zone(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
    }

    /**
     * Returns one row per cluster, in region and then cluster name order.
     *
     * @param statuses by cluster name, where a missing cluster is shown as unknown
     */
    static List<ClusterRow> clusters(List<Cluster> clusters, Map<String, ClusterStatus> statuses, Instant now) {
        return clusters.stream()
                .sorted(Comparator.comparing(Cluster::region).thenComparing(Cluster::name))
                .map(cluster -> row(cluster.region(), cluster.name(), statuses.get(cluster.name()), now))
                .toList();
    }

    private static ClusterRow row(String region, String cluster, ClusterStatus status, Instant now) {
        if (status == null) {
            return new ClusterRow(region, cluster, false, null, null, null, "unknown", 0, null);
        }
        return new ClusterRow(
                region,
                cluster,
                status.connected(),
                status.desiredRevision(),
                status.appliedRevision(),
                status.revisionLag(),
                age(status.lastHeartbeatAt(), now),
                status.drift() == null ? 0 : status.drift().size(),
                status.ahead() ? status.agentRevision() : null);
    }

    /** Returns how long ago something happened, in whole seconds, minutes or hours. */
    static String age(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        long seconds = Math.max(0, Duration.between(at, now).toSeconds());
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min ago";
        }
        return seconds / 3600 + " h ago";
    }
}
