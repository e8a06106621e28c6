package io.securewatch.agent.routing;

import static io.securewatch.agent.routing.RoutingObjectsFixture.edgeBackend;
import static io.securewatch.agent.routing.RoutingObjectsFixture.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.agent.core.AppliedTarget;
import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingDriverTest {

    private final SimulatedClusterDriver cluster = new SimulatedClusterDriver(8000, 1L << 34);
    private final RoutingDriver driver = RoutingDriver.wrap(cluster, Optional.empty(), Optional.empty());
    private final Reconciler reconciler = new Reconciler(driver);

    @Test
    void unconfiguredTargetsKeepObjects() {
        // given
        DesiredObject edge = edgeBackend("shop", List.of(server("eu-west-1", 256, "ready")));

        // when
        ApplyResult first = reconciler.apply(List.of(edge), List.of());
        ApplyResult again = reconciler.apply(List.of(edge), List.of());

        // then
        assertThat(first.created()).isEqualTo(1);
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(cluster.get(edge.key()))
                .as("the cluster never sees routing objects")
                .isEmpty();
        assertThat(driver.appliedTargets(List.of(edge.key())))
                .containsExactly(new AppliedTarget("haproxy", "", List.of(edge.key())));
    }

    @Test
    void keptObjectsCountAsStrays() {
        // given
        DesiredObject edge = edgeBackend("shop", List.of(server("eu-west-1", 256, "ready")));
        reconciler.apply(List.of(edge), List.of());

        // when
        var strays = reconciler.strays(List.of());
        ApplyResult removed = reconciler.apply(List.of(), strays);

        // then
        assertThat(strays).containsExactly(edge.key());
        assertThat(removed.deleted()).isEqualTo(1);
        assertThat(reconciler.strays(List.of())).isEmpty();
    }

    @Test
    void unknownRoutingKindIsRejected() {
        // given
        ObjectKey key = new ObjectKey(RoutingDriver.API_VERSION, "GatewayRoute", "", "shop");
        DesiredObject object = new DesiredObject(
                key,
                "{\"apiVersion\":\"" + RoutingDriver.API_VERSION
                        + "\",\"kind\":\"GatewayRoute\",\"metadata\":{\"name\":\"shop\"}}",
                "hash");

        // when
        ApplyResult result = reconciler.apply(List.of(object), List.of());

        // then
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("Invalid");
            assertThat(failure.message()).contains("GatewayRoute", "upgrade the agent");
        });
    }

    @Test
    void kubernetesObjectsReachTheCluster() {
        // given
        ObjectKey key = new ObjectKey("v1", "Namespace", "", "tenant-acme");
        DesiredObject namespace = new DesiredObject(
                key,
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"tenant-acme\","
                        + "\"labels\":{\"app.kubernetes.io/managed-by\":\"securewatch\"}}}",
                "hash");

        // when
        reconciler.apply(List.of(namespace), List.of());

        // then
        assertThat(cluster.get(key))
                .get()
                .extracting(manifest -> manifest.get("kind"))
                .isEqualTo("Namespace");
        assertThat(driver.appliedTargets(List.of(key))).isEmpty();
    }
}
