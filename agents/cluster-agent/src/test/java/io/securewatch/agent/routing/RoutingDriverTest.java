package io.securewatch.agent.routing;

import static io.securewatch.agent.routing.RoutingObjectsFixture.edgeBackend;
import static io.securewatch.agent.routing.RoutingObjectsFixture.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.securewatch.agent.core.AppliedTarget;
import io.securewatch.agent.core.ApplyResult;
import io.securewatch.agent.core.ClusterDriver.WorkloadFacts;
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
    void edgeBackendSharesWeightsWithSimulatedCluster() {
        // given: a Deployment named like the service, in a cluster of eu-central-1, and no edge configured
        reconciler.apply(shopWorkload(), List.of());
        cluster.setRequestRate("tenant-acme", "shop", 100);

        // when: the region's edge drains eu-west-1
        ApplyResult result = reconciler.apply(List.of(euWestDrained("eu-central-1")), List.of());

        // then
        assertThat(result.created()).isEqualTo(1);
        assertThat(shopFacts().requestsPerSecond()).isEqualTo(150);
    }

    @Test
    void updatedEdgeBackendDrainsSimulatedCluster() {
        // given
        reconciler.apply(shopWorkload(), List.of());
        cluster.setRequestRate("tenant-acme", "shop", 100);
        DesiredObject equal = edgeBackend(
                "shop",
                "eu-west-1",
                List.of(
                        server("eu-central-1", 128, "ready"),
                        server("eu-west-1", 128, "ready"),
                        server("us-east-1", 128, "ready")));
        reconciler.apply(List.of(equal), List.of());
        assertThat(shopFacts().requestsPerSecond())
                .as("requests at equal weights")
                .isEqualTo(100);

        // when
        ApplyResult result = reconciler.apply(List.of(euWestDrained("eu-west-1")), List.of());

        // then
        assertThat(result.updated()).isEqualTo(1);
        assertThat(shopFacts().requestsPerSecond()).isZero();
    }

    @Test
    void deletedEdgeBackendRestoresFullLoad() {
        // given
        reconciler.apply(shopWorkload(), List.of());
        cluster.setRequestRate("tenant-acme", "shop", 100);
        DesiredObject edge = euWestDrained("eu-west-1");
        reconciler.apply(List.of(edge), List.of());

        // when
        ApplyResult result = reconciler.apply(List.of(), List.of(edge.key()));

        // then
        assertThat(result.deleted()).isEqualTo(1);
        assertThat(shopFacts().requestsPerSecond()).isEqualTo(100);
    }

    @Test
    void edgeBackendWithoutRegionLeavesFullLoad() {
        // given: an EdgeBackend from a control plane that does not send spec.region yet
        reconciler.apply(shopWorkload(), List.of());
        cluster.setRequestRate("tenant-acme", "shop", 100);
        DesiredObject withoutRegion = edgeBackend(
                "shop",
                List.of(
                        server("eu-central-1", 128, "ready"),
                        server("eu-west-1", 0, "drain"),
                        server("us-east-1", 128, "ready")));

        // when
        reconciler.apply(List.of(withoutRegion), List.of());

        // then
        assertThat(shopFacts().requestsPerSecond()).isEqualTo(100);
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

    /** Returns the EdgeBackend of {@code shop} on the edge of the region, with eu-west-1 drained. */
    private static DesiredObject euWestDrained(String region) {
        return edgeBackend(
                "shop",
                region,
                List.of(
                        server("eu-central-1", 128, "ready"),
                        server("eu-west-1", 0, "drain"),
                        server("us-east-1", 128, "ready")));
    }

    /** Returns a namespace and a Deployment {@code shop} of one replica in it. */
    private static List<DesiredObject> shopWorkload() {
        DesiredObject namespace = new DesiredObject(
                new ObjectKey("v1", "Namespace", "", "tenant-acme"),
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"tenant-acme\","
                        + "\"labels\":{\"app.kubernetes.io/managed-by\":\"securewatch\"}}}",
                "namespace-v1");
        DesiredObject deployment = new DesiredObject(
                new ObjectKey("apps/v1", "Deployment", "tenant-acme", "shop"),
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"shop\","
                        + "\"namespace\":\"tenant-acme\",\"labels\":{\"app.kubernetes.io/managed-by\":\"securewatch\"}},"
                        + "\"spec\":{\"replicas\":1}}",
                "deployment-v1");
        return List.of(namespace, deployment);
    }

    private WorkloadFacts shopFacts() {
        List<WorkloadFacts> workloads = driver.facts().workloads();
        assertThat(workloads).as("workloads in the facts").hasSize(1);
        return workloads.get(0);
    }
}
