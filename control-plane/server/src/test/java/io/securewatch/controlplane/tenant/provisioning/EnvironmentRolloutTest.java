package io.securewatch.controlplane.tenant.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.controlplane.tenant.provisioning.EnvironmentRollout.Cluster;
import io.securewatch.controlplane.tenant.provisioning.EnvironmentRollout.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentRolloutTest {

    private static Cluster cluster(String name, boolean connected, long desired, long applied) {
        return new Cluster(name, true, connected, desired, applied, 0, List.of());
    }

    @Test
    void firstLookSetsTargets() {
        // given
        List<Cluster> clusters = List.of(cluster("a", true, 7, 6), cluster("b", true, 9, 9));

        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", clusters, Map.of());

        // then
        assertThat(result.targets()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 7L, "b", 9L));
        assertThat(result.outcome().state()).isEqualTo(StepState.WAITING);
        assertThat(result.outcome().message())
                .contains("a (applied revision 6 of 7)")
                .doesNotContain("b (");
    }

    @Test
    void doneWhenAllReachTargets() {
        // given a later change raised the desired revision beyond the target
        List<Cluster> clusters = List.of(cluster("a", true, 12, 8), cluster("b", true, 9, 9));

        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", clusters, Map.of("a", 7L, "b", 9L));

        // then
        assertThat(result.outcome().state()).isEqualTo(StepState.DONE);
        assertThat(result.outcome().message()).isEqualTo("applied by 2 clusters in eu-west-1");
        assertThat(result.targets()).containsEntry("a", 7L);
    }

    @Test
    void disconnectedAgentIsAwaited() {
        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", List.of(cluster("a", false, 7, 5)), Map.of());

        // then
        assertThat(result.outcome().state()).isEqualTo(StepState.WAITING);
        assertThat(result.outcome().message()).contains("a (agent disconnected, applied revision 5 of 7)");
    }

    @Test
    void rejectionFailsWithAgentErrors() {
        // given
        Cluster rejecting = new Cluster(
                "a",
                true,
                true,
                7,
                6,
                7,
                List.of("ResourceQuota tenant-acme/quota: exceeds the cluster", "b", "c", "d"));

        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", List.of(rejecting), Map.of());

        // then
        assertThat(result.outcome().state()).isEqualTo(StepState.FAILING);
        assertThat(result.outcome().error())
                .startsWith("a rejected revision 7: ResourceQuota tenant-acme/quota: exceeds the cluster")
                .endsWith("and 1 more");
    }

    @Test
    void olderRejectionIsIgnored() {
        // given the agent rejected revision 5, before the tenant's target 7
        Cluster cluster = new Cluster("a", true, true, 7, 4, 5, List.of("old error"));

        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", List.of(cluster), Map.of());

        // then
        assertThat(result.outcome().state()).isEqualTo(StepState.WAITING);
    }

    @Test
    void unseenClustersAreSkipped() {
        // given
        Cluster unseen = new Cluster("b", false, false, 3, 0, 0, List.of());

        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", List.of(unseen), Map.of());

        // then
        assertThat(result.outcome().state()).isEqualTo(StepState.DONE);
        assertThat(result.outcome().message())
                .isEqualTo("no cluster in eu-west-1 has an agent yet; each gets the environment when its agent first"
                        + " connects");
        assertThat(result.targets()).isEmpty();
    }

    @Test
    void appliedMessageNamesClustersWithoutAgent() {
        // given
        List<Cluster> clusters = List.of(
                cluster("a", true, 7, 7),
                new Cluster("b", false, false, 3, 0, 0, List.of()),
                new Cluster("c", false, false, 3, 0, 0, List.of()));

        // when
        Result result = EnvironmentRollout.evaluate("eu-west-1", clusters, Map.of());

        // then
        assertThat(result.outcome().message())
                .isEqualTo("applied by 1 cluster in eu-west-1; b, c have no agent yet and get the environment when an"
                        + " agent first connects");
    }

    @Test
    void regionWithoutClustersIsDone() {
        // when
        Result result = EnvironmentRollout.evaluate("eu-south-9", List.of(), Map.of());

        // then
        assertThat(result.outcome().state()).isEqualTo(StepState.DONE);
        assertThat(result.outcome().message())
                .isEqualTo("eu-south-9 has no clusters yet; each gets the environment when it is added");
    }
}
