package io.securewatch.controlplane.drill;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.ConvergedAgent;
import io.securewatch.controlplane.support.Fixtures;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dry runs of region evacuations: the pre-flight checks against the stored inventory and live agent state. */
@QuarkusTest
class DrillRunApiTest {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void healthyRegionPassesDryRun() throws Exception {
        // given: two regions with a converged agent each, and a workload in both with room to spare
        String zone = Api.uniqueZone();
        String first = Fixtures.createRegion(zone);
        String second = Fixtures.createRegion(zone);
        String firstCluster = Fixtures.createCluster(first);
        String secondCluster = Fixtures.createCluster(second);
        String service = createWorkload(null, List.of(first, second), 2, 10);
        String drill = createDrill(first, service);
        try (ConvergedAgent a = ConvergedAgent.start(firstCluster);
                ConvergedAgent b = ConvergedAgent.start(secondCluster)) {
            awaitConverged(firstCluster);
            awaitConverged(secondCluster);

            // when
            JsonPath run = asAdmin()
                    .body(Map.of("dryRun", true))
                    .post("/api/v1/drills/" + drill + "/runs")
                    .then()
                    .statusCode(201)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/drills/" + drill + "/runs/1"))
                    .extract()
                    .jsonPath();

            // then
            assertThat(run.getString("status")).as(run.prettify()).isEqualTo("passed");
            assertThat(run.getBoolean("dryRun")).isTrue();
            assertThat(run.getString("startedBy")).isEqualTo("admin");
            assertThat(run.getList("checks.name"))
                    .containsExactly("agents", "capacity", "residency", "catalog", "overlap");
            assertThat(run.getString("checks.find { it.name == 'agents' }.summary"))
                    .isEqualTo("2 of 2 agents connected, 2 of 2 up to date");
        }
    }

