package io.securewatch.controlplane.workload;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkloadApiTest {

    private static final String WORKLOADS = "/api/v1/workloads";

    private String zone;
    private String region;
    private String otherRegion;

    @BeforeEach
    void createRegions() {
        zone = Api.uniqueZone();
        region = Fixtures.createRegion(zone);
        otherRegion = Fixtures.createRegion(zone);
    }

    @Test
    void platformWorkloadIsCreatedInItsNamespace() {
        // given
        String name = Api.uniqueName("w");

        // when
        Response created = asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region)))
                .post(WORKLOADS);

        // then
        created.then()
                .statusCode(201)
                .header("Location", containsString(WORKLOADS + "/" + name))
                .header("ETag", "\"0\"")
                .body("namespace", equalTo("securewatch"))
                .body("regions", equalTo(List.of(region)))
                .body("service.name", equalTo(name))
                .body("deployment.template.spec.containers[0].image", containsString(name));
        asAdmin().get(WORKLOADS + "/" + name).then().statusCode(200).body("name", equalTo(name));
        asAdmin()
                .queryParam("objectKind", "workload")
                .queryParam("objectId", name)
                .get("/api/v1/audit-events")
                .then()
                .body("items[0].action", equalTo("create"));
    }

    @Test
    void referencedConfigMapsAndSecretsAreListed() {
        // given
        String name = Api.uniqueName("w");
        Map<String, Object> body = WorkloadFixtures.workload(name, null, List.of(region));
        Map<String, Object> container = container(body);
        container.put(
                "env",
                List.of(
                        Map.of(
                                "name",
                                "DB_HOST",
                                "valueFrom",
                                Map.of("configMapKeyRef", Map.of("name", "app-config", "key", "db_host"))),
                        Map.of(
                                "name",
                                "DB_PASSWORD",
                                "valueFrom",
                                Map.of("secretKeyRef", Map.of("name", "app-secrets", "key", "db_password")))));

        // when / then
        asAdmin()
                .body(body)
                .post(WORKLOADS)
                .then()
                .statusCode(201)
                .body("configMaps", equalTo(List.of("app-config")))
                .body("secrets", equalTo(List.of("app-secrets")));
    }

    @Test
    void tenantWorkloadStaysInTenant() {
        // given
        String tenant = Fixtures.createTenant(List.of(zone), List.of(region));
        String name = Api.uniqueName("w");

        // when
        Response outside = asAdmin()
                .body(WorkloadFixtures.workload(name, tenant, List.of(otherRegion)))
                .post(WORKLOADS);
        Response inside = asAdmin()
                .body(WorkloadFixtures.workload(name, tenant, List.of(region)))
                .post(WORKLOADS);

        // then
        outside.then()
                .statusCode(400)
                .body("errors[0].field", equalTo("regions[0]"))
                .body("errors[0].message", containsString("does not run in region"));
        inside.then().statusCode(201).body("tenant", equalTo(tenant)).body("namespace", equalTo("tenant-" + tenant));
    }

    @Test
    void tenantAdminSeesAndCreatesOnlyOwnWorkloads() {
        // given
        String platform = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(platform, null, List.of("eu-west-1")))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        String own = Api.uniqueName("w");

        // when
        Response created = as(Api.ACME_ADMIN)
                .body(WorkloadFixtures.workload(own, null, List.of("eu-west-1")))
                .post(WORKLOADS);

        // then
        created.then().statusCode(201).body("tenant", equalTo("acme"));
        as(Api.ACME_ADMIN).get(WORKLOADS + "/" + platform).then().statusCode(404);
        as(Api.ACME_ADMIN)
                .queryParam("limit", 500)
                .get(WORKLOADS)
                .then()
                .statusCode(200)
                .body("items.name", hasItem(own))
                .body("items.name", not(hasItem(platform)));
        as(Api.ACME_ADMIN)
                .body(WorkloadFixtures.workload(Api.uniqueName("w"), "globex", List.of("eu-west-1")))
                .post(WORKLOADS)
                .then()
                .statusCode(404);
        as(Api.VIEWER)
                .body(WorkloadFixtures.workload(Api.uniqueName("w"), null, List.of(region)))
                .post(WORKLOADS)
                .then()
                .statusCode(403);
    }

    @Test
    void replaceNeedsIfMatchAndKeepsTheOwner() {
        // given
        String tenant = Fixtures.createTenant(List.of(zone), List.of(region, otherRegion));
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, tenant, List.of(region)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        Map<String, Object> changed = WorkloadFixtures.workload(name, tenant, List.of(region, otherRegion));

        // when / then
        asAdmin().body(changed).put(WORKLOADS + "/" + name).then().statusCode(428);
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(WorkloadFixtures.workload(name, null, List.of(region)))
                .put(WORKLOADS + "/" + name)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("tenant"));
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(changed)
                .put(WORKLOADS + "/" + name)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body(
                        "regions",
                        equalTo(List.of(region, otherRegion).stream().sorted().toList()));
        asAdmin()
                .header("If-Match", "\"1\"")
                .body(changed)
                .put(WORKLOADS + "/" + name)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");
    }

    @Test
    void regionAndTenantInUseCannotBeDeleted() {
        // given
        String tenant = Fixtures.createTenant(List.of(zone), List.of(region, otherRegion));
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, tenant, List.of(region)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);

        // when / then
        asAdmin()
                .delete("/api/v1/tenants/" + tenant)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:has-dependants"))
                .body("detail", containsString(name));
        asAdmin()
                .header("If-Match", asAdmin().get("/api/v1/tenants/" + tenant).header("ETag"))
                .body(Fixtures.tenantBody(tenant, List.of(zone), List.of(otherRegion)))
                .put("/api/v1/tenants/" + tenant)
                .then()
                .statusCode(409)
                .body("detail", containsString(name));
        asAdmin().delete(WORKLOADS + "/" + name).then().statusCode(204);
        asAdmin().delete("/api/v1/tenants/" + tenant).then().statusCode(204);
    }

    @Test
    void regionOfPlatformWorkloadCannotBeDeleted() {
        // given
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);

        // when / then
        asAdmin().delete("/api/v1/regions/" + region).then().statusCode(409).body("detail", containsString(name));
    }

    @Test
    void invalidDeploymentIsRejectedWithEveryFieldNamed() {
        // given
        String name = Api.uniqueName("w");
        Map<String, Object> body = WorkloadFixtures.workload(name, null, List.of(region));
        Map<String, Object> container = container(body);
        container.remove("image");
        container.put("ports", List.of(Map.of("containerPort", "8080")));
        ((Map<String, Object>) body.get("deployment")).put("replica", 3);

        // when
        Response response = asAdmin().body(body).post(WORKLOADS);

        // then
        response.then().statusCode(400).contentType("application/problem+json");
        List<String> fields = response.jsonPath().getList("errors.field");
        assertThat(fields)
                .contains(
                        "deployment.replica",
                        "deployment.template.spec.containers[0].image",
                        "deployment.template.spec.containers[0].ports[0].containerPort",
                        "deployment.template.spec.containers[0].readinessProbe.httpGet.port",
                        "service.spec.ports[0].targetPort");
        asAdmin().get(WORKLOADS + "/" + name).then().statusCode(404);
    }

    @Test
    void serviceMustSelectTheWorkloadsPods() {
        // given
        String name = Api.uniqueName("w");
        Map<String, Object> body = WorkloadFixtures.workload(name, null, List.of(region));
        body.put(
                "service",
                Map.of("spec", Map.of("selector", Map.of("app", "other"), "ports", List.of(Map.of("port", 80)))));

        // when / then
        asAdmin()
                .body(body)
                .post(WORKLOADS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("service.spec.selector[app]"));
    }

    @Test
    void scalingPolicyReplaceNeedsIfMatch() {
        // given
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region, otherRegion)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        String policy = WORKLOADS + "/" + name + "/scaling-policy";
        asAdmin().get(policy).then().statusCode(404);

        // when
        Response created = asAdmin().body(WorkloadFixtures.policy(3, 20)).put(policy);

        // then
        created.then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("workload", equalTo(name))
                .body("failoverHeadroomPercent", equalTo(0));
        asAdmin().body(WorkloadFixtures.policy(4, 20)).put(policy).then().statusCode(428);
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(WorkloadFixtures.policy(4, 20))
                .put(policy)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("minReplicas", equalTo(4));
        asAdmin().delete(policy).then().statusCode(204);
        asAdmin().get(policy).then().statusCode(404);
    }

    @Test
    void scalingPolicyKeepsBehaviorAndRegionOverrides() {
        // given
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region, otherRegion)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        Map<String, Object> policy = WorkloadFixtures.policy(4, 20);
        policy.put("failoverHeadroomPercent", 25);
        policy.put("regionOverrides", Map.of(region, Map.of("minReplicas", 1, "maxReplicas", 5)));
        policy.put(
                "behavior",
                Map.of(
                        "scaleDown",
                        Map.of(
                                "stabilizationWindowSeconds",
                                600,
                                "selectPolicy",
                                "min",
                                "policies",
                                List.of(Map.of("type", "percent", "value", 10, "periodSeconds", 60)))));

        // when
        asAdmin()
                .body(policy)
                .put(WORKLOADS + "/" + name + "/scaling-policy")
                .then()
                .statusCode(200);

        // then
        asAdmin()
                .get(WORKLOADS + "/" + name + "/scaling-policy")
                .then()
                .statusCode(200)
                .body("failoverHeadroomPercent", equalTo(25))
                .body("regionOverrides." + region + ".maxReplicas", equalTo(5))
                .body("behavior.scaleDown.stabilizationWindowSeconds", equalTo(600))
                .body("behavior.scaleDown.selectPolicy", equalTo("min"))
                .body("behavior.scaleDown.policies[0].type", equalTo("percent"));
    }

    @Test
    void invalidScalingPolicyIsRejected() {
        // given
        String name = Api.uniqueName("w");
        asAdmin()
                .body(WorkloadFixtures.workload(name, null, List.of(region)))
                .post(WORKLOADS)
                .then()
                .statusCode(201);
        Map<String, Object> policy = WorkloadFixtures.policy(5, 3);
        policy.put("targetCpuUtilization", 0);
        policy.put("regionOverrides", Map.of("nowhere", Map.of("minReplicas", 1, "maxReplicas", 2)));

        // when
        Response response = asAdmin().body(policy).put(WORKLOADS + "/" + name + "/scaling-policy");

        // then
        response.then().statusCode(400);
        assertThat(response.jsonPath().getList("errors.field", String.class)).contains("targetCpuUtilization");
        Map<String, Object> crossField = WorkloadFixtures.policy(5, 3);
        crossField.put("regionOverrides", Map.of("nowhere", Map.of("minReplicas", 1, "maxReplicas", 2)));
        Response second = asAdmin().body(crossField).put(WORKLOADS + "/" + name + "/scaling-policy");
        second.then().statusCode(400);
        assertThat(second.jsonPath().getList("errors.field", String.class))
                .contains("maxReplicas", "regionOverrides[nowhere]");
        asAdmin().get(WORKLOADS + "/" + name + "/scaling-policy").then().statusCode(404);
    }

    @Test
    void cpuTargetNeedsCpuRequests() {
        // given
        String name = Api.uniqueName("w");
        Map<String, Object> body = WorkloadFixtures.workload(name, null, List.of(region));
        container(body).put("resources", Map.of("limits", Map.of("memory", "512Mi")));
        asAdmin().body(body).post(WORKLOADS).then().statusCode(201);

        // when / then
        asAdmin()
                .body(WorkloadFixtures.policy(1, 4))
                .put(WORKLOADS + "/" + name + "/scaling-policy")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("deployment.template.spec.containers"))
                .body("errors[0].message", containsString("request CPU"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> body) {
        Map<String, Object> deployment = (Map<String, Object>) body.get("deployment");
        Map<String, Object> template = (Map<String, Object>) deployment.get("template");
        Map<String, Object> spec = (Map<String, Object>) template.get("spec");
        return ((List<Map<String, Object>>) spec.get("containers")).get(0);
    }
}
