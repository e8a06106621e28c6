package io.securewatch.controlplane.desiredstate;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.ReplicaBounds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSplitTest {

    private static final List<ClusterInput> SIX_CLUSTERS = List.of(
            cluster("eu-west-1-a", "eu-west-1", 64_000),
            cluster("eu-west-1-b", "eu-west-1", 32_000),
            cluster("eu-central-1-a", "eu-central-1", 32_000),
            cluster("eu-central-1-b", "eu-central-1", 32_000),
            cluster("us-east-1-a", "us-east-1", 64_000),
            cluster("us-east-1-b", "us-east-1", 64_000));
    private static final List<String> THREE_REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1");

    static Stream<Arguments> regionCases() {
        return Stream.of(
                Arguments.of(
                        "equal weights, even split",
                        3,
                        21,
                        Map.of(),
                        Map.of(),
                        Map.of("eu-central-1", bounds(1, 7), "eu-west-1", bounds(1, 7), "us-east-1", bounds(1, 7))),
                Arguments.of(
                        "leftover replicas go to the earlier regions by name",
                        3,
                        20,
                        Map.of(),
                        Map.of(),
                        Map.of("eu-central-1", bounds(1, 7), "eu-west-1", bounds(1, 7), "us-east-1", bounds(1, 6))),
                Arguments.of(
                        "weights shift the share",
                        4,
                        20,
                        Map.of(),
                        Map.of("eu-west-1", 2L, "eu-central-1", 1L, "us-east-1", 1L),
                        Map.of("eu-central-1", bounds(1, 5), "eu-west-1", bounds(2, 10), "us-east-1", bounds(1, 5))),
                Arguments.of(
                        "a small positive weight still gets a replica",
                        2,
                        10,
                        Map.of(),
                        Map.of("eu-west-1", 1000L, "eu-central-1", 4L, "us-east-1", 5L),
                        Map.of("eu-central-1", bounds(0, 1), "eu-west-1", bounds(2, 8), "us-east-1", bounds(0, 1))),
                Arguments.of(
                        "a region left out of the weights gets nothing",
                        2,
                        10,
                        Map.of(),
                        Map.of("eu-west-1", 1L, "eu-central-1", 1L),
                        Map.of("eu-central-1", bounds(1, 5), "eu-west-1", bounds(1, 5), "us-east-1", bounds(0, 0))),
                Arguments.of(
                        "a zero-weight region gets nothing",
                        2,
                        10,
                        Map.of(),
                        Map.of("eu-west-1", 1L, "eu-central-1", 1L, "us-east-1", 0L),
                        Map.of("eu-central-1", bounds(1, 5), "eu-west-1", bounds(1, 5), "us-east-1", bounds(0, 0))),
                Arguments.of(
                        "an override keeps its bounds and the rest share the remainder",
                        6,
                        20,
                        Map.of("us-east-1", bounds(2, 4)),
                        Map.of(),
                        Map.of("eu-central-1", bounds(2, 8), "eu-west-1", bounds(2, 8), "us-east-1", bounds(2, 4))),
                Arguments.of(
                        "a minimum smaller than the regions leaves some at zero",
                        1,
                        3,
                        Map.of(),
                        Map.of(),
                        Map.of("eu-central-1", bounds(1, 1), "eu-west-1", bounds(0, 1), "us-east-1", bounds(0, 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regionCases")
    void splitsGlobalBoundsOverRegions(
            String description,
            int min,
            int max,
            Map<String, ReplicaBounds> overrides,
            Map<String, Long> weights,
            Map<String, ReplicaBounds> expected) {
        // when
        Map<String, ReplicaBounds> regions =
                ReplicaSplit.regions(min, max, overrides, THREE_REGIONS, weights, SIX_CLUSTERS);

        // then
        assertThat(regions).isEqualTo(expected);
    }

    @Test
    void regionWithoutClustersIsSkipped() {
        // given
        List<ClusterInput> clusters = SIX_CLUSTERS.stream()
                .filter(cluster -> !cluster.region().equals("us-east-1"))
                .toList();

        // when
        Map<String, ReplicaBounds> regions = ReplicaSplit.regions(3, 20, Map.of(), THREE_REGIONS, Map.of(), clusters);

        // then
        assertThat(regions).isEqualTo(Map.of("eu-central-1", bounds(2, 10), "eu-west-1", bounds(1, 10)));
    }

    @Test
    void clustersShareTheirRegionByCpuCapacity() {
        // when
        Map<String, ReplicaBounds> clusters = ReplicaSplit.clusters("eu-west-1", bounds(3, 9), SIX_CLUSTERS);

        // then
        assertThat(clusters)
                .containsExactly(Map.entry("eu-west-1-a", bounds(2, 6)), Map.entry("eu-west-1-b", bounds(1, 3)));
    }

    @Test
    void evacuatedClusterKeepsShareUntilDrained() {
        // given: eu-west-1-a is left out of the split for the other cluster, but not drained yet
        Map<String, Boolean> preScaled = Map.of("eu-west-1-a", false);
        Map<String, Boolean> drained = Map.of("eu-west-1-a", true);

        // when
        Map<String, ReplicaBounds> beforeDrain =
                ReplicaSplit.clusters("eu-west-1", bounds(3, 9), SIX_CLUSTERS, preScaled);
        Map<String, ReplicaBounds> afterDrain = ReplicaSplit.clusters("eu-west-1", bounds(3, 9), SIX_CLUSTERS, drained);

        // then: eu-west-1-b takes the whole region, and eu-west-1-a keeps 2..6 until it is drained to none
        assertThat(beforeDrain)
                .containsExactly(Map.entry("eu-west-1-a", bounds(2, 6)), Map.entry("eu-west-1-b", bounds(3, 9)));
        assertThat(afterDrain)
                .containsExactly(Map.entry("eu-west-1-a", bounds(0, 0)), Map.entry("eu-west-1-b", bounds(3, 9)));
    }

    @Test
    void evacuatingEveryClusterChangesNothing() {
        // when
        Map<String, ReplicaBounds> clusters = ReplicaSplit.clusters(
                "eu-west-1", bounds(3, 9), SIX_CLUSTERS, Map.of("eu-west-1-a", true, "eu-west-1-b", true));

        // then
        assertThat(clusters)
                .containsExactly(Map.entry("eu-west-1-a", bounds(2, 6)), Map.entry("eu-west-1-b", bounds(1, 3)));
    }

    @Test
    void singleClusterTakesTheWholeRegion() {
        // when
        Map<String, ReplicaBounds> clusters =
                ReplicaSplit.clusters("us-east-1", bounds(3, 20), List.of(cluster("us-east-1-a", "us-east-1", 8_000)));

        // then
        assertThat(clusters).containsExactly(Map.entry("us-east-1-a", bounds(3, 20)));
    }

    @Test
    void preScaleFloorCappedByMaximum() {
        // when
        Map<String, ReplicaBounds> regions = ReplicaSplit.regions(
                3, 20, Map.of(), THREE_REGIONS, Map.of(), SIX_CLUSTERS, Map.of("eu-west-1", 5, "us-east-1", 50));

        // then
        assertThat(regions)
                .containsEntry("eu-central-1", bounds(1, 7))
                .containsEntry("eu-west-1", bounds(5, 7))
                .containsEntry("us-east-1", bounds(6, 6));
    }

    @Test
    void minimumNeverExceedsMaximumOnACluster() {
        // given: the minimum's remainder favours one cluster and the maximum's another
        List<ClusterInput> clusters =
                List.of(cluster("a", "r", 1_000), cluster("b", "r", 2_000), cluster("c", "r", 2_000));

        // when
        Map<String, ReplicaBounds> split = ReplicaSplit.clusters("r", bounds(2, 2), clusters);

        // then
        assertThat(split.values())
                .allSatisfy(part -> assertThat(part.minReplicas()).isLessThanOrEqualTo(part.maxReplicas()));
        assertThat(split.values().stream().mapToInt(ReplicaBounds::minReplicas).sum())
                .isEqualTo(2);
    }

    @Test
    void fixtureBoundsSplitOverSixClusters() {
        // when: the platform API's 3 to 20 replicas over three regions of two clusters each
        Map<String, ReplicaBounds> clusters =
                ReplicaSplit.perCluster(3, 20, Map.of(), THREE_REGIONS, Map.of(), SIX_CLUSTERS, Map.of());

        // then
        Map<String, ReplicaBounds> expected = new LinkedHashMap<>();
        expected.put("eu-central-1-a", bounds(1, 4));
        expected.put("eu-central-1-b", bounds(0, 3));
        expected.put("eu-west-1-a", bounds(1, 5));
        expected.put("eu-west-1-b", bounds(0, 2));
        expected.put("us-east-1-a", bounds(1, 3));
        expected.put("us-east-1-b", bounds(0, 3));
        assertThat(clusters).containsExactlyEntriesOf(expected);
    }

    @Test
    void sumsStayWithinGlobalBoundsForAnySplit() {
        // given
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<ClusterInput> clusters = new ArrayList<>();
            List<String> regions = new ArrayList<>();
            Map<String, Long> weights = new LinkedHashMap<>();
            int regionCount = 1 + random.nextInt(5);
            for (int r = 0; r < regionCount; r++) {
                String region = "region-" + r;
                regions.add(region);
                weights.put(region, (long) random.nextInt(4));
                for (int c = 0; c < 1 + random.nextInt(4); c++) {
                    clusters.add(cluster(region + "-" + c, region, 1_000L * (1 + random.nextInt(64))));
                }
            }
            int min = 1 + random.nextInt(50);
            int max = min + random.nextInt(200);

            // when
            Map<String, ReplicaBounds> split =
                    ReplicaSplit.perCluster(min, max, Map.of(), regions, weights, clusters, Map.of());

            // then
            assertThat(split.values().stream()
                            .mapToInt(ReplicaBounds::minReplicas)
                            .sum())
                    .as("round %d", round)
                    .isEqualTo(min);
            assertThat(split.values().stream()
                            .mapToInt(ReplicaBounds::maxReplicas)
                            .sum())
                    .as("round %d", round)
                    .isEqualTo(max);
            assertThat(split.values())
                    .as("round %d", round)
                    .allSatisfy(part -> assertThat(part.minReplicas()).isBetween(0, part.maxReplicas()));
        }
    }

    private static ReplicaBounds bounds(int min, int max) {
        return new ReplicaBounds(min, max);
    }

    private static ClusterInput cluster(String name, String region, long cpuMillis) {
        return new ClusterInput(name, region, cpuMillis, cpuMillis * 4_000_000L);
    }
}
