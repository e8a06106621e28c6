package io.securewatch.controlplane.region;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
class RegionApiTest {

    private static final String REGIONS = "/api/v1/regions";

    @Test
    void createdRegionCanBeReadBackWithItsETag() {
        // given
        String name = Api.uniqueName("r");
        Map<String, Object> body = new HashMap<>(Fixtures.regionBody(name, "EU"));
        body.put("consulDatacenter", name + "_dc");

        // when
        Response created = asAdmin().body(body).post(REGIONS);

        // then
        created.then()
                .statusCode(201)
                .header("Location", containsString(REGIONS + "/" + name))
                .header("ETag", "\"0\"")
                .body("name", equalTo(name))
                .body("consulDatacenter", equalTo(name + "_dc"))
                .body("status", equalTo("active"));
        as(Api.VIEWER)
                .get(REGIONS + "/" + name)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("displayName", equalTo("Region " + name))
                .body("residencyZone", equalTo("EU"));
    }

    @Test
    void consulDatacenterDefaultsToRegionName() {
        String name = Fixtures.createRegion("EU");

        asAdmin().get(REGIONS + "/" + name).then().body("consulDatacenter", equalTo(name));
    }

    @Test
    void invalidRegionListsEveryBadField() {
        // given
        Map<String, Object> body =
                Map.of("name", "Not_A_Label", "displayName", "", "residencyZone", "eu", "consulDatacenter", "Bad DC");

        // when
        Response response = asAdmin().body(body).post(REGIONS);

        // then
        response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:securewatch:problem:invalid-request"))
                .body("errors.field", equalTo(List.of("consulDatacenter", "displayName", "name", "residencyZone")));
    }

    @Test
    void missingNameIsRejectedOnCreate() {
        asAdmin()
                .body(Map.of("displayName", "No name", "residencyZone", "EU"))
                .post(REGIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("is required"));
    }

    @Test
    void duplicateNameIsConflict() {
        String name = Fixtures.createRegion("EU");

        asAdmin()
                .body(Fixtures.regionBody(name, "EU"))
                .post(REGIONS)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:already-exists"))
                .body("detail", containsString(name));
    }

    @Test
    void consulDatacenterOfAnotherRegionIsConflict() {
        String first = Fixtures.createRegion("EU");
        Map<String, Object> body = new HashMap<>(Fixtures.regionBody(Api.uniqueName("r"), "EU"));
        body.put("consulDatacenter", first);

        asAdmin().body(body).post(REGIONS).then().statusCode(409).body("errors[0].field", equalTo("consulDatacenter"));
    }

