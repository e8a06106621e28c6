package io.securewatch.agent.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppliedEdgeTest {

    private static final List<DesiredServer> DESIRED = List.of(
            new DesiredServer("eu-west-1", 50, AdminState.READY, false),
            new DesiredServer("eu-central-1", 0, AdminState.DRAIN, false));

    @Test
    void matchingServersConverge() {
        // given
        List<ServerState> after =
                List.of(server("eu-west-1", 50, 0), server("eu-central-1", 0, ServerState.FORCED_DRAIN));
        EdgePlan plan = EdgePlanner.plan("be_api", DESIRED, after, Set.of());

        // when
        AppliedEdge report = AppliedEdge.of(
                plan, DESIRED, after, List.of("set server be_api/eu-west-1 weight 50"), Optional.empty());

        // then
        assertThat(report.converged()).isTrue();
        assertThat(report.needsNewConfiguration()).isFalse();
        assertThat(report.servers())
                .containsExactly(
                        new AppliedEdge.ServerOutcome(
                                "eu-west-1", 50, 50, AdminState.READY, AdminState.READY, OperationalState.RUNNING),
                        new AppliedEdge.ServerOutcome(
                                "eu-central-1", 0, 0, AdminState.DRAIN, AdminState.DRAIN, OperationalState.RUNNING));
    }

    @Test
    void rejectedCommandLeavesEdgeUnconverged() {
        // given
        List<ServerState> before = List.of(server("eu-west-1", 100, 0), server("eu-central-1", 100, 0));
        EdgePlan plan = EdgePlanner.plan("be_api", DESIRED, before, Set.of());
        AppliedEdge.CommandFailure failure =
                new AppliedEdge.CommandFailure("set server be_api/eu-central-1 weight 0", "Permission denied");

        // when
        AppliedEdge report = AppliedEdge.of(plan, DESIRED, before, List.of(), Optional.of(failure));

        // then
        assertThat(report.converged()).isFalse();
        assertThat(report.failure()).contains(failure);
        assertThat(report.servers()).noneMatch(AppliedEdge.ServerOutcome::matches);
    }

    @Test
    void serverMissingAfterApplyIsReported() {
        List<ServerState> after = List.of(server("eu-west-1", 50, 0));
        EdgePlan plan = EdgePlanner.plan("be_api", DESIRED, after, Set.of());

        AppliedEdge report = AppliedEdge.of(plan, DESIRED, after, List.of(), Optional.empty());

        assertThat(report.missingServers()).containsExactly("eu-central-1");
        assertThat(report.needsNewConfiguration()).isTrue();
        assertThat(report.converged()).isFalse();
    }

    private static ServerState server(String name, int weight, int adminFlags) {
        return new ServerState(1, name, "127.0.0.1", 8080, OperationalState.RUNNING, adminFlags, weight, 100);
    }
}
