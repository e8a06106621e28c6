package io.securewatch.controlplane.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.api.v1.WorkloadCapacity;
import io.securewatch.api.v1.WorkloadCapacity.RegionCapacity;
import io.securewatch.controlplane.desiredstate.ClusterInput;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityModelTest {

    private static final List<String> REGIONS = List.of("eu-central-1", "eu-west-1", "us-east-1");
    private static final List<ClusterInput> CLUSTERS = List.of(
            cluster("eu-central-1-a", "eu-central-1"),
            cluster("eu-west-1-a", "eu-west-1"),
            cluster("us-east-1-a", "us-east-1"));
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void loadAtTargetHoldsHeadroom() {
        // given: 3 to 30 replicas over three regions, each running 4 replicas at the 70 % CPU target
        CapacityModel.Policy policy = policy(3, 30, 70, null, 20);
        Map<String, CapacityModel.Observation> observed = Map.of(
                "eu-central-1-a", observation("eu-central-1-a", 4, 70, 0),
                "eu-west-1-a", observation("eu-west-1-a", 4, 70, 0),
                "us-east-1-a", observation("us-east-1-a", 4, 70, 0));

        // when
        WorkloadCapacity capacity = CapacityModel.compute("api", policy, REGIONS, CLUSTERS, observed, NOW);

        // then: the load is 12 replicas, 15 with 20 % headroom, and any two regions reach 20
        assertThat(capacity.totalLoadReplicas()).isEqualTo(12.0);
        RegionCapacity first = capacity.regions().get(0);
        assertThat(first.loadReplicas()).isEqualTo(4.0);
        assertThat(first.loadBasis()).isEqualTo("reported");
        assertThat(first.cpuUtilizationPercent()).isEqualTo(70.0);
        assertThat(first.ifRegionFails().requiredReplicas()).isEqualTo(15);
        assertThat(first.ifRegionFails().survivorMaxReplicas()).isEqualTo(20);
        assertThat(first.ifRegionFails().holds()).isTrue();
        assertThat(first.ifRegionFails().shortfallReplicas()).isZero();
    }

    @Test
    void hotRegionLeavesShortfall() {
        // given: eu-west-1 runs 4 replicas at twice the target; the maximum is 12 in all
        CapacityModel.Policy policy = policy(3, 12, 50, null, 0);
        Map<String, CapacityModel.Observation> observed = Map.of(
                "eu-central-1-a", observation("eu-central-1-a", 2, 50, 0),
                "eu-west-1-a", observation("eu-west-1-a", 4, 100, 0),
                "us-east-1-a", observation("us-east-1-a", 2, 50, 0));

        // when
        WorkloadCapacity capacity = CapacityModel.compute("api", policy, REGIONS, CLUSTERS, observed, NOW);

        // then: the load is 2 + 8 + 2 = 12 replicas, but two regions reach only 8
        assertThat(capacity.regions().get(1).loadReplicas()).isEqualTo(8.0);
        assertThat(capacity.regions())
                .allSatisfy(region -> assertThat(region.ifRegionFails().holds()).isFalse());
        assertThat(capacity.regions().get(1).ifRegionFails().shortfallReplicas())
                .isEqualTo(4);
    }

    @Test
    void largerOfCpuAndMemoryLoadCounts() {
        // given: memory runs hotter against its target than CPU
        CapacityModel.Policy policy = policy(1, 30, 80, 50, 0);
        Map<String, CapacityModel.Observation> observed = Map.of("eu-west-1-a", observation("eu-west-1-a", 2, 40, 100));

        // when
        WorkloadCapacity capacity = CapacityModel.compute("api", policy, REGIONS, CLUSTERS, observed, NOW);

        // then: CPU needs 1 replica, memory 4
        assertThat(capacity.regions().get(1).loadReplicas()).isEqualTo(4.0);
    }

    @Test
    void regionWithoutReportsIsAssumedAtItsMinimum() {
        // when
        WorkloadCapacity capacity =
                CapacityModel.compute("api", policy(3, 30, 70, null, 0), REGIONS, CLUSTERS, Map.of(), NOW);

        // then
        assertThat(capacity.regions()).allSatisfy(region -> {
            assertThat(region.loadBasis()).isEqualTo("assumed");
            assertThat(region.loadReplicas()).isEqualTo(1.0);
            assertThat(region.cpuUtilizationPercent()).isNull();
        });
    }

    @Test
    void preScaleFloorsShareLoad() {
        // given: 12 replicas of load with 20 % headroom, eu-west-1 about to lose its traffic
        CapacityModel.Policy policy = policy(3, 30, 70, null, 20);
        Map<String, CapacityModel.Observation> observed = Map.of(
                "eu-central-1-a", observation("eu-central-1-a", 4, 70, 0),
                "eu-west-1-a", observation("eu-west-1-a", 4, 70, 0),
                "us-east-1-a", observation("us-east-1-a", 4, 70, 0));

        // when
        Map<String, Integer> floors =
                CapacityModel.preScaleFloors(policy, REGIONS, CLUSTERS, observed, List.of("eu-west-1"));

        // then: 15 replicas over two survivors
        assertThat(floors).containsExactly(Map.entry("eu-central-1", 8), Map.entry("us-east-1", 7));
    }

    @Test
    void preScaleFloorNeverExceedsTheRegionMaximum() {
        // given: a heavy load and a small maximum of 6 (2 per region)
        CapacityModel.Policy policy = policy(3, 6, 50, null, 0);
        Map<String, CapacityModel.Observation> observed = Map.of("eu-west-1-a", observation("eu-west-1-a", 2, 100, 0));

        // when
        Map<String, Integer> floors =
                CapacityModel.preScaleFloors(policy, REGIONS, CLUSTERS, observed, List.of("eu-west-1"));

        // then
        assertThat(floors).containsExactly(Map.entry("eu-central-1", 2), Map.entry("us-east-1", 2));
    }

    private static CapacityModel.Policy policy(int min, int max, Integer cpu, Integer memory, int headroom) {
        return new CapacityModel.Policy(true, min, max, cpu, memory, headroom, Map.of(), Map.of(), Map.of());
    }

    private static CapacityModel.Observation observation(String cluster, int replicas, double cpu, double memory) {
        return new CapacityModel.Observation(cluster, replicas, replicas, cpu, memory);
    }

    private static ClusterInput cluster(String name, String region) {
        return new ClusterInput(name, region, 32_000, 128L << 30);
    }
}
