package io.securewatch.agent.haproxy;

import static io.securewatch.agent.routing.RoutingObjectsFixture.edgeBackend;
import static io.securewatch.agent.routing.RoutingObjectsFixture.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.Reconciler;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edge backends of a bundle reach a real HAProxy through the reconciler, as the agent applies them. */
class EdgeBackendsAgainstHaproxyTest {

    private static List<RegionBackend> backends;

    @TempDir
    Path directory;

    private HaproxyProcess haproxy;
    private RuntimeApiClient client;
    private Reconciler reconciler;

    @BeforeAll
    static void startBackends() throws IOException {
        backends = new ArrayList<>();
        for (String region : List.of("eu-west-1", "eu-central-1", "us-east-1")) {
            backends.add(RegionBackend.start(region));
        }
    }

    @AfterAll
    static void stopBackends() {
        backends.forEach(RegionBackend::close);
    }

    @BeforeEach
    void startHaproxy() throws IOException {
        haproxy = HaproxyProcess.start(directory, backends, false);
        client = new RuntimeApiClient(haproxy.adminSocket(), Duration.ofSeconds(2));
        reconciler = new Reconciler(RoutingDriver.wrap(
                new SimulatedClusterDriver(8000, 1L << 34), Optional.empty(), Optional.of(new EdgeBackends(client))));
    }

    @AfterEach
    void stopHaproxy() {
        haproxy.close();
    }

    @Test
    void weightsAreAppliedOnce() {
        // given
        DesiredObject edge = split(128, 77, 51);

        // when
        ApplyResult first = reconciler.apply(List.of(edge), List.of());
        ApplyResult again = reconciler.apply(List.of(edge), List.of());

        // then
        assertThat(first.updated())
                .as("the backend exists in the configuration")
                .isEqualTo(1);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(weight("eu-west-1")).isEqualTo(128);
        assertThat(weight("eu-central-1")).isEqualTo(77);
        assertThat(weight("us-east-1")).isEqualTo(51);
    }

    @Test
    void changedWeightOnTheEdgeIsCorrected() {
        // given
        DesiredObject edge = split(128, 77, 51);
        reconciler.apply(List.of(edge), List.of());
        client.setWeight(EdgeConfig.BACKEND, "us-east-1", 200);

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(List.of(edge), true);

        // then
        assertThat(drift).singleElement().satisfies(report -> {
            assertThat(report.description()).contains("weight", "200");
            assertThat(report.corrected()).isTrue();
        });
        assertThat(weight("us-east-1")).isEqualTo(51);
    }

    @Test
    void serverMissingFromConfigurationFails() {
        // given: a fourth region that the running configuration has no server for
        DesiredObject edge = edgeBackend(
                "api",
                List.of(
                        server("eu-central-1", 64, "ready"),
                        server("eu-west-1", 64, "ready"),
                        server("sa-east-1", 64, "ready"),
                        server("us-east-1", 64, "ready")));

        // when
        ApplyResult result = reconciler.apply(List.of(edge), List.of());

        // then
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("Invalid");
            assertThat(failure.message()).contains("missing [sa-east-1]", "regenerate the configuration file");
        });
        assertThat(weight("eu-west-1")).as("the other servers are applied").isEqualTo(64);
    }

    @Test
    void regionOfEdgeIsNoDrift() {
        // given: the control plane names the edge's region, which HAProxy does not store
        DesiredObject edge = split(128, 77, 51);
        reconciler.apply(List.of(edge), List.of());

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(List.of(edge), false);
        ApplyResult again = reconciler.apply(List.of(edge), List.of());

        // then
        assertThat(drift).isEmpty();
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(again.updated()).isZero();
    }

    @Test
    void edgeWithoutRegionIsNoDrift() {
        // given: an EdgeBackend from a control plane that does not send spec.region yet
        DesiredObject edge = edgeBackend(
                "api",
                List.of(
                        server("eu-central-1", 77, "ready"),
                        server("eu-west-1", 128, "ready"),
                        server("us-east-1", 51, "ready")));
        reconciler.apply(List.of(edge), List.of());

        // when
        List<Reconciler.DriftReport> drift = reconciler.detectDrift(List.of(edge), false);

        // then
        assertThat(drift).isEmpty();
    }

    @Test
    void unreachableEdgeFailsAsUnavailable() {
        // given
        haproxy.close();

        // when
        ApplyResult result = reconciler.apply(List.of(split(128, 77, 51)), List.of());

        // then
        assertThat(result.failures())
                .singleElement()
                .satisfies(failure -> assertThat(failure.reason()).isEqualTo("Unavailable"));
    }

    private static DesiredObject split(int euWest, int euCentral, int usEast) {
        return edgeBackend(
                "api",
                "eu-west-1",
                List.of(
                        server("eu-central-1", euCentral, "ready"),
                        server("eu-west-1", euWest, "ready"),
                        server("us-east-1", usEast, "ready")));
    }

    private int weight(String server) {
        return client.showServers(EdgeConfig.BACKEND).stream()
                .filter(state -> state.name().equals(server))
                .findFirst()
                .orElseThrow()
                .userWeight();
    }
}
