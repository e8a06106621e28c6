package io.securewatch.controlplane.workload;

import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A workload and its scaling policy, as they reach the desired state of every cluster of its regions. */
@QuarkusTest
class WorkloadDesiredStateTest {

    private static final String WORKLOADS = "/api/v1/workloads";

    @Test
    void policyBecomesAutoscalerPerCluster() {
        // given: two regions, one with two clusters and one with one
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String otherRegion = Fixtures.createRegion(zone);
        List<String> clusters = List.of(
                Fixtures.createCluster(region), Fixtures.createCluster(region), Fixtures.createCluster(otherRegion));
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region, otherRegion)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);

        // when
        asAdmin()
                .body(WorkloadFixtures.policy(3, 9))
                .put(WORKLOADS + "/" + name + "/scaling-policy")
                .then()
                .statusCode(200);

        // then
        int maxSum = 0;
        for (String cluster : clusters) {
            List<Map<String, Object>> objects = objects(cluster);
            Map<String, Object> deployment = find(objects, "Deployment", name).orElseThrow();
            assertThat(spec(deployment)).as(cluster).doesNotContainKey("replicas");
            Map<String, Object> autoscaler =
                    find(objects, "HorizontalPodAutoscaler", name).orElseThrow();
            Map<String, Object> spec = spec(autoscaler);
            assertThat((Integer) spec.get("minReplicas")).as(cluster).isBetween(1, (Integer) spec.get("maxReplicas"));
            maxSum += (Integer) spec.get("maxReplicas");
            assertThat(find(objects, "Service", name)).as(cluster).isPresent();
            assertThat(find(objects, "Namespace", "securewatch")).as(cluster).isPresent();
        }
        assertThat(maxSum).isEqualTo(9);
    }

    @Test
    void fixedReplicasSplitAndDeleted() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        List<String> clusters = List.of(Fixtures.createCluster(region), Fixtures.createCluster(region));
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        asAdmin()
                .body(WorkloadFixtures.policy(2, 4))
                .put(WORKLOADS + "/" + name + "/scaling-policy")
                .then()
                .statusCode(200);

        // when: the policy goes, the fixture's two fixed replicas are split over the two equal clusters
        asAdmin().delete(WORKLOADS + "/" + name + "/scaling-policy").then().statusCode(204);

        // then
        for (String cluster : clusters) {
            List<Map<String, Object>> objects = objects(cluster);
            assertThat(spec(find(objects, "Deployment", name).orElseThrow()))
                    .as(cluster)
                    .containsEntry("replicas", 1);
            assertThat(find(objects, "HorizontalPodAutoscaler", name))
                    .as(cluster)
                    .isEmpty();
        }

        // when
        asAdmin().delete(WORKLOADS + "/" + name).then().statusCode(204);

        // then
        for (String cluster : clusters) {
            List<Map<String, Object>> objects = objects(cluster);
            assertThat(find(objects, "Deployment", name)).as(cluster).isEmpty();
            assertThat(find(objects, "Service", name)).as(cluster).isEmpty();
            assertThat(find(objects, "Namespace", "securewatch")).as(cluster).isEmpty();
        }
    }

    private static List<Map<String, Object>> objects(String cluster) {
        return asAdmin()
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("objects");
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream()
                .filter(object -> kind.equals(object.get("kind"))
                        && name.equals(((Map<String, Object>) object.get("metadata")).get("name")))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> object) {
        return (Map<String, Object>) object.get("spec");
    }
}
