package io.securewatch.it.keycloak;

import static io.restassured.RestAssured.given;
import static io.securewatch.it.ItApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItApi;
import io.securewatch.it.ItDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tenant identities in the real Keycloak: creating a tenant creates its organization, admin group, client and first
 * administrator; that administrator's token reaches the tenant and nothing else; an outage of Keycloak in the middle
 * of provisioning leaves the tenant provisioning with the failing step shown until Keycloak returns; deletion
 * disables the identity at once and removes it when the retention period has passed.
 */
class TenantIdentityIT {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private static KeycloakServer keycloak;
    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;

    @BeforeAll
    static void startServers() throws Exception {
        keycloak = KeycloakServer.shared();
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(
                database,
                "tenant-identity",
                Map.ofEntries(
                        Map.entry("QUARKUS_OIDC_TENANT_ENABLED", "true"),
                        Map.entry("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer()),
                        Map.entry("QUARKUS_OIDC_CLIENT_ID", "securewatch-api"),
                        Map.entry("SECUREWATCH_IDENTITY_KEYCLOAK_ENABLED", "true"),
                        Map.entry("SECUREWATCH_IDENTITY_KEYCLOAK_SERVER_URL", keycloak.baseUrl()),
                        Map.entry("SECUREWATCH_IDENTITY_KEYCLOAK_CLIENT_ID", KeycloakServer.PROVISIONER_CLIENT),
                        Map.entry("SECUREWATCH_IDENTITY_KEYCLOAK_CLIENT_SECRET", keycloak.provisionerSecret),
                        // No SMTP server here: the test completes the administrator's actions itself.
                        Map.entry("SECUREWATCH_IDENTITY_KEYCLOAK_SEND_INVITATION", "false"),
                        Map.entry("SECUREWATCH_TENANTS_PROVISIONING_FIRST_BACKOFF", "1s"),
                        Map.entry("SECUREWATCH_TENANTS_PROVISIONING_MAX_BACKOFF", "4s"),
                        // Long enough for the checks between the deletion and the removal.
                        Map.entry("SECUREWATCH_IDENTITY_KEYCLOAK_RETENTION", "20s")));
        controlPlane.start();
    }

    @AfterAll
    static void stopServers() throws Exception {
        try {
            keycloak.restart();
        } finally {
            if (controlPlane != null) {
                controlPlane.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void createdTenantGetsIdentity() {
        // given
        String slug = ItApi.unique("ti");
        String email = "owner@" + slug + ".example";

        // when
        createTenant(slug, email);

        // then the tenant becomes ready once Keycloak contains its objects
        awaitStatus(slug, "ready");
        asAdmin(controlPlane)
                .get("/api/v1/tenants/" + slug + "/provisioning")
                .then()
                .body("steps[0].name", equalTo("identity"))
                .body("steps[0].state", equalTo("done"));
        Map<String, Object> organization = organization(slug);
        assertThat(organization).containsEntry("enabled", true).containsEntry("alias", slug);
        assertThat(realmRoles("/groups/" + group(slug) + "/role-mappings/realm"))
                .contains("tenant-admin");
        Map<String, Object> client = client(slug);
        assertThat(client).containsEntry("enabled", true).containsEntry("serviceAccountsEnabled", true);
        Map<String, Object> user = user(email);
        assertThat((List<String>) user.get("requiredActions")).contains("UPDATE_PASSWORD", "VERIFY_EMAIL");
        assertThat(((Map<String, List<String>>) user.get("attributes")).get(KeycloakServer.TENANT_CLAIM))
                .containsExactly(slug);
        assertThat(keycloak.adminOfRealm()
                        .get("/organizations/" + organization.get("id") + "/members")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("email", String.class))
                .contains(email);

        // when the administrator completes the invitation and signs in
        completeInvitation((String) user.get("id"));
        String token = keycloak.accessToken(email);

        // then the token reaches its own tenant only
        bearer(token).get("/api/v1/tenants/" + slug).then().statusCode(200);
        bearer(token).get("/api/v1/tenants/globex").then().statusCode(404);
        bearer(token).get("/api/v1/tenants").then().statusCode(200).body("items.slug", equalTo(List.of(slug)));

        // and so does a token of the tenant's own client, for its automation
        String secret = keycloak.adminOfRealm()
                .get("/clients/" + client.get("id") + "/client-secret")
                .then()
                .statusCode(200)
                .extract()
                .path("value");
        String machineToken = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "securewatch-tenant-" + slug)
                .formParam("client_secret", secret)
                .post(keycloak.issuer() + "/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        bearer(machineToken).get("/api/v1/tenants/" + slug).then().statusCode(200);
        bearer(machineToken).get("/api/v1/tenants/globex").then().statusCode(404);
    }

    @Test
    void outageKeepsTenantProvisioning() throws Exception {
        // given
        String slug = ItApi.unique("to");
        keycloak.stopForOutage();
        try {
            // when
            createTenant(slug, "owner@" + slug + ".example");

            // then the identity step fails, is retried, and shows why
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> asAdmin(controlPlane)
                            .get("/api/v1/tenants/" + slug + "/provisioning")
                            .then()
                            .body("status", equalTo("provisioning"))
                            .body("steps[0].name", equalTo("identity"))
                            .body("steps[0].state", equalTo("failing"))
                            .body("steps[0].failures", greaterThanOrEqualTo(2))
                            .body("steps[0].lastError", containsString("Keycloak is unreachable")));
            asAdmin(controlPlane).get("/api/v1/tenants/" + slug).then().body("status", equalTo("provisioning"));

            // when the control plane restarts during the outage, then the stored steps go on where they stopped
            controlPlane.stop();
            controlPlane.start();
            asAdmin(controlPlane)
                    .get("/api/v1/tenants/" + slug + "/provisioning")
                    .then()
                    .body("status", equalTo("provisioning"))
                    .body("steps[0].failures", greaterThanOrEqualTo(2));
        } finally {
            // when
            keycloak.restart();
        }

        // then
        awaitStatus(slug, "ready");
        assertThat(organization(slug)).containsEntry("enabled", true);
    }

    @Test
    void deletionDisablesIdentity() {
        // given
        String slug = ItApi.unique("td");
        String email = "owner@" + slug + ".example";
        createTenant(slug, email);
        awaitStatus(slug, "ready");

        // when
        asAdmin(controlPlane).delete("/api/v1/tenants/" + slug).then().statusCode(202);

        // then
        await().atMost(WITHIN)
                .untilAsserted(() -> asAdmin(controlPlane)
                        .get("/api/v1/tenants/" + slug)
                        .then()
                        .statusCode(404));
        assertThat(organization(slug)).containsEntry("enabled", false);
        assertThat(client(slug)).containsEntry("enabled", false);
        assertThat(user(email)).containsEntry("enabled", false);
        asAdmin(controlPlane)
                .body(tenantBody(slug, email))
                .post("/api/v1/tenants")
                .then()
                .statusCode(409)
                .body("detail", containsString("still has its identity in Keycloak"));

        // when the retention has passed
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            // then the organization, its client and its members are gone
            assertThat(found("/organizations", Map.of("search", slug, "exact", true)))
                    .isEmpty();
            assertThat(found("/clients", Map.of("clientId", "securewatch-tenant-" + slug)))
                    .isEmpty();
            assertThat(found("/users", Map.of("email", email, "exact", true))).isEmpty();
        });
        // and the slug is free again
        createTenant(slug, email);
        awaitStatus(slug, "ready");
    }

    private static void createTenant(String slug, String email) {
        asAdmin(controlPlane)
                .body(tenantBody(slug, email))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201)
                .body("status", equalTo("provisioning"));
    }

