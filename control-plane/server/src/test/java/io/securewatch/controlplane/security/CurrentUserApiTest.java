package io.securewatch.controlplane.security;

import static io.restassured.RestAssured.given;
import static io.securewatch.controlplane.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CurrentUserApiTest {

    @Test
    void platformUserHasRolesAndNoTenant() {
        // when / then
        as("operator")
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("operator"))
                .body("roles", equalTo(List.of("operator")))
                .body("tenant", nullValue());
    }

    @Test
    void tenantAdminSeesItsTenant() {
        // when / then
        as("acme-admin")
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("acme-admin"))
                .body("roles", equalTo(List.of("tenant-admin")))
                .body("tenant", equalTo("acme"));
    }

    @Test
    void anonymousCallerIsRejected() {
        // when / then
        given().get("/api/v1/me").then().statusCode(401);
    }
}
