package io.securewatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.Cluster;
import io.securewatch.api.v1.ClusterStatus;
import io.securewatch.api.v1.Region;
import io.securewatch.api.v1.RegionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewTest {

    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void regionsGroupByZoneInNameOrder() {
        // given: two EU regions and one US region, one EU cluster without a readable status
        List<Region> regions =
                List.of(region("us-east-1", "US"), region("eu-west-1", "EU"), region("eu-central-1", "EU"));
        List<Cluster> clusters = List.of(
                cluster("eu-west-1-b", "eu-west-1"),
                cluster("eu-west-1-a", "eu-west-1"),
                cluster("us-east-1-a", "us-east-1"));
        Map<String, ClusterStatus> statuses = Map.of(
                "eu-west-1-a", status("eu-west-1-a", true, 0, NOW.minusSeconds(4)),
                "us-east-1-a", status("us-east-1-a", false, 3, NOW.minusSeconds(600)));

        // when
        List<Overview.Zone> zones = Overview.zones(regions, clusters, statuses, NOW);

        // then
        assertThat(zones).extracting(Overview.Zone::zone).containsExactly("EU", "US");
        assertThat(zones.get(0).clusters())
                .containsExactly(
                        new Overview.ClusterRow("eu-west-1", "eu-west-1-a", true, 5L, 5L, 0L, "4 s ago", 0, null),
                        new Overview.ClusterRow(
                                "eu-west-1", "eu-west-1-b", false, null, null, null, "unknown", 0, null));
        assertThat(zones.get(0).summary()).isEqualTo("1 of 2 agents connected, 0 behind");
        assertThat(zones.get(1).summary()).isEqualTo("0 of 1 agents connected, 1 behind");
        assertThat(zones.get(1).clusters().get(0).heartbeat()).isEqualTo("10 min ago");
    }

    @Test
    void clusterRowsSortByRegionThenName() {
        // given: a cluster whose region is not listed, as for a user who may not read that region
        List<Cluster> clusters = List.of(
                cluster("us-east-1-a", "us-east-1"),
                cluster("eu-west-1-b", "eu-west-1"),
                cluster("eu-west-1-a", "eu-west-1"));
        Map<String, ClusterStatus> statuses = Map.of("eu-west-1-b", status("eu-west-1-b", true, 2, NOW));

        // when
        List<Overview.ClusterRow> rows = Overview.clusters(clusters, statuses, NOW);

        // then
        assertThat(rows)
                .extracting(Overview.ClusterRow::cluster)
                .containsExactly("eu-west-1-a", "eu-west-1-b", "us-east-1-a");
        assertThat(rows.get(1))
                .isEqualTo(new Overview.ClusterRow("eu-west-1", "eu-west-1-b", true, 5L, 3L, 2L, "0 s ago", 0, null));
        assertThat(rows.get(0).desiredRevision()).isNull();
    }

    @Test
    void aheadAgentShowsInRowAndSummary() {
        // given: an agent that applied revision 9 while the desired state is at 5
        ClusterStatus ahead = aheadStatus("eu-west-1-a", 5, 9, NOW);

        // when
        List<Overview.Zone> zones = Overview.zones(
                List.of(region("eu-west-1", "EU")),
                List.of(cluster("eu-west-1-a", "eu-west-1")),
                Map.of("eu-west-1-a", ahead),
                NOW);

        // then
        assertThat(zones.get(0).clusters().get(0).agentRevision()).isEqualTo(9L);
        assertThat(zones.get(0).summary()).isEqualTo("1 of 1 agents connected, 0 behind, 1 ahead");
    }

    @Test
    void ageReadsInLargestUnit() {
        // when / then
        assertThat(Overview.age(null, NOW)).isEqualTo("never");
        assertThat(Overview.age(NOW.minusSeconds(119), NOW)).isEqualTo("119 s ago");
        assertThat(Overview.age(NOW.minusSeconds(7199), NOW)).isEqualTo("119 min ago");
        assertThat(Overview.age(NOW.minusSeconds(7200), NOW)).isEqualTo("2 h ago");
        assertThat(Overview.age(NOW.plusSeconds(5), NOW)).isEqualTo("0 s ago");
    }

    static Region region(String name, String zone) {
        return new Region(name, name, zone, name, RegionStatus.ACTIVE, 1, NOW, NOW);
    }

    static Cluster cluster(String name, String region) {
        return new Cluster(name, region, Map.of(), null, null, 1, NOW, NOW);
    }

    /** Returns the status of a connected cluster whose agent applied {@code agentRevision}, above the desired one. */
    static ClusterStatus aheadStatus(String cluster, long desired, long agentRevision, Instant heartbeat) {
        return new ClusterStatus(
                cluster,
                true,
                "1.0",
                null,
                null,
                null,
                desired,
                "h",
                desired,
                null,
                0,
                true,
                agentRevision,
                "other",
                heartbeat,
                heartbeat,
                List.of(),
                null,
                Map.of(),
                List.of(),
                null);
    }

    static ClusterStatus status(String cluster, boolean connected, long lag, Instant heartbeat) {
        return new ClusterStatus(
                cluster, connected, "1.0", null, null, null, 5, "h", 5 - lag, null, lag, heartbeat, List.of(), null,
                Map.of(), List.of(), null);
    }
}
