package io.securewatch.agent.routing;

import static io.securewatch.agent.routing.RoutingObjectsFixture.annotated;
import static io.securewatch.agent.routing.RoutingObjectsFixture.edgeBackend;
import static io.securewatch.agent.routing.RoutingObjectsFixture.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Region weights read from EdgeBackend manifests in the shapes the control plane renders for each strategy. */
class EdgeWeightsTest {

    @Test
    void weightedSplitListsEveryRegion() {
        // given
        Map<String, Object> manifest = annotated(edgeBackend(
                "shop",
                "eu-west-1",
                List.of(
                        server("eu-central-1", 77, "ready"),
                        server("eu-west-1", 128, "ready"),
                        server("us-east-1", 51, "ready"))));

        // when
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);

        // then
        assertThat(weights)
                .contains(new EdgeWeights("eu-west-1", Map.of("eu-central-1", 77, "eu-west-1", 128, "us-east-1", 51)));
    }

    @Test
    void drainedAndMaintenanceServersWeighNothing() {
        // given
        Map<String, Object> manifest = annotated(edgeBackend(
                "shop",
                "eu-west-1",
                List.of(
                        server("eu-central-1", 128, "maint"),
                        server("eu-west-1", 100, "drain"),
                        server("us-east-1", 128, "ready"))));

        // when
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);

        // then
        assertThat(weights)
                .contains(new EdgeWeights("eu-west-1", Map.of("eu-central-1", 0, "eu-west-1", 0, "us-east-1", 128)));
    }

    @Test
    void backupServersIgnoredWhilePrimariesServe() {
        // given: locality-first, where the edge's own region takes all requests
        Map<String, Object> manifest = annotated(edgeBackend(
                "shop",
                "eu-west-1",
                List.of(
                        server("eu-west-1", 100, "ready"),
                        server("eu-central-1", 100, "ready", true),
                        server("us-east-1", 100, "ready", true))));

        // when
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);

        // then
        assertThat(weights).contains(new EdgeWeights("eu-west-1", Map.of("eu-west-1", 100)));
    }

    @Test
    void backupServersTakeOverFromRegionInMaintenance() {
        // given: locality-first with the edge's own region evacuated
        Map<String, Object> manifest = annotated(edgeBackend(
                "shop",
                "eu-west-1",
                List.of(
                        server("eu-west-1", 0, "maint"),
                        server("eu-central-1", 100, "ready", true),
                        server("us-east-1", 100, "ready", true))));

        // when
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);

        // then
        assertThat(weights)
                .contains(new EdgeWeights("eu-west-1", Map.of("eu-west-1", 0, "eu-central-1", 100, "us-east-1", 100)));
    }

    @Test
    void edgeBackendWithoutRegionHasNoWeights() {
        // given
        Map<String, Object> manifest = annotated(edgeBackend("shop", List.of(server("eu-west-1", 128, "ready"))));

        // when
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);

        // then
        assertThat(weights).isEmpty();
    }

    @Test
    void serverWithoutWeightMakesWeightsUnreadable() {
        // given
        Map<String, Object> manifest = annotated(edgeBackend(
                "shop", "eu-west-1", List.of(Map.of("name", "eu-west-1", "weight", "heavy", "state", "ready"))));

        // when
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);

        // then
        assertThat(weights).isEmpty();
    }
}
