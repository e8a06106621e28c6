package io.securewatch.controlplane.drill;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DrillApiTest {

    private static final String DRILLS = "/api/v1/drills";
    private static final String AUDIT_EVENTS = "/api/v1/audit-events";

    private static final Map<String, Object> DEFAULT_GUARDRAILS = Map.of(
            "minSurvivorHeadroomPercent",
            20,
            "maxErrorRatePercent",
            5,
            "ackTimeoutSeconds",
            60,
            "maxDurationSeconds",
            1800,
            "observationSeconds",
            300);

    /** Residency zone of {@link #region}. */
    private String zone;

    /** A region of this test alone, without clusters, so that drills and workloads of the test can use it. */
    private String region;

    @BeforeEach
    void createRegion() {
        zone = Api.uniqueZone();
        region = Fixtures.createRegion(zone);
    }

    @Test
    void createFillsInDefaults() {
        // given
        String name = Api.uniqueName("d");

        // when
        Response created =
                asAdmin().body(drill(name, "region-evacuation", region)).post(DRILLS);

        // then
        created.then()
                .statusCode(201)
                .header("Location", containsString(DRILLS + "/" + name))
                .header("ETag", "\"0\"")
                .body("name", equalTo(name))
                .body("type", equalTo("region-evacuation"))
                .body("target", equalTo(region))
                .body("scope", equalTo(Map.of("services", List.of(), "tenants", List.of())))
                .body("guardrails", equalTo(DEFAULT_GUARDRAILS))
                .body("mode", equalTo("dry-run"))
                .body("createdBy", equalTo("admin"))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue())
                .body("updatedAt", equalTo(created.jsonPath().getString("createdAt")));
        assertThat(created.jsonPath().getMap("")).doesNotContainKey("schedule");
        Response read = as(Api.VIEWER).get(DRILLS + "/" + name);
        read.then().statusCode(200).header("ETag", "\"0\"");
        assertThat(read.jsonPath().getMap("")).isEqualTo(created.jsonPath().getMap(""));
    }

    @Test
    void fullDrillIsStoredAsSent() {
        // given
        String name = Api.uniqueName("d");
        Map<String, Object> body = drill(name, "service-failover", "securewatch-api");
        body.put("scope", Map.of("services", List.of("securewatch-api"), "tenants", List.of("globex", "acme")));
        body.put("guardrails", Map.of("minSurvivorHeadroomPercent", 35, "observationSeconds", 0));
        body.put("mode", "live");
        body.put("schedule", "0 0 3 ? * MON");

        // when
        Response created = as(Api.OPERATOR).body(body).post(DRILLS);

        // then
        created.then()
                .statusCode(201)
                .body("type", equalTo("service-failover"))
                .body("target", equalTo("securewatch-api"))
                .body("scope.services", equalTo(List.of("securewatch-api")))
                .body("scope.tenants", equalTo(List.of("globex", "acme")))
                .body("guardrails.minSurvivorHeadroomPercent", equalTo(35))
                .body("guardrails.observationSeconds", equalTo(0))
                .body("guardrails.maxErrorRatePercent", equalTo(5))
                .body("guardrails.maxDurationSeconds", equalTo(1800))
                .body("mode", equalTo("live"))
                .body("schedule", equalTo("0 0 3 ? * MON"))
                .body("createdBy", equalTo("operator"));
    }

    @Test
    void clusterEvacuationTargetsCluster() {
        // given
        String cluster = Fixtures.createCluster(region);

        // when
        Response created = asAdmin()
                .body(drill(Api.uniqueName("d"), "cluster-evacuation", cluster))
                .post(DRILLS);

        // then
        created.then().statusCode(201).body("target", equalTo(cluster));
    }

    @Test
    void listFiltersByTypeAndTargetAndPages() {
        // given: three drills on this test's region, one of them on a cluster of it
        String cluster = Fixtures.createCluster(region);
        List<String> onRegion = new ArrayList<>();
        for (String prefix : List.of("a", "b")) {
            String name = prefix + "-" + Api.uniqueName("d");
            asAdmin()
                    .body(drill(name, "region-evacuation", region))
                    .post(DRILLS)
                    .then()
                    .statusCode(201);
            onRegion.add(name);
        }
        String onCluster = Api.uniqueName("d");
        asAdmin()
                .body(drill(onCluster, "cluster-evacuation", cluster))
                .post(DRILLS)
                .then()
                .statusCode(201);

        // when
        Response firstPage = as(Api.VIEWER)
                .queryParam("type", "region-evacuation")
                .queryParam("target", region)
                .queryParam("limit", 1)
                .get(DRILLS);
        Response secondPage = as(Api.VIEWER)
                .queryParam("type", "region-evacuation")
                .queryParam("target", region)
                .queryParam("limit", 1)
                .queryParam("cursor", firstPage.jsonPath().getString("nextCursor"))
                .get(DRILLS);

        // then
        firstPage.then().statusCode(200).body("items.name", equalTo(List.of(onRegion.get(0))));
        secondPage
                .then()
                .statusCode(200)
                .body("items.name", equalTo(List.of(onRegion.get(1))))
                .body("nextCursor", nullValue());
        as(Api.VIEWER).queryParam("target", cluster).get(DRILLS).then().body("items.name", equalTo(List.of(onCluster)));
        as(Api.VIEWER)
                .queryParam("type", "cluster-evacuation")
                .queryParam("target", region)
                .get(DRILLS)
                .then()
                .body("items", equalTo(List.of()));
        as(Api.VIEWER)
                .queryParam("type", "region-evacuation")
                .get(DRILLS)
                .then()
                .body("items.name", hasItem("evacuate-eu-west-1"))
                .body("items.type", not(hasItem("cluster-evacuation")));
    }

    @Test
    void badListFiltersNameTheParameter() {
        Map<String, String> filters = Map.of(
                "type", "REGION_EVACUATION",
                "target", "Not_A_Name",
                "limit", "0",
                "cursor", "garbage!");
        filters.forEach((parameter, value) -> as(Api.VIEWER)
                .queryParam(parameter, value)
                .get(DRILLS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(parameter)));
        as(Api.VIEWER)
                .queryParam("type", "failover")
                .get(DRILLS)
                .then()
                .body(
                        "errors[0].message",
                        equalTo("must be one of: region-evacuation, cluster-evacuation, service-failover"));
    }

    @Test
    void replaceNeedsIfMatch() {
        // given
        String name = createDrill();
        Map<String, Object> change = drill(null, "region-evacuation", region);
        change.put("mode", "live");
        change.put("guardrails", Map.of("maxErrorRatePercent", 2));

        // when / then: without If-Match, with a stale one, then with the current one
        asAdmin().body(change).put(DRILLS + "/" + name).then().statusCode(428);
        asAdmin()
                .header("If-Match", "\"7\"")
                .body(change)
                .put(DRILLS + "/" + name)
                .then()
                .statusCode(412);
        asAdmin().get(DRILLS + "/" + name).then().header("ETag", "\"0\"").body("mode", equalTo("dry-run"));
        Response replaced =
                as(Api.OPERATOR).header("If-Match", "\"0\"").body(change).put(DRILLS + "/" + name);
        replaced.then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("mode", equalTo("live"))
                .body("guardrails.maxErrorRatePercent", equalTo(2))
                .body("guardrails.minSurvivorHeadroomPercent", equalTo(20))
                .body("createdBy", equalTo("admin"));
        assertThat(replaced.jsonPath().getString("updatedAt"))
                .isNotEqualTo(replaced.jsonPath().getString("createdAt"));
    }

    @Test
    void replaceWithSameContentKeepsVersion() {
        // given: the body names the drill as the path does, and spells out the defaults
        String name = createDrill();
        Map<String, Object> same = drill(name, "region-evacuation", region);
        same.put("mode", "dry-run");
        same.put("guardrails", DEFAULT_GUARDRAILS);
        same.put("scope", Map.of("services", List.of()));

        // when
        Response replaced = asAdmin().header("If-Match", "\"0\"").body(same).put(DRILLS + "/" + name);

        // then
        replaced.then().statusCode(200).header("ETag", "\"0\"");
        assertThat(auditActions(name)).containsExactly("create");
    }

    @Test
    void renameIsRejected() {
        // given
        String name = createDrill();

        // when
        Response response = asAdmin()
                .header("If-Match", "\"0\"")
                .body(drill("other-name", "region-evacuation", region))
                .put(DRILLS + "/" + name);

        // then
        response.then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("drills cannot be renamed"));
    }

    @Test
    void deleteRemovesDrill() {
        // given
        String name = createDrill();

        // when / then: a stale If-Match is rejected, and no If-Match deletes
        asAdmin().header("If-Match", "\"3\"").delete(DRILLS + "/" + name).then().statusCode(412);
        asAdmin().get(DRILLS + "/" + name).then().statusCode(200);
        as(Api.OPERATOR).delete(DRILLS + "/" + name).then().statusCode(204);
        asAdmin()
                .get(DRILLS + "/" + name)
                .then()
                .statusCode(404)
                .body("detail", equalTo("drill '" + name + "' not found"));
        asAdmin().delete(DRILLS + "/" + name).then().statusCode(404);
    }

    @Test
    void duplicateNameIsConflict() {
        // given
        String name = createDrill();

        // when
        Response response =
                asAdmin().body(drill(name, "region-evacuation", region)).post(DRILLS);

        // then
        response.then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:already-exists"))
                .body("detail", equalTo("drill '" + name + "' already exists; choose another name"));
    }

    @Test
    void idempotencyKeyReplaysCreate() {
        // given
        String name = Api.uniqueName("d");
        Map<String, Object> body = drill(name, "region-evacuation", region);
        String key = Api.uniqueName("key");

        // when
        Response first = asAdmin().header("Idempotency-Key", key).body(body).post(DRILLS);
        Response second = asAdmin().header("Idempotency-Key", key).body(body).post(DRILLS);

        // then
        first.then().statusCode(201);
        second.then().statusCode(201).header("Idempotent-Replayed", "true").header("ETag", "\"0\"");
        assertThat(second.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
        assertThat(auditActions(name)).containsExactly("create");
    }

    @Test
    void invalidDrillsAreRejectedAndNothingIsStored() {
        record Case(String label, Map<String, Object> body, String field) {}
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no name", without(valid(), "name"), "name"));
        cases.add(new Case("name not a label", with(valid(), "name", "Evacuate_EU"), "name"));
        cases.add(new Case("no type", without(valid(), "type"), "type"));
        cases.add(new Case("unknown type", with(valid(), "type", "zone-evacuation"), "type"));
        cases.add(new Case("no target", without(valid(), "target"), "target"));
        cases.add(new Case("target not a label", with(valid(), "target", "EU West"), "target"));
        cases.add(new Case("unknown mode", with(valid(), "mode", "dry"), "mode"));
        cases.add(new Case("unknown region", with(valid(), "target", "no-such-region"), "target"));
        cases.add(new Case(
                "unknown cluster",
                with(with(valid(), "type", "cluster-evacuation"), "target", "no-such-cluster"),
                "target"));
        cases.add(new Case(
                "unknown service",
                with(with(valid(), "type", "service-failover"), "target", "no-such-service"),
                "target"));
        cases.add(new Case(
                "unknown service in scope", scope("services", List.of("no-such-service")), "scope.services[0]"));
        cases.add(new Case(
                "service twice in scope",
                scope("services", List.of("securewatch-api", "securewatch-api")),
                "scope.services[1]"));
        cases.add(new Case("null service in scope", scope("services", nullList()), "scope.services[0]"));
        cases.add(new Case("101 services", scope("services", names("s", 101)), "scope.services"));
        cases.add(new Case(
                "unknown tenant in scope", scope("tenants", List.of("acme", "no-such-tenant")), "scope.tenants[1]"));
        cases.add(new Case("tenant twice in scope", scope("tenants", List.of("acme", "acme")), "scope.tenants[1]"));
        cases.add(new Case(
                "tenant slug of 57 characters", scope("tenants", List.of("t".repeat(57))), "scope.tenants[0]"));
        cases.add(new Case("101 tenants", scope("tenants", names("t", 101)), "scope.tenants"));
        cases.add(
                new Case("unknown scope field", with(valid(), "scope", Map.of("regions", List.of())), "scope.regions"));
        cases.add(new Case(
                "headroom above 100",
                guardrail("minSurvivorHeadroomPercent", 101),
                "guardrails.minSurvivorHeadroomPercent"));
        cases.add(new Case(
                "negative headroom",
                guardrail("minSurvivorHeadroomPercent", -1),
                "guardrails.minSurvivorHeadroomPercent"));
        cases.add(new Case(
                "error rate above 100", guardrail("maxErrorRatePercent", 101), "guardrails.maxErrorRatePercent"));
        cases.add(new Case(
                "negative error rate", guardrail("maxErrorRatePercent", -1), "guardrails.maxErrorRatePercent"));
        cases.add(new Case("ack timeout 0", guardrail("ackTimeoutSeconds", 0), "guardrails.ackTimeoutSeconds"));
        cases.add(new Case(
                "ack timeout above an hour", guardrail("ackTimeoutSeconds", 3601), "guardrails.ackTimeoutSeconds"));
        cases.add(new Case(
                "duration under a minute", guardrail("maxDurationSeconds", 59), "guardrails.maxDurationSeconds"));
        cases.add(new Case(
                "duration above a day", guardrail("maxDurationSeconds", 86_401), "guardrails.maxDurationSeconds"));
        cases.add(
                new Case("negative observation", guardrail("observationSeconds", -1), "guardrails.observationSeconds"));
        cases.add(new Case(
                "observation above a day", guardrail("observationSeconds", 86_401), "guardrails.observationSeconds"));
        cases.add(new Case(
                "observation as long as the duration",
                with(valid(), "guardrails", Map.of("maxDurationSeconds", 600, "observationSeconds", 600)),
                "guardrails.observationSeconds"));
        cases.add(new Case(
                "observation beyond the default duration",
                guardrail("observationSeconds", 1800),
                "guardrails.observationSeconds"));
        cases.add(new Case("guardrail as text", guardrail("ackTimeoutSeconds", "60"), "guardrails.ackTimeoutSeconds"));
        cases.add(new Case("five-field cron", with(valid(), "schedule", "0 3 * * 1"), "schedule"));
        cases.add(new Case("hour 25", with(valid(), "schedule", "0 0 25 ? * *"), "schedule"));
        cases.add(new Case("both day fields", with(valid(), "schedule", "0 0 3 * * MON"), "schedule"));
        cases.add(new Case("empty schedule", with(valid(), "schedule", ""), "schedule"));
        cases.add(new Case("schedule with a newline", with(valid(), "schedule", "0 0 3 ? *\nMON"), "schedule"));
        cases.add(new Case("schedule of 201 characters", with(valid(), "schedule", "0".repeat(201)), "schedule"));

        for (Case bad : cases) {
            // when
            Response response = asAdmin().body(bad.body()).post(DRILLS);

            // then
            assertThat(response.statusCode())
                    .as(bad.label() + ": " + response.asString())
                    .isEqualTo(400);
            assertThat(response.jsonPath().getList("errors.field", String.class))
                    .as(bad.label())
                    .contains(bad.field());
            Object name = bad.body().get("name");
            if (name instanceof String valid && valid.matches("[a-z0-9-]+")) {
                asAdmin().get(DRILLS + "/" + valid).then().statusCode(404);
            }
        }
    }

    @Test
    void errorMessagesNameTheExpectedValue() {
        assertFieldError(
                with(valid(), "target", "no-such-region"),
                "target",
                "region 'no-such-region' not found; a region-evacuation drill targets a region");
        assertFieldError(
                with(with(valid(), "type", "cluster-evacuation"), "target", region),
                "target",
                "cluster '" + region + "' not found; a cluster-evacuation drill targets a cluster");
        assertFieldError(
                scope("services", List.of("securewatch-api", "securewatch-api")),
                "scope.services[1]",
                "service 'securewatch-api' is listed twice");
        assertFieldError(
                scope("tenants", List.of("no-such-tenant")),
                "scope.tenants[0]",
                "tenant 'no-such-tenant' not found; create it or remove it from the list");
        assertFieldError(
                with(valid(), "guardrails", Map.of("maxDurationSeconds", 600, "observationSeconds", 900)),
                "guardrails.observationSeconds",
                "must be less than maxDurationSeconds (600), because observation is part of a run's duration");
        assertFieldError(
                guardrail("minSurvivorHeadroomPercent", 101),
                "guardrails.minSurvivorHeadroomPercent",
                "must be from 0 to 100");
        assertFieldError(
                with(valid(), "schedule", "0 0 25 ? * *"),
                "schedule",
                "must be a Quartz cron expression such as '0 0 3 ? * MON' (seconds, minutes, hours, day of month,"
                        + " month, day of week, optional year): Failed to parse cron expression. Value 25 not in"
                        + " range [0, 23]");
        assertFieldError(with(valid(), "mode", "dry"), "mode", "must be one of: dry-run, live");
    }

    @Test
    void workloadWithoutServiceIsNoServiceTarget() {
        // given
        String bare = Api.uniqueName("bare");
        asAdmin()
                .body(Fixtures.workloadBody(bare, List.of(region), false))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);

        // when / then
        assertFieldError(
                with(with(valid(), "type", "service-failover"), "target", bare),
                "target",
                "workload '" + bare + "' has no Service, so it is not a service; a service-failover drill targets a"
                        + " service, and a service is a workload with a Service");
        assertFieldError(
                scope("services", List.of(bare)),
                "scope.services[0]",
                "workload '" + bare + "' has no Service, so it is not a service; list only existing services, and a"
                        + " service is a workload with a Service");
    }

    @Test
    void everyViolationIsListedAtOnce() {
        // given
        Map<String, Object> body = with(valid(), "target", "no-such-region");
        body.put("scope", Map.of("tenants", List.of("no-such-tenant")));
        body.put("guardrails", Map.of("observationSeconds", 5000));
        body.put("schedule", "every monday");

        // when
        Response response = asAdmin().body(body).post(DRILLS);

        // then
        response.then()
                .statusCode(400)
                .body(
                        "errors.field",
                        equalTo(List.of("guardrails.observationSeconds", "schedule", "scope.tenants[0]", "target")));
    }

    @Test
    void changesAreAudited() {
        // given
        String name = createDrill();
        Map<String, Object> change = drill(name, "region-evacuation", region);
        change.put("mode", "live");
        as(Api.OPERATOR)
                .header("If-Match", "\"0\"")
                .body(change)
                .put(DRILLS + "/" + name)
                .then()
                .statusCode(200);
        asAdmin().delete(DRILLS + "/" + name).then().statusCode(204);

        // when
        JsonPath events = as(Api.VIEWER)
                .queryParam("objectKind", "drill")
                .queryParam("objectId", name)
                .get(AUDIT_EVENTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        // then
        assertThat(events.getList("items.action", String.class)).containsExactly("delete", "update", "create");
        assertThat(events.getList("items.actor", String.class)).containsExactly("admin", "operator", "admin");
        assertThat(events.getList("items.objectKind", String.class)).containsOnly("drill");
        assertThat(events.getList("items.tenant")).containsOnly((Object) null);
        assertThat(events.getString("items[2].after.mode")).isEqualTo("dry-run");
        assertThat(events.getString("items[1].before.mode")).isEqualTo("dry-run");
        assertThat(events.getString("items[1].after.mode")).isEqualTo("live");
        assertThat(events.getString("items[0].before.mode")).isEqualTo("live");
        assertThat(events.getString("items[0].after")).isNull();
    }

    @Test
    void demoSeedsEvacuationPerRegion() {
        for (String seeded : List.of("eu-west-1", "eu-central-1", "us-east-1")) {
            as(Api.VIEWER)
                    .get(DRILLS + "/evacuate-" + seeded)
                    .then()
                    .statusCode(200)
                    .body("type", equalTo("region-evacuation"))
                    .body("target", equalTo(seeded))
                    .body("mode", equalTo("dry-run"))
                    .body("guardrails", equalTo(demoGuardrails()))
                    .body("createdBy", equalTo("system:demo-seed"));
        }
        asAdmin()
                .queryParam("objectKind", "drill")
                .queryParam("objectId", "evacuate-eu-west-1")
                .get(AUDIT_EVENTS)
                .then()
                .body("items.actor", equalTo(List.of("system:demo-seed")));
    }

    /** Returns the default guardrails with the demo's one-minute observation. */
    private static Map<String, Object> demoGuardrails() {
        Map<String, Object> guardrails = new java.util.LinkedHashMap<>(DEFAULT_GUARDRAILS);
        guardrails.put("observationSeconds", 60);
        return guardrails;
    }

    @Test
    void targetedRegionAndClusterCannotBeDeleted() {
        // given
        String cluster = Fixtures.createCluster(region);
        String onCluster = Api.uniqueName("d");
        asAdmin()
                .body(drill(onCluster, "cluster-evacuation", cluster))
                .post(DRILLS)
                .then()
                .statusCode(201);
        String clusterFree = Fixtures.createRegion(Api.uniqueZone());
        String onRegion = Api.uniqueName("d");
        asAdmin()
                .body(drill(onRegion, "region-evacuation", clusterFree))
                .post(DRILLS)
                .then()
                .statusCode(201);

        // when / then
        asAdmin()
                .delete("/api/v1/clusters/" + cluster)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:has-dependants"))
                .body(
                        "detail",
                        equalTo("cluster '" + cluster + "' is the target of drills: " + onCluster
                                + "; delete those drills or change what they name first"));
        asAdmin()
                .delete("/api/v1/regions/" + clusterFree)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:has-dependants"))
                .body("detail", containsString("drills: " + onRegion));
        asAdmin().delete(DRILLS + "/" + onCluster).then().statusCode(204);
        asAdmin().delete(DRILLS + "/" + onRegion).then().statusCode(204);
        asAdmin().delete("/api/v1/clusters/" + cluster).then().statusCode(204);
        asAdmin().delete("/api/v1/regions/" + clusterFree).then().statusCode(204);
    }

    @Test
    void namedServiceAndTenantCannotBeDeleted() {
        // given: a drill that fails the service over, and one that lists the service and a tenant in its scope
        String service = Api.uniqueName("svc");
        asAdmin()
                .body(Fixtures.workloadBody(service, List.of(region), true))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        String tenant = Fixtures.createTenant(List.of(zone), List.of(region));
        String failover = Api.uniqueName("d");
        asAdmin()
                .body(drill(failover, "service-failover", service))
                .post(DRILLS)
                .then()
                .statusCode(201);
        String scoped = Api.uniqueName("d");
        Map<String, Object> scopedBody = drill(scoped, "region-evacuation", region);
        scopedBody.put("scope", Map.of("services", List.of(service), "tenants", List.of(tenant)));
        asAdmin().body(scopedBody).post(DRILLS).then().statusCode(201);

        // when / then
        asAdmin()
                .delete("/api/v1/workloads/" + service)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:securewatch:problem:has-dependants"))
                .body("detail", containsString("drills: " + String.join(", ", sorted(failover, scoped))));
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(Fixtures.workloadBody(service, List.of(region), false))
                .put("/api/v1/workloads/" + service)
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("service"));
        asAdmin()
                .delete("/api/v1/tenants/" + tenant)
                .then()
                .statusCode(409)
                .body(
                        "detail",
                        equalTo("tenant '" + tenant + "' is in the scope of drills: " + scoped
                                + "; delete those drills or change what they name first"));
        asAdmin().delete(DRILLS + "/" + failover).then().statusCode(204);
        asAdmin().delete(DRILLS + "/" + scoped).then().statusCode(204);
        asAdmin().delete("/api/v1/workloads/" + service).then().statusCode(204);
        asAdmin().delete("/api/v1/tenants/" + tenant).then().statusCode(204);
    }

    @Test
    void tenantAdminIsForbidden() {
        // given
        String name = createDrill();

        // when / then
        as(Api.ACME_ADMIN).get(DRILLS).then().statusCode(403);
        as(Api.ACME_ADMIN).get(DRILLS + "/" + name).then().statusCode(403);
        as(Api.ACME_ADMIN)
                .body(drill(Api.uniqueName("d"), "region-evacuation", region))
                .post(DRILLS)
                .then()
                .statusCode(403);
        as(Api.ACME_ADMIN).delete(DRILLS + "/" + name).then().statusCode(403);
        as(Api.VIEWER).delete(DRILLS + "/" + name).then().statusCode(403);
        asAdmin().get(DRILLS + "/" + name).then().statusCode(200);
    }

    private String createDrill() {
        String name = Api.uniqueName("d");
        asAdmin()
                .body(drill(name, "region-evacuation", region))
                .post(DRILLS)
                .then()
                .statusCode(201);
        return name;
    }

    private static List<String> auditActions(String name) {
        return asAdmin()
                .queryParam("objectKind", "drill")
                .queryParam("objectId", name)
                .get(AUDIT_EVENTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.action", String.class);
    }

    private static void assertFieldError(Map<String, Object> body, String field, String message) {
        asAdmin()
                .body(body)
                .post(DRILLS)
                .then()
                .statusCode(400)
                .body("errors.find { it.field == '" + field + "' }.message", equalTo(message));
    }

    /** Returns a body with the given name, or without one when it is null, and only the required fields. */
    private static Map<String, Object> drill(String name, String type, String target) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        body.put("type", type);
        body.put("target", target);
        return body;
    }

    /** Returns a valid body of a new drill that evacuates a seeded region. */
    private static Map<String, Object> valid() {
        return drill(Api.uniqueName("d"), "region-evacuation", "eu-west-1");
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> body, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(field);
        return copy;
    }

    private static Map<String, Object> scope(String list, List<String> entries) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put(list, entries);
        return with(valid(), "scope", scope);
    }

    private static Map<String, Object> guardrail(String field, Object value) {
        Map<String, Object> guardrails = new LinkedHashMap<>();
        guardrails.put(field, value);
        return with(valid(), "guardrails", guardrails);
    }

    private static List<String> nullList() {
        List<String> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private static List<String> sorted(String... names) {
        return java.util.Arrays.stream(names).sorted().toList();
    }
}
