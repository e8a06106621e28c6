package io.securewatch.controlplane.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.DrillRun.Check;
import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.controlplane.drill.Preflight.AffectedWorkload;
import io.securewatch.controlplane.drill.Preflight.ClusterAgent;
import io.securewatch.controlplane.drill.Preflight.Inputs;
import io.securewatch.controlplane.drill.Preflight.ServiceHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPreflightTest {

    private static final AffectedWorkload PORTAL =
            new AffectedWorkload("portal", "acme", List.of("EU"), List.of("eu-west-1", "eu-central-1"), true);

    @Test
    void regionWithRoomPassesEveryCheck() {
        // given: the region's load of 4 replicas needs 5 with 20 % headroom, and its maximum is 8
        Inputs inputs = inputs(
                List.of(agent("eu-west-1-a"), agent("eu-west-1-b"), agent("eu-central-1-a", "eu-central-1")), 4, 8);

        // when
        List<Check> checks = ClusterPreflight.run(inputs, "eu-west-1-a");

        // then
        assertThat(checks)
                .extracting(Check::name)
                .containsExactly("agents", "capacity", "residency", "catalog", "overlap");
        assertThat(checks).allMatch(Check::passed);
        assertThat(checks.get(0).summary()).isEqualTo("2 of 2 agents connected, 2 of 2 up to date");
        assertThat(checks.get(0).details())
                .containsExactly(
                        "eu-west-1-a (target): connected, up to date", "eu-west-1-b (survivor): connected, up to date");
        assertThat(checks.get(1).details())
                .containsExactly("portal: load in eu-west-1 4.0 replicas, 5 required with 20 % headroom, the"
                        + " region's 1 other cluster allows 8");
        assertThat(checks.get(2).summary())
                .isEqualTo("every tenant workload stays in eu-west-1, inside its residency zones (1 checked)");
        assertThat(checks.get(3).details()).containsExactly("portal in eu-west-1: 2 of 2 instances healthy");
    }

    @Test
    void onlyClusterOfRegionFailsCapacity() {
        // given
        Inputs inputs = inputs(List.of(agent("eu-west-1-a")), 1, 8);

        // when
        Check capacity = ClusterPreflight.run(inputs, "eu-west-1-a").get(1);

        // then
        assertThat(capacity.passed()).isFalse();
        assertThat(capacity.details())
                .containsExactly("portal: eu-west-1-a is the only cluster of eu-west-1, so no cluster can take its"
                        + " load; add a cluster to the region");
    }

    @Test
    void regionMaximumBelowLoadFailsWithShortfall() {
        // given: 6 replicas of load need 8 with headroom, and the region allows 6
        Inputs inputs = inputs(List.of(agent("eu-west-1-a"), agent("eu-west-1-b")), 6, 6);

        // when
        Check capacity = ClusterPreflight.run(inputs, "eu-west-1-a").get(1);

        // then
        assertThat(capacity.passed()).isFalse();
        assertThat(capacity.summary())
                .isEqualTo("1 of 1 affected workloads do not fit in the other clusters of eu-west-1, short by 2"
                        + " replicas");
    }

    @Test
    void oneReplicaShortfallIsSingular() {
        // given: 6 replicas of load need 8 with headroom, and the region allows 7
        Inputs inputs = inputs(List.of(agent("eu-west-1-a"), agent("eu-west-1-b")), 6, 7);

        // when
        Check capacity = ClusterPreflight.run(inputs, "eu-west-1-a").get(1);

        // then
        assertThat(capacity.summary())
                .isEqualTo("1 of 1 affected workloads do not fit in the other clusters of eu-west-1, short by 1"
                        + " replica");
        assertThat(capacity.details())
                .containsExactly("portal: load in eu-west-1 6.0 replicas, 8 required with 20 % headroom, the region's 1"
                        + " other cluster allows 7; short by 1 replica, raise the region's maximum in its scaling"
                        + " policy");
    }

    private static Inputs inputs(List<ClusterAgent> agents, double load, int regionMax) {
        RegionCapacity region =
                new RegionCapacity("eu-west-1", 2, 2, 1, regionMax, 4, 4, 50.0, 50.0, load, "reported", null);
        WorkloadCapacity capacity = new WorkloadCapacity("portal", true, 70, null, 0, load, List.of(region), null);
        return new Inputs(
                "eu-west-1",
                20,
                agents,
                List.of(PORTAL),
                Map.of("eu-west-1", "EU", "eu-central-1", "EU"),
                Map.of("portal", capacity),
                Map.of("portal", Map.of("eu-west-1", new ServiceHealth(2, 2, false))),
                List.of());
    }

    private static ClusterAgent agent(String cluster) {
        return agent(cluster, "eu-west-1");
    }

    private static ClusterAgent agent(String cluster, String region) {
        return new ClusterAgent(cluster, region, true, 0);
    }
}