    @Test
    void survivorsWithoutRoomFailCapacity() {
        // given: 4 to 6 replicas split 3/3; the first region's load of 4 with 20 % headroom needs 5 in the second
        String zone = Api.uniqueZone();
        String first = Fixtures.createRegion(zone);
        String second = Fixtures.createRegion(zone);
        Fixtures.createCluster(first);
        Fixtures.createCluster(second);
        String service = createWorkload(null, List.of(first, second), 4, 6);
        String drill = createDrill(first, service);

        // when
        JsonPath run = startDryRun(drill);

        // then
        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getBoolean("checks.find { it.name == 'capacity' }.passed"))
                .isFalse();
        assertThat(run.getString("checks.find { it.name == 'capacity' }.summary"))
                .isEqualTo("1 of 1 affected workloads do not fit in the survivors, short by 2 replicas");
        assertThat(run.getString("checks.find { it.name == 'capacity' }.details[0]"))
                .contains("5 required with 20 % headroom", "allow 3; short by 2 replicas");
    }

    @Test
    void tenantWithoutOtherRegionInZoneFailsResidency() {
        // given: a tenant that may keep data only in one zone, which has one region
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        Fixtures.createCluster(region);
        String tenant = Fixtures.createTenant(List.of(zone), List.of(region));
        String service = createWorkload(tenant, List.of(region), 2, 4);
        String drill = createDrill(region, service);

        // when
        JsonPath run = startDryRun(drill);

        // then
        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getBoolean("checks.find { it.name == 'residency' }.passed"))
                .isFalse();
        assertThat(run.getString("checks.find { it.name == 'residency' }.details[0]"))
                .isEqualTo(service + " of tenant " + tenant + ": no region other than " + region
                        + " in its residency zones [" + zone + "], so its traffic would have to leave them");
    }

    @Test
    void runsAreListedNewestFirstAndReadBack() throws Exception {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        Fixtures.createCluster(region);
        String service = createWorkload(null, List.of(region), 1, 2);
        String drill = createDrill(region, service);
        startDryRun(drill);
        // a POST without a body or Content-Type, as from curl -X POST, takes the drill's mode: a dry run
        java.net.http.HttpResponse<String> bare = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                                        + io.restassured.RestAssured.port + "/api/v1/drills/" + drill + "/runs"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + java.util.Base64.getEncoder()
                                                        .encodeToString("admin:admin"
                                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(201);
        assertThat(bare.body()).contains("\"dryRun\":true");

        // when / then
        String cursor = asAdmin()
                .queryParam("limit", 1)
                .get("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(200)
                .body("items.run", equalTo(List.of(2)))
                .extract()
                .path("nextCursor");
        asAdmin()
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(200)
                .body("items.run", equalTo(List.of(1)))
                .body("nextCursor", org.hamcrest.Matchers.nullValue());
        as(Api.VIEWER)
                .get("/api/v1/drills/" + drill + "/runs/1")
                .then()
                .statusCode(200)
                .body("run", equalTo(1))
                .body("checks.passed", everyItem(org.hamcrest.Matchers.isA(Boolean.class)));
        asAdmin().get("/api/v1/drills/" + drill + "/runs/9").then().statusCode(404);
        asAdmin().get("/api/v1/drills/" + drill + "/runs/x").then().statusCode(404);
    }

    @Test
    void failedLivePreflightChangesNothing() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        Fixtures.createCluster(region);
        String service = createWorkload(null, List.of(region), 1, 2);
        String drill = createDrill(region, service);

        // when / then: with no agent connected the live run fails its pre-flight and never starts a step
        asAdmin()
                .body(Map.of("dryRun", false))
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .body("dryRun", equalTo(false))
                .body("status", equalTo("failed"))
                .body("steps", equalTo(List.of()));
        as(Api.VIEWER)
                .body(Map.of("dryRun", true))
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(403);
        as(Api.ACME_ADMIN).get("/api/v1/drills/" + drill + "/runs").then().statusCode(403);
        asAdmin()
                .body(Map.of("dryRun", true))
                .post("/api/v1/drills/no-such-drill/runs")
                .then()
                .statusCode(404);
        for (String notBoolean : List.of("\"yes\"", "\"false\"", "\"true\"", "0", "1", "\"\"")) {
            asAdmin()
                    .body("{\"dryRun\": " + notBoolean + "}")
                    .post("/api/v1/drills/" + drill + "/runs")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("dryRun"));
        }
        io.restassured.RestAssured.given()
                .auth()
                .preemptive()
                .basic(Api.ADMIN, Api.ADMIN)
                .contentType("text/plain; charset=utf-8")
                .body("dryRun")
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(415);
        asAdmin().get("/api/v1/drills/" + drill + "/runs").then().body("items.run", equalTo(List.of(1)));
    }

    @Test
    void scheduleStartsOneRunPerFire() {
        // given: a dry-run drill scheduled every 2 seconds
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        Fixtures.createCluster(region);
        String service = createWorkload(null, List.of(region), 1, 2);
        String drill = Api.uniqueName("drill");

        // when
        asAdmin()
                .body(Map.of(
                        "name",
                        drill,
                        "type",
                        "region-evacuation",
                        "target",
                        region,
                        "scope",
                        Map.of("services", List.of(service)),
                        "schedule",
                        "0/2 * * * * ?"))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);

        // then
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(asAdmin()
                                .get("/api/v1/drills/" + drill + "/runs")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items.startedBy"))
                        .contains("system:schedule"));
        asAdmin().delete("/api/v1/drills/" + drill).then().statusCode(204);
    }

    private static JsonPath startDryRun(String drill) {
        return asAdmin()
                .body(Map.of("dryRun", true))
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static void awaitConverged(String cluster) {
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/clusters/" + cluster + "/status")
                        .then()
                        .body("connected", equalTo(true))
                        .body("revisionLag", equalTo(0)));
    }

    private static String createDrill(String region, String service) {
        String name = Api.uniqueName("drill");
        asAdmin()
                .body(Map.of(
                        "name",
                        name,
                        "type",
                        "region-evacuation",
                        "target",
                        region,
                        "scope",
                        Map.of("services", List.of(service))))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);
        return name;
    }

    /** Creates a workload with a Service and a scaling policy, platform-owned when the tenant is null. */
    private static String createWorkload(String tenant, List<String> regions, int min, int max) {
        String name = Api.uniqueName("svc");
        Map<String, Object> body = new LinkedHashMap<>(Fixtures.workloadBody(name, regions, true));
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        asAdmin().body(body).post("/api/v1/workloads").then().statusCode(201);
        asAdmin()
                .body(Map.of("minReplicas", min, "maxReplicas", max, "targetCpuUtilization", 70))
                .put("/api/v1/workloads/" + name + "/scaling-policy")
                .then()
                .statusCode(200);
        return name;
    }
}
