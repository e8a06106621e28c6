package io.securewatch.controlplane.workload;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.securewatch.controlplane.agentchannel.AgentStateStore;
import io.securewatch.controlplane.cluster.ClusterRepository;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CapacityApiTest {

    private static final String WORKLOADS = "/api/v1/workloads";

    @Inject
    AgentStateStore agentState;

    @Inject
    ClusterRepository clusters;

    private String first;
    private String second;
    private String firstCluster;
    private String secondCluster;
    private String name;

    @BeforeEach
    void createWorkloadInTwoRegions() {
        String zone = Api.uniqueZone();
        first = Fixtures.createRegion(zone);
        second = Fixtures.createRegion(zone);
        firstCluster = Fixtures.createCluster(first);
        secondCluster = Fixtures.createCluster(second);
        name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(first, second)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        Map<String, Object> policy = WorkloadFixtures.policy(2, 10);
        policy.put("failoverHeadroomPercent", 25);
        asAdmin()
                .body(policy)
                .put(WORKLOADS + "/" + name + "/scaling-policy")
                .then()
                .statusCode(200);
    }

    @Test
    void capacityUsesAgentReports() throws Throwable {
        // given: the first region's agent reports 3 replicas at 140 % CPU against the 70 % target
        report(firstCluster, 3, 140.0, 40.0);

        // when / then: the first region carries 6 replicas of load; the second is assumed at its minimum of 1
        asAdmin()
                .get(WORKLOADS + "/" + name + "/capacity")
                .then()
                .statusCode(200)
                .body("workload", equalTo(name))
                .body("failoverHeadroomPercent", equalTo(25))
                .body("totalLoadReplicas", equalTo(7.0f))
                .body("regions", hasSize(2))
                .body("regions.find { it.region == '" + first + "' }.currentReplicas", equalTo(3))
                .body("regions.find { it.region == '" + first + "' }.cpuUtilizationPercent", equalTo(140.0f))
                .body("regions.find { it.region == '" + first + "' }.loadReplicas", equalTo(6.0f))
                .body("regions.find { it.region == '" + first + "' }.loadBasis", equalTo("reported"))
                .body("regions.find { it.region == '" + second + "' }.loadBasis", equalTo("assumed"))
                .body("regions.find { it.region == '" + second + "' }.cpuUtilizationPercent", nullValue())
                // 7 replicas of load with 25 % headroom need 9, but one region's maximum is 5
                .body("regions.find { it.region == '" + first + "' }.ifRegionFails.requiredReplicas", equalTo(9))
                .body("regions.find { it.region == '" + first + "' }.ifRegionFails.survivorMaxReplicas", equalTo(5))
                .body("regions.find { it.region == '" + first + "' }.ifRegionFails.holds", equalTo(false))
                .body("regions.find { it.region == '" + first + "' }.ifRegionFails.shortfallReplicas", equalTo(4));
    }

    @Test
    void preScaleRaisesSurvivorMinimaUntilRestored() throws Throwable {
        // given
        report(firstCluster, 3, 140.0, 40.0);
        String preScale = WORKLOADS + "/" + name + "/pre-scale";

        // when
        asAdmin()
                .body(Map.of("excludedRegions", List.of(first), "reason", "failover drill"))
                .post(preScale)
                .then()
                .statusCode(201)
                .body("floors." + second, equalTo(5))
                .body("createdBy", equalTo("admin"));

        // then: the second region's autoscaler runs 5 to 5, and the policy itself is unchanged
        assertThat(autoscalerMin(secondCluster)).isEqualTo(5);
        asAdmin().get(WORKLOADS + "/" + name + "/scaling-policy").then().body("minReplicas", equalTo(2));
        asAdmin().get(preScale).then().statusCode(200).body("excludedRegions", equalTo(List.of(first)));
        asAdmin()
                .body(Map.of("excludedRegions", List.of(first)))
                .post(preScale)
                .then()
                .statusCode(409);
        asAdmin()
                .header("Idempotency-Key", "pre-scale-" + name)
                .body(Map.of("excludedRegions", List.of(first)))
                .post(preScale)
                .then()
                .statusCode(409);

        // when
        asAdmin().delete(preScale).then().statusCode(204);

        // then
        assertThat(autoscalerMin(secondCluster)).isEqualTo(1);
        asAdmin().get(preScale).then().statusCode(404);
        asAdmin()
                .queryParam("objectKind", "scaling-policy")
                .queryParam("objectId", name)
                .get("/api/v1/audit-events")
                .then()
                .log()
                .body()
                .body("items.action", equalTo(List.of("restore", "pre-scale", "create")));
    }

    @Test
    void preScaleRetryWithSameKeyIsReplayed() {
        // given
        String preScale = WORKLOADS + "/" + name + "/pre-scale";
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("excludedRegions", List.of(first));
        Response original =
                as(Api.OPERATOR).header("Idempotency-Key", key).body(body).post(preScale);
        original.then().statusCode(201);

        // when
        Response retry =
                as(Api.OPERATOR).header("Idempotency-Key", key).body(body).post(preScale);

        // then
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(retry.jsonPath().getMap("")).isEqualTo(original.jsonPath().getMap(""));
        asAdmin()
                .queryParam("objectKind", "scaling-policy")
                .queryParam("objectId", name)
                .queryParam("action", "pre-scale")
                .get("/api/v1/audit-events")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void preScaleRejectsBadRequests() {
        String preScale = WORKLOADS + "/" + name + "/pre-scale";
        asAdmin()
                .body(Map.of("excludedRegions", List.of(first, second)))
                .post(preScale)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("excludedRegions"));
        asAdmin()
                .body(Map.of("excludedRegions", List.of("no-such-region")))
                .post(preScale)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("excludedRegions[0]"));
        asAdmin()
                .body(Map.of("excludedRegions", List.of()))
                .post(preScale)
                .then()
                .statusCode(400);
        as(Api.VIEWER)
                .body(Map.of("excludedRegions", List.of(first)))
                .post(preScale)
                .then()
                .statusCode(403);
        asAdmin().get(preScale).then().statusCode(404);
    }

    private void report(String cluster, int replicas, double cpu, double memory) throws Throwable {
        long clusterId = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> clusters.findByName(cluster).map(found -> found.id)));
        Map<String, Object> workload = Map.of(
                "namespace", "securewatch",
                "name", name,
                "replicas", replicas,
                "readyReplicas", replicas,
                "cpuUtilizationPercent", cpu,
                "memoryUtilizationPercent", memory);
        Map<String, Object> facts = Map.of(
                "allocatableCpuMillis", 32_000, "allocatableMemoryBytes", 1L << 37, "workloads", List.of(workload));
        VertxContextSupport.subscribeAndAwait(() -> agentState
                .markConnected(clusterId, "test-session-" + cluster, "test-replica", "test")
                .chain(() -> agentState.recordHeartbeat(clusterId, facts, List.of())));
    }

    @SuppressWarnings("unchecked")
    private int autoscalerMin(String cluster) {
        List<Map<String, Object>> objects = asAdmin()
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("objects");
        return objects.stream()
                .filter(object -> "HorizontalPodAutoscaler".equals(object.get("kind")))
                .filter(object -> name.equals(((Map<String, Object>) object.get("metadata")).get("name")))
                .map(object -> (Integer) ((Map<String, Object>) object.get("spec")).get("minReplicas"))
                .findFirst()
                .orElseThrow();
    }
}