    private static Map<String, Object> tenantBody(String slug, String email) {
        return Map.of(
                "slug",
                slug,
                "displayName",
                "Tenant " + slug,
                "tier",
                "shared",
                "residencyZones",
                List.of("EU"),
                "regions",
                List.of("eu-west-1"),
                "quota",
                Map.of("cpuMillis", 4000, "memoryBytes", 8589934592L, "pods", 50),
                "adminEmail",
                email);
    }

    private static void awaitStatus(String slug, String status) {
        await().atMost(WITHIN)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> asAdmin(controlPlane)
                        .get("/api/v1/tenants/" + slug)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo(status)));
    }

    private static RequestSpecification bearer(String token) {
        return given().baseUri(controlPlane.baseUrl()).auth().oauth2(token).accept(ContentType.JSON);
    }

    /** Completes the administrator's required actions and profile with the test password, as the invitation requests. */
    private static void completeInvitation(String userId) {
        Map<String, Object> user = keycloak.adminOfRealm()
                .get("/users/" + userId)
                .then()
                .statusCode(200)
                .extract()
                .as(Map.class);
        user.put("requiredActions", List.of());
        user.put("emailVerified", true);
        // Keycloak's user profile requires names, which the administrator enters on the first sign-in.
        user.put("firstName", "Tenant");
        user.put("lastName", "Owner");
        keycloak.adminOfRealm().body(user).put("/users/" + userId).then().statusCode(204);
        keycloak.adminOfRealm()
                .body(Map.of("type", "password", "value", KeycloakServer.PASSWORD, "temporary", false))
                .put("/users/" + userId + "/reset-password")
                .then()
                .statusCode(204);
    }

    private static Map<String, Object> organization(String slug) {
        return single("/organizations", Map.of("search", slug, "exact", true));
    }

    private static String group(String slug) {
        return keycloak.adminOfRealm()
                .get("/group-by-path/tenant-" + slug + "-admins")
                .then()
                .statusCode(200)
                .extract()
                .path("id");
    }

    private static List<String> realmRoles(String path) {
        return keycloak.adminOfRealm()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name", String.class);
    }

    private static Map<String, Object> client(String slug) {
        return single("/clients", Map.of("clientId", "securewatch-tenant-" + slug));
    }

    private static Map<String, Object> user(String email) {
        return single("/users", Map.of("email", email, "exact", true));
    }

    /** Returns the one object a search of the realm's admin API finds, failing when it finds none or several. */
    private static Map<String, Object> single(String path, Map<String, Object> query) {
        List<Map<String, Object>> found = found(path, query);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** Returns what a search of the realm's admin API finds. */
    private static List<Map<String, Object>> found(String path, Map<String, Object> query) {
        return keycloak.adminOfRealm()
                .queryParams(query)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }
}