    @Test
    void updateWithCurrentETagChangesRegionAndBumpsVersion() {
        // given
        String name = Fixtures.createRegion("EU");
        Map<String, Object> change = Map.of("displayName", "Renamed", "residencyZone", "EU", "status", "draining");

        // when
        Response updated = asAdmin().header("If-Match", "\"0\"").body(change).put(REGIONS + "/" + name);

        // then
        updated.then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("draining"))
                .body("displayName", equalTo("Renamed"))
                .body("version", equalTo(1));
    }

    @Test
    void updateWithStaleETagIsPreconditionFailed() {
        String name = Fixtures.createRegion("EU");
        Map<String, Object> change = Map.of("displayName", "First", "residencyZone", "EU");
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(change)
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(200);

        asAdmin()
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Second", "residencyZone", "EU"))
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(412)
                .body("type", equalTo("urn:securewatch:problem:precondition-failed"));
        asAdmin().get(REGIONS + "/" + name).then().body("displayName", equalTo("First"));
    }

    @Test
    void updateWithWeakETagIsRejected() {
        // given
        String name = Fixtures.createRegion("EU");

        // when
        Response weak = asAdmin()
                .header("If-Match", "W/\"0\"")
                .body(Map.of("displayName", "Weak", "residencyZone", "EU"))
                .put(REGIONS + "/" + name);

        // then
        weak.then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:securewatch:problem:precondition-failed"))
                .body("detail", containsString("weak ETags are not accepted for writes"))
                .body("detail", containsString("send the strong ETag from your last GET"));
        asAdmin().get(REGIONS + "/" + name).then().header("ETag", "\"0\"");
    }

    @Test
    void updateWithoutIfMatchIsPreconditionRequired() {
        String name = Fixtures.createRegion("EU");

        asAdmin()
                .body(Map.of("displayName", "x", "residencyZone", "EU"))
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(428)
                .body("detail", containsString("If-Match"));
    }

    @Test
    void updateThatChangesNothingKeepsVersion() {
        String name = Fixtures.createRegion("EU");

        asAdmin()
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "Region " + name, "residencyZone", "EU"))
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"");
    }

    @Test
    void renameThroughUpdateIsRejected() {
        String name = Fixtures.createRegion("EU");

        asAdmin()
                .header("If-Match", "*")
                .body(Map.of("name", "other-name", "displayName", "x", "residencyZone", "EU"))
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void zoneChangeThatStrandsTenantIsConflict() {
        // given
        String region = Fixtures.createRegion("EU");
        Fixtures.createTenant(List.of("EU"), List.of(region));

        // when
        Response response = asAdmin()
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "moved", "residencyZone", "US"))
                .put(REGIONS + "/" + region);

        // then
        response.then().statusCode(409).body("detail", containsString("residencyZone"));
        asAdmin().get(REGIONS + "/" + region).then().body("residencyZone", equalTo("EU"));
    }

    @Test
    void deleteRemovesUnusedRegion() {
        String name = Fixtures.createRegion("EU");

        asAdmin().delete(REGIONS + "/" + name).then().statusCode(204);

        asAdmin()
                .get(REGIONS + "/" + name)
                .then()
                .statusCode(404)
                .body("type", equalTo("urn:securewatch:problem:not-found"));
    }

    @Test
    void deleteOfRegionWithClustersIsConflict() {
        String region = Fixtures.createRegion("EU");
        String cluster = Fixtures.createCluster(region);

        asAdmin()
                .delete(REGIONS + "/" + region)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:has-dependants"))
                .body("detail", containsString(cluster));
        asAdmin().get(REGIONS + "/" + region).then().statusCode(200);
    }

    @Test
    void deleteOfRegionUsedByTenantIsConflict() {
        String region = Fixtures.createRegion("EU");
        String tenant = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin().delete(REGIONS + "/" + region).then().statusCode(409).body("detail", containsString(tenant));
    }

    @Test
    void deleteWithStaleIfMatchIsPreconditionFailed() {
        String name = Fixtures.createRegion("EU");

        asAdmin()
                .header("If-Match", "\"5\"")
                .delete(REGIONS + "/" + name)
                .then()
                .statusCode(412);

        asAdmin().get(REGIONS + "/" + name).then().statusCode(200);
    }

    @Test
    void listPagesThroughFilteredRegionsWithCursor() {
        // given
        String zone = Api.uniqueZone();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(Fixtures.createRegion(zone));
        }
        created.sort(String::compareTo);

        // when
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(Api.VIEWER).queryParam("residencyZone", zone).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(REGIONS);
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.name", String.class));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        // then
        assertThat(seen).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listFiltersByStatus() {
        String zone = Api.uniqueZone();
        String active = Fixtures.createRegion(zone);
        String draining = Fixtures.createRegion(zone);
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "d", "residencyZone", zone, "status", "draining"))
                .put(REGIONS + "/" + draining)
                .then()
                .statusCode(200);

        asAdmin()
                .queryParam("residencyZone", zone)
                .queryParam("status", "draining")
                .get(REGIONS)
                .then()
                .statusCode(200)
                .body("items.name", equalTo(List.of(draining)))
                .body("nextCursor", nullValue());
        asAdmin()
                .queryParam("residencyZone", zone)
                .get(REGIONS)
                .then()
                .body("items.name", hasItem(active))
                .body("items", hasSize(2));
    }

    @Test
    void statusOfNewRegionCountsClusters() {
        // given: a region without Consul, with a cluster whose agent never connected
        String region = Fixtures.createRegion("EU");
        Fixtures.createCluster(region);

        // when
        Response status = as(Api.VIEWER).get(REGIONS + "/" + region + "/status");

        // then
        status.then()
                .statusCode(200)
                .body("region", equalTo(region))
                .body("status", equalTo("active"))
                .body("clusters", equalTo(1))
                .body("connectedClusters", equalTo(0));
        assertThat(status.jsonPath().getMap("")).doesNotContainKey("consul");
    }

    @Test
    void statusOfMissingRegionIsNotFound() {
        // when
        Response status = as(Api.VIEWER).get(REGIONS + "/no-such-region/status");

        // then
        status.then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:securewatch:problem:not-found"))
                .body("detail", equalTo("region 'no-such-region' not found"));
    }

    @Test
    void invalidListParametersAreRejected() {
        asAdmin()
                .queryParam("status", "gone")
                .get(REGIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        asAdmin()
                .queryParam("limit", "0")
                .get(REGIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        asAdmin().queryParam("limit", "501").get(REGIONS).then().statusCode(400);
        asAdmin()
                .queryParam("cursor", "not-a-cursor")
                .get(REGIONS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void operatorMayUpdateButNotCreateOrDelete() {
        String name = Fixtures.createRegion("EU");

        as(Api.OPERATOR)
                .body(Fixtures.regionBody(Api.uniqueName("r"), "EU"))
                .post(REGIONS)
                .then()
                .statusCode(403);
        as(Api.OPERATOR).delete(REGIONS + "/" + name).then().statusCode(403);
        as(Api.OPERATOR)
                .header("If-Match", "\"0\"")
                .body(Map.of("displayName", "by operator", "residencyZone", "EU"))
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(200);
    }

    @Test
    void viewerCannotChangeRegions() {
        String name = Fixtures.createRegion("EU");

        as(Api.VIEWER)
                .header("If-Match", "*")
                .body(Map.of("displayName", "x", "residencyZone", "EU"))
                .put(REGIONS + "/" + name)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
