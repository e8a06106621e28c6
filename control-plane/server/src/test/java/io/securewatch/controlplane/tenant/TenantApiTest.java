package io.securewatch.controlplane.tenant;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantApiTest {

    private static final String TENANTS = "/api/v1/tenants";

    @Test
    void createdTenantIsReadyWithSortedRegions() {
        // given
        String zone = Api.uniqueZone();
        String first = Fixtures.createRegion(zone);
        String second = Fixtures.createRegion(zone);
        String slug = Api.uniqueName("t");

        // when
        Response created = asAdmin()
                .body(Fixtures.tenantBody(slug, List.of(zone), List.of(second, first)))
                .post(TENANTS);

        // then the tenant is created, and made ready in the same request, since nothing has to wait
        created.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("status", equalTo("ready"))
                .body(
                        "regions",
                        equalTo(List.of(first, second).stream().sorted().toList()))
                .body("quota.pods", equalTo(50));
        as(Api.VIEWER).get(TENANTS + "/" + slug).then().statusCode(200).body("tier", equalTo("shared"));
    }

    @Test
    void quotaAboveTierLimitIsRejectedPerField() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String slug = Api.uniqueName("t");
        Map<String, Object> body = new HashMap<>(Fixtures.tenantBody(slug, List.of(zone), List.of(region)));
        body.put("quota", Map.of("cpuMillis", 300_000, "memoryBytes", 8589934592L, "pods", 6000));

        // when / then: a shared tenant cannot have 300 cores or 6000 pods
        asAdmin()
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("quota.cpuMillis", "quota.pods")))
                .body(
                        "errors[0].message",
                        equalTo("must be at most 256000 = 256 cores for tier shared (got 300000 = 300 cores); choose"
                                + " tier dedicated for a larger quota"));
        asAdmin().get(TENANTS + "/" + slug).then().statusCode(404);

        // and a dedicated tenant can
        body.put("tier", "dedicated");
        asAdmin().body(body).post(TENANTS).then().statusCode(201).body("quota.pods", equalTo(6000));
    }

    @Test
    void updateAboveTierLimitKeepsStoredQuota() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));
        Map<String, Object> body = new HashMap<>(Fixtures.tenantBody(slug, List.of(zone), List.of(region)));
        body.put("quota", Map.of("cpuMillis", 4000, "memoryBytes", 2L << 40, "pods", 50));

        // when / then
        asAdmin()
                .header("If-Match", "\"1\"")
                .body(body)
                .put(TENANTS + "/" + slug)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("quota.memoryBytes")));
        asAdmin()
                .get(TENANTS + "/" + slug)
                .then()
                .header("ETag", "\"1\"")
                .body("quota.memoryBytes", equalTo(8589934592L));
    }

    @Test
    void regionOutsideResidencyZonesIsRejected() {
        // given
        String euRegion = Fixtures.createRegion("EU");
        String usRegion = Fixtures.createRegion("US");
        String slug = Api.uniqueName("t");

        // when
        Response response = asAdmin()
                .body(Fixtures.tenantBody(slug, List.of("EU"), List.of(euRegion, usRegion)))
                .post(TENANTS);

        // then
        response.then()
                .statusCode(400)
                .body("errors[0].field", equalTo("regions[1]"))
                .body("errors[0].message", containsString("residency zone US"));
        asAdmin().get(TENANTS + "/" + slug).then().statusCode(404);
    }

    @Test
    void twoZoneTenantUsesBothZones() {
        String euRegion = Fixtures.createRegion("EU");
        String usRegion = Fixtures.createRegion("US");

        asAdmin()
                .body(Fixtures.tenantBody(Api.uniqueName("t"), List.of("EU", "US"), List.of(euRegion, usRegion)))
                .post(TENANTS)
                .then()
                .statusCode(201);
    }

    @Test
    void unknownAndRepeatedRegionsAreEachReported() {
        String region = Fixtures.createRegion("EU");

        asAdmin()
                .body(Fixtures.tenantBody(
                        Api.uniqueName("t"), List.of("EU", "EU"), List.of(region, "nowhere-1", region)))
                .post(TENANTS)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("regions[1]", "regions[2]", "residencyZones[1]")));
    }

    @Test
    void emptyZonesAndRegionsAreRejected() {
        asAdmin()
                .body(Fixtures.tenantBody(Api.uniqueName("t"), List.of(), List.of()))
                .post(TENANTS)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("regions", "residencyZones")));
    }

    @Test
    void slugLongerThanNamespaceAllowsIsRejected() {
        String slug = "t" + "a".repeat(56);

        asAdmin()
                .body(Fixtures.tenantBody(slug, List.of("EU"), List.of("eu-west-1")))
                .post(TENANTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("slug"));
    }

    @Test
    void invalidSlugMessageGivesSlugLimit() {
        // when
        Response created = asAdmin()
                .body(Fixtures.tenantBody("Hooli", List.of("EU"), List.of("eu-west-1")))
                .post(TENANTS);

        // then
        created.then()
                .statusCode(400)
                .body("errors[0].field", equalTo("slug"))
                .body("errors[0].message", containsString("1 to 56 lowercase letters"));
    }

    @Test
    void invalidQuotaNamesEachField() {
        Map<String, Object> body =
                new HashMap<>(Fixtures.tenantBody(Api.uniqueName("t"), List.of("EU"), List.of("eu-west-1")));
        body.put("quota", Map.of("cpuMillis", 0, "memoryBytes", -5, "pods", 1_000_001));

        asAdmin()
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("quota.cpuMillis", "quota.memoryBytes", "quota.pods")));
    }

    @Test
    void updateChangesRegionsAndQuota() {
        // given
        String zone = Api.uniqueZone();
        String first = Fixtures.createRegion(zone);
        String second = Fixtures.createRegion(zone);
        String slug = Fixtures.createTenant(List.of(zone), List.of(first));
        Map<String, Object> change = new HashMap<>(Fixtures.tenantBody(slug, List.of(zone), List.of(second)));
        change.remove("slug");
        change.put("quota", Map.of("cpuMillis", 9000, "memoryBytes", 1024, "pods", 7));

        // when
        Response updated =
                as(Api.OPERATOR).header("If-Match", "\"1\"").body(change).put(TENANTS + "/" + slug);

        // then
        updated.then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("regions", equalTo(List.of(second)))
                .body("quota.cpuMillis", equalTo(9000));
        asAdmin().delete("/api/v1/regions/" + first).then().statusCode(204);
    }

    @Test
    void updateBreakingResidencyChangesNothing() {
        String region = Fixtures.createRegion("EU");
        String usRegion = Fixtures.createRegion("US");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin()
                .header("If-Match", "\"1\"")
                .body(Fixtures.tenantBody(slug, List.of("EU"), List.of(usRegion)))
                .put(TENANTS + "/" + slug)
                .then()
                .statusCode(400);

        asAdmin().get(TENANTS + "/" + slug).then().header("ETag", "\"1\"").body("regions", equalTo(List.of(region)));
    }

    @Test
    void staleIfMatchIsPreconditionFailed() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin()
                .header("If-Match", "\"9\"")
                .body(Fixtures.tenantBody(slug, List.of("EU"), List.of(region)))
                .put(TENANTS + "/" + slug)
                .then()
                .statusCode(412);
    }

    @Test
    void suspendAndResumeMoveStatusAndAreIdempotent() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        as(Api.OPERATOR)
                .post(TENANTS + "/" + slug + "/suspend")
                .then()
                .statusCode(200)
                .body("status", equalTo("suspended"));
        as(Api.OPERATOR)
                .post(TENANTS + "/" + slug + "/suspend")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        as(Api.OPERATOR)
                .post(TENANTS + "/" + slug + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("ready"));

        asAdmin().get(TENANTS + "/" + slug).then().header("ETag", "\"3\"");
    }

    @Test
    void suspendOfUnknownTenantIsNotFound() {
        as(Api.OPERATOR).post(TENANTS + "/no-such-tenant/suspend").then().statusCode(404);
    }

    @Test
    void deleteRemovesTenantAndFreesItsRegion() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin().delete(TENANTS + "/" + slug).then().statusCode(204);

        asAdmin().get(TENANTS + "/" + slug).then().statusCode(404);
        asAdmin().delete("/api/v1/regions/" + region).then().statusCode(204);
    }

    @Test
    void listFiltersByZoneRegionTierAndStatus() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String shared = Fixtures.createTenant(List.of(zone), List.of(region));
        Map<String, Object> dedicatedBody =
                new HashMap<>(Fixtures.tenantBody(Api.uniqueName("t"), List.of(zone), List.of(region)));
        dedicatedBody.put("tier", "dedicated");
        String dedicated = asAdmin()
                .body(dedicatedBody)
                .post(TENANTS)
                .then()
                .statusCode(201)
                .extract()
                .path("slug");
        asAdmin().post(TENANTS + "/" + shared + "/suspend").then().statusCode(200);

        // when
        List<String> inZone =
                names(as(Api.VIEWER).queryParam("residencyZone", zone).get(TENANTS));
        List<String> inRegion =
                names(as(Api.VIEWER).queryParam("region", region).get(TENANTS));
        List<String> dedicatedOnly = names(as(Api.VIEWER)
                .queryParam("region", region)
                .queryParam("tier", "dedicated")
                .get(TENANTS));
        List<String> suspended = names(as(Api.VIEWER)
                .queryParam("region", region)
                .queryParam("status", "suspended")
                .get(TENANTS));

        // then
        assertThat(inZone)
                .containsExactlyElementsOf(
                        List.of(shared, dedicated).stream().sorted().toList());
        assertThat(inRegion).isEqualTo(inZone);
        assertThat(dedicatedOnly).containsExactly(dedicated);
        assertThat(suspended).containsExactly(shared);
    }

    @Test
    void listPagesWithCursorAndLimit() {
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        for (int i = 0; i < 3; i++) {
            Fixtures.createTenant(List.of(zone), List.of(region));
        }

        Response first =
                asAdmin().queryParam("region", region).queryParam("limit", 2).get(TENANTS);
        String cursor = first.jsonPath().getString("nextCursor");
        Response second = asAdmin()
                .queryParam("region", region)
                .queryParam("limit", 2)
                .queryParam("cursor", cursor)
                .get(TENANTS);

        assertThat(names(first)).hasSize(2);
        assertThat(names(second)).hasSize(1);
        assertThat(second.jsonPath().getString("nextCursor")).isNull();
    }

    private static List<String> names(Response response) {
        response.then().statusCode(200);
        return response.jsonPath().getList("items.slug", String.class);
    }

    @Test
    void suspendWithBodyIsRejected() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin()
                .body(Map.of("reason", "unpaid"))
                .post(TENANTS + "/" + slug + "/suspend")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        asAdmin().get(TENANTS + "/" + slug).then().body("status", equalTo("ready"));
    }

    @Test
    void suspendWithStaleIfMatchIsPreconditionFailed() {
        String region = Fixtures.createRegion("EU");
        String slug = Fixtures.createTenant(List.of("EU"), List.of(region));

        asAdmin()
                .header("If-Match", "\"4\"")
                .post(TENANTS + "/" + slug + "/suspend")
                .then()
                .statusCode(412);

        asAdmin().get(TENANTS + "/" + slug).then().body("status", equalTo("ready"));
    }
}
