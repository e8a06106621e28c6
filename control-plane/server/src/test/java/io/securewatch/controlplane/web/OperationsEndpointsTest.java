package io.securewatch.controlplane.web;

import static io.restassured.RestAssured.given;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void livenessIsUpAndIndependentOfTheDatabase() {
        given().get("/health/live")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(containsString("PostgreSQL"))))
                .body("checks.name", not(hasItem(containsString("Database"))));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().get("/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        asAdmin().get("/api/v1/regions").then().statusCode(200);

        given().get("/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void openApiDescribesTheInventory() {
        given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/regions/{region}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/regions/{region}/status"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/audit-events"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drills"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/drills/{drill}"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("Problem"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("RegionHealth"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("ConsulHealth"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("Drill"))
                .body("components.schemas", org.hamcrest.Matchers.hasKey("DrillGuardrails"));
    }

    @Test
    void requestIdFromClientIsEchoed() {
        asAdmin()
                .header("X-Request-Id", "client-chosen.id-1")
                .get("/api/v1/regions")
                .then()
                .header("X-Request-Id", "client-chosen.id-1");
    }

    @Test
    void unusableRequestIdIsReplaced() {
        asAdmin()
                .header("X-Request-Id", "bad id with spaces")
                .get("/api/v1/regions")
                .then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void unknownPathIsProblemJson() {
        asAdmin()
                .get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void wrongMethodListsAllowedMethods() {
        asAdmin()
                .patch("/api/v1/regions/eu-west-1")
                .then()
                .statusCode(405)
                .header("Allow", "DELETE, GET, HEAD, OPTIONS, PUT")
                .contentType("application/problem+json");
    }

    @Test
    void optionsListsMethodsOfRequestedPath() {
        // given: each path with the methods that its resource methods accept, HEAD wherever GET is. The path of the
        // kill switch also matches /api/v1/drills/{drill}, whose GET, PUT and DELETE serve a drill named kill-switch.
        Map<String, String> allowByPath = Map.of(
                "/api/v1/regions", "GET, HEAD, OPTIONS, POST",
                "/api/v1/regions/eu-west-1", "DELETE, GET, HEAD, OPTIONS, PUT",
                "/api/v1/regions/eu-west-1/status", "GET, HEAD, OPTIONS",
                "/api/v1/workloads/checkout/pre-scale", "DELETE, GET, HEAD, OPTIONS, POST",
                "/api/v1/drills/evacuate-eu-west-1/runs", "GET, HEAD, OPTIONS, POST",
                "/api/v1/drills/evacuate-eu-west-1/runs/1/abort", "OPTIONS, POST",
                "/api/v1/drills/kill-switch", "DELETE, GET, HEAD, OPTIONS, POST, PUT");

        allowByPath.forEach((path, allow) -> {
            // when
            Response response = asAdmin().options(path);

            // then
            response.then().statusCode(200);
            assertThat(response.header("Allow")).as(path).isEqualTo(allow);
        });
    }

    @Test
    void optionsOfUnknownPathIsNotFound() {
        asAdmin().options("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void unknownQueryParameterIsRejected() {
        asAdmin()
                .queryParam("teir", "dedicated")
                .get("/api/v1/tenants")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("teir"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("tier"));
    }

    @Test
    void repeatedSingleQueryParameterIsRejected() {
        asAdmin()
                .queryParam("limit", 1)
                .queryParam("limit", 2)
                .get("/api/v1/regions")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void queryParameterOnSingleObjectIsRejected() {
        asAdmin()
                .queryParam("expand", "all")
                .get("/api/v1/regions/eu-west-1")
                .then()
                .statusCode(400);
    }
}
