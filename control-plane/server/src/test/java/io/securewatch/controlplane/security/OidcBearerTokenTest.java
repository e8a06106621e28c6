package io.securewatch.controlplane.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcBearerTokenTest {

    @Test
    void platformAdminRoleFromTokenGrantsWrites() {
        String token = token("alice", List.of(Roles.PLATFORM_ADMIN), null).sign(TestSigningKeys.privateKey());
        String name = "oidc-" + Long.toHexString(System.nanoTime());

        bearer(token)
                .body(Map.of("name", name, "displayName", "OIDC region", "residencyZone", "EU"))
                .post("/api/v1/regions")
                .then()
                .statusCode(201);

        bearer(token)
                .queryParam("objectId", name)
                .get("/api/v1/audit-events")
                .then()
                .statusCode(200)
                .body("items[0].actor", equalTo("alice"));
    }

    @Test
    void tenantAdminSeesOnlyClaimedTenant() {
        String token = token("bob", List.of(Roles.TENANT_ADMIN), "acme").sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/tenants").then().statusCode(200).body("items.slug", equalTo(List.of("acme")));
        bearer(token).get("/api/v1/tenants/globex").then().statusCode(404);
        bearer(token)
                .get("/api/v1/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("bob"))
                .body("roles", equalTo(List.of(Roles.TENANT_ADMIN)))
                .body("tenant", equalTo("acme"));
    }

    @Test
    void tenantAdminWithoutTenantClaimIsForbidden() {
        String token = token("carol", List.of(Roles.TENANT_ADMIN), null).sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    void tokenWithoutSecureWatchRoleIsForbidden() {
        String token = token("dave", List.of("offline_access"), null).sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/regions").then().statusCode(403);
    }

    @Test
    void groupMembershipGrantsMappedRole() {
        String token = token("gina", List.of(), null)
                .claim("groups", List.of("/securewatch/operators", "/other"))
                .sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/me").then().statusCode(200).body("roles", equalTo(List.of(Roles.OPERATOR)));
        bearer(token).get("/api/v1/regions").then().statusCode(200);
    }

    @Test
    void unmappedGroupGrantsNothing() {
        String token = token("hank", List.of(), null)
                .claim("groups", List.of("/securewatch/admins"))
                .sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/regions").then().statusCode(403);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = token("erin", List.of(Roles.VIEWER), null)
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/regions").then().statusCode(401);
    }

    @Test
    void tokenFromAnotherIssuerIsRejected() {
        String token = token("frank", List.of(Roles.VIEWER), null)
                .issuer("https://elsewhere.test")
                .sign(TestSigningKeys.privateKey());

        bearer(token).get("/api/v1/regions").then().statusCode(401);
    }

    @Test
    void builtInUsersAreDisabled() {
        given().auth()
                .preemptive()
                .basic("admin", "admin")
                .get("/api/v1/regions")
                .then()
                .statusCode(401);
    }

    @Test
    void missingTokenIsUnauthenticated() {
        given().get("/api/v1/regions").then().statusCode(401).contentType("application/problem+json");
    }

    private static JwtClaimsBuilder token(String user, List<String> roles, String tenant) {
        JwtClaimsBuilder claims = Jwt.issuer(OidcProfile.ISSUER)
                .subject(user)
                .claim("preferred_username", user)
                .claim("realm_access", Map.of("roles", roles))
                .expiresIn(300);
        if (tenant != null) {
            claims.claim("securewatch_tenant", tenant);
        }
        return claims;
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token).contentType("application/json").accept("application/json");
    }
}
