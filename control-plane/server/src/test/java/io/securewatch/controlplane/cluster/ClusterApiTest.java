package io.securewatch.controlplane.cluster;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterApiTest {

    private static final String CLUSTERS = "/api/v1/clusters";

    @Test
    void registeredClusterCanBeReadBack() {
        // given
        String region = Fixtures.createRegion("EU");
        String name = Api.uniqueName("c");

        // when
        Response created = asAdmin().body(Fixtures.clusterBody(name, region)).post(CLUSTERS);

        // then
        created.then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .header("Location", containsString(CLUSTERS + "/" + name));
        as(Api.VIEWER)
                .get(CLUSTERS + "/" + name)
                .then()
                .statusCode(200)
                .body("region", equalTo(region))
                .body("labels.tier", equalTo("general"))
                .body("capacity.cpuMillis", equalTo(32000))
                .body("capacity.memoryBytes", equalTo(137438953472L));
    }

    @Test
    void clusterInUnknownRegionIsRejected() {
        asAdmin()
                .body(Fixtures.clusterBody(Api.uniqueName("c"), "no-such-region"))
                .post(CLUSTERS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("region"))
                .body("errors[0].message", containsString("not found"));
    }

    @Test
    void invalidCapacityAndLabelsNameEachField() {
        Map<String, Object> body = Map.of(
                "name", Api.uniqueName("c"),
                "region", "eu-west-1",
                "labels", Map.of("bad key!", "v", "ok", "bad value!"),
                "capacity", Map.of("cpuMillis", -1, "memoryBytes", 0));

        asAdmin()
                .body(body)
                .post(CLUSTERS)
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        equalTo(List.of(
                                "capacity.cpuMillis", "capacity.memoryBytes", "labels[bad key!]", "labels[ok]")));
    }

    @Test
    void missingCapacityIsRequired() {
        asAdmin()
                .body(Map.of("name", Api.uniqueName("c"), "region", "eu-west-1"))
                .post(CLUSTERS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("capacity"))
                .body("errors[0].message", equalTo("is required"));
    }

    @Test
    void capacityAboveLimitIsRejected() {
        Map<String, Object> body = Map.of(
                "name", Api.uniqueName("c"),
                "region", "eu-west-1",
                "capacity", Map.of("cpuMillis", 100_000_001L, "memoryBytes", 1L));

        asAdmin()
                .body(body)
                .post(CLUSTERS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("capacity.cpuMillis"));
    }

    @Test
    void duplicateClusterNameIsConflict() {
        String region = Fixtures.createRegion("EU");
        String name = Fixtures.createCluster(region);

        asAdmin().body(Fixtures.clusterBody(name, region)).post(CLUSTERS).then().statusCode(409);
    }

    @Test
    void updateReplacesLabelsAndCapacity() {
        // given
        String region = Fixtures.createRegion("EU");
        String name = Fixtures.createCluster(region);
        Map<String, Object> change = Map.of(
                "region", region,
                "labels", Map.of("tier", "gold"),
                "capacity", Map.of("cpuMillis", 64000, "memoryBytes", 1024));

        // when
        Response updated =
                as(Api.OPERATOR).header("If-Match", "\"0\"").body(change).put(CLUSTERS + "/" + name);

        // then
        updated.then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("labels.tier", equalTo("gold"))
                .body("capacity.cpuMillis", equalTo(64000));
    }

    @Test
    void updateWithoutLabelsClearsThem() {
        String region = Fixtures.createRegion("EU");
        String name = Fixtures.createCluster(region);
        Map<String, Object> change =
                Map.of("region", region, "capacity", Map.of("cpuMillis", 32000, "memoryBytes", 137438953472L));

        asAdmin()
                .header("If-Match", "\"0\"")
                .body(change)
                .put(CLUSTERS + "/" + name)
                .then()
                .statusCode(200)
                .body("labels", not(hasKey("tier")));
    }

    @Test
    void clusterCannotMoveToAnotherRegion() {
        String region = Fixtures.createRegion("EU");
        String other = Fixtures.createRegion("EU");
        String name = Fixtures.createCluster(region);
        Map<String, Object> change = new HashMap<>(Fixtures.clusterBody(name, other));

        asAdmin()
                .header("If-Match", "\"0\"")
                .body(change)
                .put(CLUSTERS + "/" + name)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("region"));
        asAdmin().get(CLUSTERS + "/" + name).then().body("region", equalTo(region));
    }

    @Test
    void staleIfMatchIsPreconditionFailed() {
        String region = Fixtures.createRegion("EU");
        String name = Fixtures.createCluster(region);

        asAdmin()
                .header("If-Match", "\"3\"")
                .body(Fixtures.clusterBody(name, region))
                .put(CLUSTERS + "/" + name)
                .then()
                .statusCode(412);
    }

    @Test
    void deleteRemovesClusterAndFreesItsRegion() {
        String region = Fixtures.createRegion("EU");
        String name = Fixtures.createCluster(region);

        asAdmin().delete(CLUSTERS + "/" + name).then().statusCode(204);

        asAdmin().get(CLUSTERS + "/" + name).then().statusCode(404);
        asAdmin().delete("/api/v1/regions/" + region).then().statusCode(204);
    }

    @Test
    void listFiltersByRegionAndLabels() {
        // given
        String region = Fixtures.createRegion("EU");
        String plain = Fixtures.createCluster(region);
        String gold = Api.uniqueName("c");
        Map<String, Object> goldBody = Map.of(
                "name",
                gold,
                "region",
                region,
                "labels",
                Map.of("tier", "gold", "example.com/team", "payments"),
                "capacity",
                Map.of("cpuMillis", 1000, "memoryBytes", 1024));
        asAdmin().body(goldBody).post(CLUSTERS).then().statusCode(201);

        // when
        Response byRegion = as(Api.VIEWER).queryParam("region", region).get(CLUSTERS);
        Response byLabels = as(Api.VIEWER)
                .queryParam("region", region)
                .queryParam("label", "tier=gold")
                .queryParam("label", "example.com/team=payments")
                .get(CLUSTERS);

        // then
        assertThat(byRegion.jsonPath().getList("items.name", String.class))
                .containsExactlyElementsOf(
                        new ArrayList<>(List.of(plain, gold)).stream().sorted().toList());
        assertThat(byLabels.jsonPath().getList("items.name", String.class)).containsExactly(gold);
    }

    @Test
    void malformedLabelSelectorIsRejected() {
        asAdmin()
                .queryParam("label", "no-equals-sign")
                .get(CLUSTERS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("label"));
    }
}
