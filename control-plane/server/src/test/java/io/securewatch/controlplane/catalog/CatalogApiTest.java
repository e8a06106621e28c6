package io.securewatch.controlplane.catalog;

import static io.restassured.RestAssured.given;
import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.controlplane.support.Api;
import io.securewatch.testsupport.consul.ConsulFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The global catalog against two Consul fakes, one per region, as the leader's catalog watch reads them. */
@QuarkusTest
@QuarkusTestResource(value = ConsulFakes.class, restrictToAnnotatedClass = true)
class CatalogApiTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void registeredServiceFollowsConsul() {
        // given
        String service = Api.uniqueName("svc");

        // when: an agent registers two instances in eu-west-1, one of them failing its check
        register(ConsulFakes.euWest, service, service + "-1", "passing");
        register(ConsulFakes.euWest, service, service + "-2", "critical");

        // then
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/services/" + service)
                        .then()
                        .statusCode(200)
                        .body("tenant", equalTo("acme"))
                        .body("regions[0].region", equalTo("eu-west-1"))
                        .body("regions[0].instances", equalTo(2))
                        .body("regions[0].healthy", equalTo(1))
                        .body("regions[0].stale", equalTo(false))
                        .body("instances.find { it.id == '" + service + "-1' }.cluster", equalTo("eu-west-1-a")));

        // when: the failing instance recovers, and the other leaves
        ConsulFakes.euWest.setCheckStatus("service:" + service + "-2", "passing", "ok");
        deregister(ConsulFakes.euWest, service + "-1");

        // then
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/services/" + service)
                        .then()
                        .body("regions[0].instances", equalTo(1))
                        .body("regions[0].healthy", equalTo(1)));
    }

    @Test
    void controlPlaneReplicaRegistersItself() {
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/services/securewatch-control-plane")
                        .then()
                        .statusCode(200)
                        .body("regions[0].region", equalTo("eu-west-1"))
                        .body("regions[0].healthy", equalTo(1))
                        .body("instances[0].address", equalTo("127.0.0.1")));
    }

    @Test
    void circuitStateIsExportedPerDatacenter() {
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(given().get("/metrics")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString())
                        .contains("securewatch_catalog_circuit_open{datacenter=\"eu-west-1\"}"));
    }

    @Test
    void indexResetIsFollowedByAFreshRead() {
        // given
        String before = Api.uniqueName("svc");
        register(ConsulFakes.usEast, before, before + "-1", "passing");
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> asAdmin().get("/api/v1/services/" + before).then().statusCode(200));

        // when: Consul's index goes backwards, as after a snapshot restore, and a service registers afterwards
        ConsulFakes.usEast.resetIndex();
        String after = Api.uniqueName("svc");
        register(ConsulFakes.usEast, after, after + "-1", "passing");

        // then
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/services/" + after)
                        .then()
                        .statusCode(200)
                        .body("regions[0].region", equalTo("us-east-1")));
    }

    @Test
    void unreachableRegionTurnsStale() {
        // given: a service in both regions
        String service = Api.uniqueName("svc");
        register(ConsulFakes.euWest, service, service + "-eu", "passing");
        register(ConsulFakes.usEast, service, service + "-us", "passing");
        await().atMost(WITHIN)
                .untilAsserted(() ->
                        asAdmin().get("/api/v1/services/" + service).then().body("regions.size()", equalTo(2)));

        // when
        ConsulFakes.usEast.setAvailable(false);
        try {
            // then: us-east-1 keeps its last known instance, marked stale with the failure; eu-west-1 stays fresh
            await().atMost(WITHIN)
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/services/" + service)
                            .then()
                            .body("regions.find { it.region == 'us-east-1' }.stale", equalTo(true))
                            .body("regions.find { it.region == 'us-east-1' }.instances", equalTo(1))
                            .body("regions.find { it.region == 'us-east-1' }.circuit", equalTo("open"))
                            .body("regions.find { it.region == 'eu-west-1' }.stale", equalTo(false))
                            .body("regions.find { it.region == 'eu-west-1' }.circuit", equalTo("closed")));
            String lastError = asAdmin()
                    .get("/api/v1/services/" + service)
                    .then()
                    .extract()
                    .path("regions.find { it.region == 'us-east-1' }.lastError");
            assertThat(lastError).isNotBlank();

            // then: the region's status and its clusters' status show the same state of its Consul
            await().atMost(WITHIN)
                    .untilAsserted(() -> as(Api.VIEWER)
                            .get("/api/v1/regions/us-east-1/status")
                            .then()
                            .statusCode(200)
                            .body("consul.datacenter", equalTo("us-east-1"))
                            .body("consul.stale", equalTo(true))
                            .body("consul.circuit", equalTo("open"))
                            .body("consul.staleForSeconds", notNullValue())
                            .body("consul.lastContactAt", notNullValue()));
            String regionError = as(Api.VIEWER)
                    .get("/api/v1/regions/us-east-1/status")
                    .then()
                    .extract()
                    .path("consul.lastError");
            assertThat(regionError).isNotBlank();
            await().atMost(WITHIN)
                    .untilAsserted(() -> as(Api.VIEWER)
                            .get("/api/v1/clusters/us-east-1-a/status")
                            .then()
                            .statusCode(200)
                            .body("regionConsul.datacenter", equalTo("us-east-1"))
                            .body("regionConsul.stale", equalTo(true))
                            .body("regionConsul.circuit", equalTo("open")));
        } finally {
            ConsulFakes.usEast.setAvailable(true);
        }

        // then: once Consul responds again, the region is fresh again
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/services/" + service)
                        .then()
                        .body("regions.find { it.region == 'us-east-1' }.stale", equalTo(false))
                        .body("regions.find { it.region == 'us-east-1' }.circuit", equalTo("closed")));
        await().atMost(WITHIN)
                .untilAsserted(() -> as(Api.VIEWER)
                        .get("/api/v1/regions/us-east-1/status")
                        .then()
                        .body("consul.stale", equalTo(false))
                        .body("consul.circuit", equalTo("closed"))
                        .body("consul.lastError", nullValue()));
    }

    @Test
    void regionStatusShowsReachableConsul() {
        // when / then: the watch has reached eu-west-1's Consul, so the region's entries are fresh
        await().atMost(WITHIN)
                .untilAsserted(() -> as(Api.VIEWER)
                        .get("/api/v1/regions/eu-west-1/status")
                        .then()
                        .statusCode(200)
                        .body("region", equalTo("eu-west-1"))
                        .body("status", equalTo("active"))
                        .body("consul.datacenter", equalTo("eu-west-1"))
                        .body("consul.address", equalTo(ConsulFakes.euWest.baseUrl()))
                        .body("consul.circuit", equalTo("closed"))
                        .body("consul.stale", equalTo(false))
                        .body("consul.lastContactAt", notNullValue())
                        .body("consul.staleForSeconds", nullValue())
                        .body("consul.lastError", nullValue()));
    }

    @Test
    void unwatchedRegionStatusHasNoConsul() {
        // when: eu-central-1 has no Consul address in the configuration
        io.restassured.response.Response status = as(Api.VIEWER).get("/api/v1/regions/eu-central-1/status");

        // then
        status.then().statusCode(200).body("region", equalTo("eu-central-1"));
        assertThat(status.jsonPath().getMap("")).doesNotContainKey("consul");
    }

    @Test
    void clusterStatusShowsRegionConsul() {
        // when / then
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/clusters/eu-west-1-a/status")
                        .then()
                        .statusCode(200)
                        .body("cluster", equalTo("eu-west-1-a"))
                        .body("regionConsul.datacenter", equalTo("eu-west-1"))
                        .body("regionConsul.address", equalTo(ConsulFakes.euWest.baseUrl()))
                        .body("regionConsul.circuit", equalTo("closed"))
                        .body("regionConsul.stale", equalTo(false)));
        assertThat(asAdmin()
                        .get("/api/v1/clusters/eu-central-1-a/status")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap(""))
                .doesNotContainKey("regionConsul");
    }

    @Test
    void slowRegionHoldsUpNoOtherRegion() {
        // given: us-east-1's Consul takes 5 s for every request
        ConsulFakes.usEast.setLatency(Duration.ofSeconds(5));
        try {
            String service = Api.uniqueName("svc");

            // when
            register(ConsulFakes.euWest, service, service + "-1", "passing");

            // then: eu-west-1's change reaches the catalog well before a single us-east-1 request could finish
            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/services/" + service)
                            .then()
                            .statusCode(200)
                            .body("regions[0].region", equalTo("eu-west-1")));
        } finally {
            ConsulFakes.usEast.setLatency(Duration.ZERO);
        }
    }

    @Test
    void tenantAdminSeesOnlyItsTenantsServices() {
        // given
        String acme = Api.uniqueName("svc");
        String globex = Api.uniqueName("svc");
        register(ConsulFakes.euWest, acme, acme + "-1", "passing");
        registerFor(ConsulFakes.euWest, globex, globex + "-1", "passing", "globex");
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> asAdmin().get("/api/v1/services/" + globex).then().statusCode(200));

        // when / then
        as(Api.ACME_ADMIN).get("/api/v1/services/" + acme).then().statusCode(200);
        as(Api.ACME_ADMIN).get("/api/v1/services/" + globex).then().statusCode(404);
        List<String> names = as(Api.ACME_ADMIN)
                .queryParam("limit", 500)
                .get("/api/v1/services")
                .then()
                .statusCode(200)
                .extract()
                .path("items.service");
        assertThat(names).contains(acme).doesNotContain(globex);
        asAdmin().get("/api/v1/services/no-such-service").then().statusCode(404);
        asAdmin().urlEncodingEnabled(false).get("/api/v1/services/x%00y").then().statusCode(404);
    }

    @Test
    void pagesWalkTheCatalogInNameOrder() {
        // given
        String first = Api.uniqueName("svc");
        String second = Api.uniqueName("svc");
        register(ConsulFakes.euWest, first, first + "-1", "passing");
        register(ConsulFakes.euWest, second, second + "-1", "passing");
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> asAdmin().get("/api/v1/services/" + second).then().statusCode(200));

        // when
        io.restassured.response.Response page = asAdmin().queryParam("limit", 1).get("/api/v1/services");
        String cursor = page.then().statusCode(200).extract().path("nextCursor");
        String firstName = page.then().extract().path("items[0].service");
        String nextName = asAdmin()
                .queryParam("limit", 1)
                .queryParam("cursor", cursor)
                .get("/api/v1/services")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].service");

        // then
        assertThat(cursor).isNotNull();
        assertThat(nextName).isGreaterThan(firstName);
        asAdmin().queryParam("limit", 0).get("/api/v1/services").then().statusCode(400);
    }

    private static void register(ConsulFake consul, String service, String id, String status) {
        registerFor(consul, service, id, status, "acme");
    }

    private static void registerFor(ConsulFake consul, String service, String id, String status, String tenant) {
        Map<String, Object> check = Map.of("CheckID", "service:" + id, "Name", "ready", "TTL", "1h", "Status", status);
        given().baseUri(consul.baseUrl())
                .contentType("application/json")
                .body(Map.of(
                        "ID",
                        id,
                        "Name",
                        service,
                        "Address",
                        "10.0.0.7",
                        "Port",
                        8080,
                        "Tags",
                        List.of("tenant=" + tenant, "cluster=" + consul.datacenter() + "-a"),
                        "Check",
                        check))
                .put("/v1/agent/service/register")
                .then()
                .statusCode(200);
    }

    private static void deregister(ConsulFake consul, String id) {
        given().baseUri(consul.baseUrl())
                .put("/v1/agent/service/deregister/" + id)
                .then()
                .statusCode(200);
    }
}
