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

/** Groups the regions by residency zone with the health of their clusters, for the overview. Pure code. */
final class Overview {

    private Overview() {}

    /** A residency zone with the clusters of its regions. */
    record Zone(String zone, List<ClusterRow> clusters) {

        long connected() {
            return clusters.stream().filter(ClusterRow::connected).count();
        }

        /** Returns one sentence on the zone's agents, such as {@code 3 of 4 agents connected, 1 behind}. */
        String summary() {
            long behind = clusters.stream()
                    .filter(row -> row.revisionLag() != null && row.revisionLag() > 0)
                    .count();
            return connected() + " of " + clusters.size() + " agents connected, " + behind + " behind";
        }
    }

    /**
     * One cluster's health.
     *
     * @param revisionLag null when the status could not be read
     * @param heartbeat time since the agent's last heartbeat, such as {@code 4 s ago}, or {@code never}
     */
    record ClusterRow(
            String region, String cluster, boolean connected, Long revisionLag, String heartbeat, int drift) {}

    /**
     * Returns the zones in name order, each with its regions' clusters in name order; a region without clusters
     * shows as a row without a cluster.
     *
     * @param statuses by cluster name; a cluster missing here is shown as unknown
     */
    static List<Zone> zones(
            List<Region> regions, List<Cluster> clusters, Map<String, ClusterStatus> statuses, Instant now) {
        Map<String, List<ClusterRow>> byZone = new TreeMap<>();
        for (Region region :
                regions.stream().sorted(Comparator.comparing(Region::name)).toList()) {
            List<ClusterRow> rows = byZone.computeIfAbsent(region.residencyZone(), zone -> new ArrayList<>());
            clusters.stream()
                    .filter(cluster -> cluster.region().equals(region.name()))
                    .sorted(Comparator.comparing(Cluster::name))
                    .forEach(
                            cluster -> rows.add(row(region.name(), cluster.name(), statuses.get(cluster.name()), now)));
        }
        return byZone.entrySet().stream()
                .map(entry -> new Zone(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
    }

    private static ClusterRow row(String region, String cluster, ClusterStatus status, Instant now) {
        if (status == null) {
            return new ClusterRow(region, cluster, false, null, "unknown", 0);
        }
        return new ClusterRow(
                region,
                cluster,
                status.connected(),
                status.revisionLag(),
                age(status.lastHeartbeatAt(), now),
                status.drift() == null ? 0 : status.drift().size());
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
