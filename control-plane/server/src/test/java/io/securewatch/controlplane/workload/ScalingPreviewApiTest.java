package io.securewatch.controlplane.workload;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ScalingPreviewApiTest {

    private String first;
    private String second;
    private String firstA;
    private String firstB;
    private String secondA;
    private String workload;
    private String policy;

    @BeforeEach
    void createWorkloadInTwoRegions() {
        String zone = Api.uniqueZone();
        first = Fixtures.createRegion(zone);
        second = Fixtures.createRegion(zone);
        List<String> firstClusters = List.of(Fixtures.createCluster(first), Fixtures.createCluster(first));
        firstA = firstClusters.stream().sorted().toList().get(0);
        firstB = firstClusters.stream().sorted().toList().get(1);
        secondA = Fixtures.createCluster(second);
        workload = Api.uniqueName("wl");
        asAdmin()
                .body(Fixtures.workloadBody(workload, List.of(first, second), false))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        asAdmin()
                .body(Map.of("minReplicas", 4, "maxReplicas", 8, "targetCpuUtilization", 70))
                .put("/api/v1/workloads/" + workload + "/scaling-policy")
                .then()
                .statusCode(200);
        policy = "/api/v1/workloads/" + workload + "/scaling-policy";
    }

    @Test
    void previewSplitsDraftOverClusters() {
        // when: the first region is pinned to 6..10 of 8..14, so the second region takes the remaining 2..4
        Response preview = as("viewer")
                .body(Map.of(
                        "minReplicas",
                        8,
                        "maxReplicas",
                        14,
                        "targetCpuUtilization",
                        60,
                        "regionOverrides",
                        Map.of(first, Map.of("minReplicas", 6, "maxReplicas", 10))))
                .post(policy + "/preview");

        // then
        preview.then()
                .statusCode(200)
                .body("workload", equalTo(workload))
                .body(
                        "clusters.cluster",
                        equalTo(Stream.of(firstA, firstB, secondA).sorted().toList()))
                .body("clusters.find { it.cluster == '" + firstA + "' }.minReplicas", equalTo(3))
                .body("clusters.find { it.cluster == '" + firstA + "' }.maxReplicas", equalTo(5))
                .body("clusters.find { it.cluster == '" + secondA + "' }.region", equalTo(second))
                .body("clusters.find { it.cluster == '" + secondA + "' }.minReplicas", equalTo(2))
                .body("clusters.find { it.cluster == '" + secondA + "' }.maxReplicas", equalTo(4))
                .body(
                        "clusters.find { it.cluster == '" + secondA + "' }.horizontalPodAutoscaler.kind",
                        equalTo("HorizontalPodAutoscaler"))
                .body(
                        "clusters.find { it.cluster == '" + secondA + "' }.horizontalPodAutoscaler.spec.metrics"
                                + ".resource.target.averageUtilization",
                        hasItem(60));
    }

    @Test
    void previewStoresNothing() {
        // when
        asAdmin()
                .body(Map.of("minReplicas", 1, "maxReplicas", 2, "targetCpuUtilization", 50))
                .post(policy + "/preview")
                .then()
                .statusCode(200);

        // then
        asAdmin()
                .get(policy)
                .then()
                .header("ETag", "\"0\"")
                .body("minReplicas", equalTo(4))
                .body("maxReplicas", equalTo(8));
        asAdmin()
                .queryParam("objectKind", "scaling-policy")
                .queryParam("objectId", workload)
                .get("/api/v1/audit-events")
                .then()
                .body("items.action", equalTo(List.of("create")));
    }

    @Test
    void clusterWithoutReplicaGetsNoAutoscaler() {
        // when: one replica at most cannot reach all three clusters
        Response preview = asAdmin()
                .body(Map.of("minReplicas", 1, "maxReplicas", 1, "targetCpuUtilization", 50))
                .post(policy + "/preview");

        // then
        preview.then()
                .statusCode(200)
                .body("clusters.findAll { it.maxReplicas == 0 }.horizontalPodAutoscaler", hasItem(nullValue()))
                .body(
                        "clusters.findAll { it.maxReplicas == 0 }.note",
                        hasItem("no replica in this cluster: its Deployment runs at 0 replicas and gets no"
                                + " autoscaler"));
    }

    @Test
    void invalidDraftIsRejectedAtItsField() {
        // when / then
        asAdmin()
                .body(Map.of("minReplicas", 5, "maxReplicas", 2, "targetCpuUtilization", 50))
                .post(policy + "/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("maxReplicas"));
        asAdmin()
                .body(Map.of("minReplicas", 1, "maxReplicas", 2, "targetCpuUtilization", 50))
                .post("/api/v1/workloads/no-such-workload/scaling-policy/preview")
                .then()
                .statusCode(404);
    }
}
