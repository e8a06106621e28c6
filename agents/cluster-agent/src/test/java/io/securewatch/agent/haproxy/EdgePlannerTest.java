package io.securewatch.agent.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EdgePlannerTest {

    private static final String BACKEND = "be_api";

    /** Lists the cases: a name, the running servers, the desired servers, and the commands expected in order. */
    static Stream<Arguments> commandTable() {
        return Stream.of(
                Arguments.of(
                        "weights change",
                        List.of(live("eu-west-1", 100, 0), live("eu-central-1", 100, 0), live("us-east-1", 100, 0)),
                        List.of(ready("eu-west-1", 50), ready("eu-central-1", 30), ready("us-east-1", 20)),
                        List.of(
                                "set server be_api/eu-west-1 weight 50",
                                "set server be_api/eu-central-1 weight 30",
                                "set server be_api/us-east-1 weight 20")),
                Arguments.of(
                        "no-op when equal",
                        List.of(live("eu-west-1", 50, 0), live("eu-central-1", 50, 0)),
                        List.of(ready("eu-west-1", 50), ready("eu-central-1", 50)),
                        List.of()),
                Arguments.of(
                        "drain as the control plane renders it",
                        List.of(live("eu-west-1", 50, 0), live("eu-central-1", 50, 0)),
                        List.of(drain("eu-west-1", 0), ready("eu-central-1", 100)),
                        List.of(
                                "set server be_api/eu-central-1 weight 100",
                                "set server be_api/eu-west-1 weight 0",
                                "set server be_api/eu-west-1 state drain")),
                Arguments.of(
                        "drain keeping the weight",
                        List.of(live("eu-west-1", 50, 0)),
                        List.of(drain("eu-west-1", 50)),
                        List.of("set server be_api/eu-west-1 state drain")),
                Arguments.of(
                        "back to ready sets the weight first",
                        List.of(live("eu-west-1", 0, ServerState.FORCED_DRAIN), live("eu-central-1", 100, 0)),
                        List.of(ready("eu-west-1", 50), ready("eu-central-1", 50)),
                        List.of(
                                "set server be_api/eu-west-1 weight 50",
                                "set server be_api/eu-west-1 state ready",
                                "set server be_api/eu-central-1 weight 50")),
                Arguments.of(
                        "ready region added before the drained one leaves",
                        List.of(live("eu-west-1", 100, 0), live("eu-central-1", 100, ServerState.FORCED_DRAIN)),
                        List.of(drain("eu-west-1", 100), ready("eu-central-1", 100)),
                        List.of(
                                "set server be_api/eu-central-1 state ready",
                                "set server be_api/eu-west-1 state drain")),
                Arguments.of(
                        "maintenance to ready",
                        List.of(live("eu-west-1", 100, ServerState.FORCED_MAINT)),
                        List.of(ready("eu-west-1", 100)),
                        List.of("set server be_api/eu-west-1 state ready")),
                Arguments.of(
                        "maintenance is sent last",
                        List.of(live("eu-west-1", 100, 0), live("eu-central-1", 100, 0)),
                        List.of(
                                new DesiredServer("eu-west-1", 100, AdminState.MAINT, false),
                                drain("eu-central-1", 100)),
                        List.of(
                                "set server be_api/eu-central-1 state drain",
                                "set server be_api/eu-west-1 state maint")),
                Arguments.of(
                        "server disabled in the configuration and enabled at runtime is ready",
                        List.of(live("eu-west-1", 100, ServerState.CONFIGURED_MAINT)),
                        List.of(ready("eu-west-1", 100)),
                        List.of()),
                Arguments.of(
                        "unknown server gets no command",
                        List.of(live("eu-west-1", 100, 0)),
                        List.of(ready("eu-west-1", 60), ready("ap-south-1", 40)),
                        List.of("set server be_api/eu-west-1 weight 60")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandTable")
    void plansMinimalCommands(
            String scenario, List<ServerState> live, List<DesiredServer> desired, List<String> expected) {
        EdgePlan plan = EdgePlanner.plan(BACKEND, desired, live, Set.of());

        assertThat(plan.commands()).extracting(RuntimeCommand::text).containsExactlyElementsOf(expected);
    }

    @Test
    void unknownServerIsReportedAsMissing() {
        // given
        List<ServerState> live = List.of(live("eu-west-1", 100, 0));
        List<DesiredServer> desired = List.of(ready("eu-west-1", 60), ready("ap-south-1", 40));

        // when
        EdgePlan plan = EdgePlanner.plan(BACKEND, desired, live, Set.of());

        // then
        assertThat(plan.missingServers()).containsExactly("ap-south-1");
        assertThat(plan.unexpectedServers()).isEmpty();
        assertThat(plan.needsNewConfiguration()).isTrue();
    }

    @Test
    void undesiredRunningServerIsReportedAndLeftAlone() {
        // given
        List<ServerState> live = List.of(live("eu-west-1", 100, 0), live("us-east-1", 100, 0));

        // when
        EdgePlan plan = EdgePlanner.plan(BACKEND, List.of(ready("eu-west-1", 100)), live, Set.of());

        // then
        assertThat(plan.unexpectedServers()).containsExactly("us-east-1");
        assertThat(plan.commands()).isEmpty();
        assertThat(plan.needsNewConfiguration()).isTrue();
    }

    @Test
    void backupMismatchStillAppliesWeights() {
        // given
        List<ServerState> live = List.of(live("eu-west-1", 100, 0), live("us-east-1", 100, 0));
        List<DesiredServer> desired =
                List.of(ready("eu-west-1", 100), new DesiredServer("us-east-1", 50, AdminState.READY, true));

        // when
        EdgePlan plan = EdgePlanner.plan(BACKEND, desired, live, Set.of());

        // then
        assertThat(plan.backupMismatches()).containsExactly("us-east-1");
        assertThat(plan.commands())
                .extracting(RuntimeCommand::text)
                .containsExactly("set server be_api/us-east-1 weight 50");
        assertThat(plan.needsNewConfiguration()).isTrue();
    }

    @Test
    void matchingBackupFlagIsNoMismatch() {
        List<ServerState> live = List.of(live("eu-west-1", 100, 0), live("us-east-1", 100, 0));
        List<DesiredServer> desired =
                List.of(ready("eu-west-1", 100), new DesiredServer("us-east-1", 100, AdminState.READY, true));

        EdgePlan plan = EdgePlanner.plan(BACKEND, desired, live, Set.of("us-east-1"));

        assertThat(plan.backupMismatches()).isEmpty();
        assertThat(plan.needsNewConfiguration()).isFalse();
    }

    @Test
    void duplicateDesiredServerIsRejected() {
        List<DesiredServer> desired = List.of(ready("eu-west-1", 50), ready("eu-west-1", 60));

        assertThatThrownBy(() -> EdgePlanner.plan(BACKEND, desired, List.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate desired server eu-west-1 in backend be_api");
    }

    @Test
    void desiredWeightAboveHaproxyLimitIsRejected() {
        assertThatThrownBy(() -> ready("eu-west-1", 257))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid weight 257 for server eu-west-1: expected 0 to 256");
    }

    @Test
    void serverNameWithSemicolonIsRejected() {
        assertThatThrownBy(() -> ready("eu-west-1;shutdown", 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid HAProxy server name 'eu-west-1;shutdown'");
    }

    private static ServerState live(String name, int weight, int adminFlags) {
        return new ServerState(1, name, "127.0.0.1", 8080, OperationalState.RUNNING, adminFlags, weight, 100);
    }

    private static DesiredServer ready(String name, int weight) {
        return new DesiredServer(name, weight, AdminState.READY, false);
    }

    private static DesiredServer drain(String name, int weight) {
        return new DesiredServer(name, weight, AdminState.DRAIN, false);
    }
}
