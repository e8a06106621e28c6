package io.securewatch.controlplane.drill;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * Live runs of region evacuations against agents that acknowledge every bundle at once: the steps, the Acks, the
 * guardrails, aborts, the kill switch and the report.
 */
@QuarkusTest
class DrillExecutionApiTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void liveRunRestoresEveryBundle() throws Exception {
        try (Setup setup = Setup.create(1)) {
            Map<String, String> before = setup.desiredHashes();

            // when
            JsonPath started = setup.startLive();

            // then
            assertThat(started.getString("status")).as(started.prettify()).isEqualTo("running");
            JsonPath run = awaitStatus(setup.drill, 1, "completed");
            assertThat(run.getList("steps.name"))
                    .containsExactly(
                            "pre-scale",
                            "wait-ready",
                            "shift-routing",
                            "verify",
                            "observe",
                            "fail-back",
                            "restore-scaling");
            assertThat(run.getList("steps.status")).containsOnly("done");
            String shift = "steps.find { it.name == 'shift-routing' }";
            assertThat(run.getMap(shift + ".revisions").keySet())
                    .containsExactlyInAnyOrder(setup.targetCluster, setup.survivorCluster);
            assertThat(run.getMap(shift + ".acks").keySet())
                    .containsExactlyInAnyOrder(setup.targetCluster, setup.survivorCluster);
            assertThat(run.getLong("measurements.recoveryTimeMillis")).isNotNegative();
            assertThat(run.getLong("measurements.failBackMillis")).isNotNegative();
            assertThat(run.getMap("measurements.trafficShare.before"))
                    .containsEntry(setup.target, 50.0f)
                    .containsEntry(setup.survivor, 50.0f);
            assertThat(setup.desiredHashes()).isEqualTo(before);
        }
    }

    @Test
    void shiftDrainsTargetRegion() throws Exception {
        try (Setup setup = Setup.create(60)) {
            // when
            setup.startLive();
            awaitStep(setup.drill, 1, "observe");

            // then: every edge gives the target region weight 0
            String yaml = asAdmin()
                    .accept("application/yaml")
                    .get("/api/v1/clusters/" + setup.survivorCluster + "/desired-state")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(yaml).contains("name: " + setup.target + "\n    state: drain\n    weight: 0");
            asAdmin()
                    .post("/api/v1/drills/" + setup.drill + "/runs/1/abort")
                    .then()
                    .statusCode(200);
            awaitStatus(setup.drill, 1, "aborted");
        }
    }

    @Test
    void errorRateBreachAbortsRun() throws Exception {
        try (Setup setup = Setup.create(60)) {
            Map<String, String> before = setup.desiredHashes();
            setup.startLive();
            awaitStep(setup.drill, 1, "observe");

            // when: the survivor starts failing 30 % of its requests
            setup.survivorAgent.report(setup.namespace, setup.service, 20, 100, 30);

            // then
            JsonPath run = awaitStatus(setup.drill, 1, "aborted");
            assertThat(run.getString("abortedBy")).isEqualTo("system:guardrail");
            assertThat(run.getString("abortReason"))
                    .isEqualTo("error rate of " + setup.service + " in " + setup.survivorCluster
                            + " is 30.0 %, above the guardrail of 5 %");
            assertThat(run.getString("steps.find { it.name == 'observe' }.status"))
                    .isEqualTo("interrupted");
            assertThat(run.getString("steps.find { it.name == 'abort' }.status"))
                    .isEqualTo("done");
            assertThat(run.getList("events.kind")).contains("guardrail");
            assertThat(setup.desiredHashes()).isEqualTo(before);
            asAdmin()
                    .get("/api/v1/workloads/" + setup.service + "/pre-scale")
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void manualAbortRestoresAtOnce() throws Exception {
        try (Setup setup = Setup.create(60)) {
            Map<String, String> before = setup.desiredHashes();
            setup.startLive();
            awaitStep(setup.drill, 1, "observe");

            // when
            JsonPath aborted = asAdmin()
                    .body(Map.of("reason", "checkout errors rising"))
                    .post("/api/v1/drills/" + setup.drill + "/runs/1/abort")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();

            // then: the restored state is stored before the response, and the run ends once the agents applied it
            assertThat(aborted.getString("status")).isEqualTo("aborting");
            assertThat(setup.desiredHashes()).isEqualTo(before);
            JsonPath run = awaitStatus(setup.drill, 1, "aborted");
            assertThat(run.getString("abortedBy")).isEqualTo("admin");
            assertThat(run.getString("abortReason")).isEqualTo("checkout errors rising");
            List<String> requestIds = asAdmin()
                    .queryParam("objectKind", "drill")
                    .queryParam("objectId", setup.drill + "/1")
                    .queryParam("action", "abort")
                    .get("/api/v1/audit-events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items.requestId");
            assertThat(requestIds).hasSize(1).doesNotContainNull();
            asAdmin()
                    .post("/api/v1/drills/" + setup.drill + "/runs/1/abort")
                    .then()
                    .statusCode(409)
                    .body("detail", equalTo("run " + setup.drill + "/1 is aborted; only a running run can be aborted"));
        }
    }

    @Test
    void killSwitchAbortsRunningRuns() throws Exception {
        try (Setup setup = Setup.create(60)) {
            setup.startLive();
            awaitStep(setup.drill, 1, "observe");

            // when
            List<String> aborted = asAdmin()
                    .post("/api/v1/drills/kill-switch")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("aborted");

            // then
            assertThat(aborted).contains(setup.drill + "/1");
            JsonPath run = awaitStatus(setup.drill, 1, "aborted");
            assertThat(run.getList("events.kind")).contains("kill-switch");
        }
    }

    @Test
    void overlappingRunFailsPreflight() throws Exception {
        try (Setup setup = Setup.create(60)) {
            setup.startLive();
            awaitStep(setup.drill, 1, "observe");
            String other = Setup.createDrill(setup.target, setup.service, 1);

            // when
            JsonPath second = asAdmin()
                    .body(Map.of("dryRun", false))
                    .post("/api/v1/drills/" + other + "/runs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();

            // then
            assertThat(second.getString("status")).isEqualTo("failed");
            assertThat(second.getString("checks.find { it.name == 'overlap' }.details[0]"))
                    .isEqualTo(setup.drill + "/1 is in progress on an overlapping scope; wait for it or abort it");
            asAdmin().delete("/api/v1/drills/" + setup.drill).then().statusCode(409);
            asAdmin()
                    .post("/api/v1/drills/" + setup.drill + "/runs/1/abort")
                    .then()
                    .statusCode(200);
            awaitStatus(setup.drill, 1, "aborted");
        }
    }

    @Test
    void reportHasThreeFormats() throws Exception {
        try (Setup setup = Setup.create(1)) {
            setup.startLive();
            awaitStatus(setup.drill, 1, "completed");
            String path = "/api/v1/drills/" + setup.drill + "/runs/1/report";

            // when
            JsonPath json = asAdmin().get(path).then().statusCode(200).extract().jsonPath();
            String markdown = asAdmin()
                    .queryParam("format", "markdown")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType("text/markdown;charset=UTF-8")
                    .extract()
                    .asString();
            String html = asAdmin()
                    .queryParam("format", "html")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType("text/html;charset=UTF-8")
                    .extract()
                    .asString();

            // then
            assertThat(json.getString("run.status")).isEqualTo("completed");
            assertThat(json.getString("definition.name")).isEqualTo(setup.drill);
            assertThat(json.getList("timeline.what")).contains("step shift-routing started");
            assertThat(markdown).startsWith("# Drill " + setup.drill + " run 1: completed");
            assertThat(html).startsWith("<!DOCTYPE html>").contains(setup.drill);
            for (String bad : List.of("pdf", "")) {
                asAdmin()
                        .queryParam("format", bad)
                        .get(path)
                        .then()
                        .statusCode(400)
                        .body("errors[0].field", equalTo("format"));
            }
        }
    }

    @Test
    void serviceFailoverEvacuatesHeaviestRegion() throws Exception {
        try (Setup setup = Setup.create(1, 60)) {
            // given: a service-failover drill of the service, whose heaviest region is the setup's target
            String drill = Api.uniqueName("drill");
            asAdmin()
                    .body(Map.of(
                            "name",
                            drill,
                            "type",
                            "service-failover",
                            "target",
                            setup.service,
                            "guardrails",
                            Map.of("observationSeconds", 1, "ackTimeoutSeconds", 20)))
                    .post("/api/v1/drills")
                    .then()
                    .statusCode(201);
            Map<String, String> before = setup.desiredHashes();

            // when
            JsonPath started = asAdmin()
                    .body(Map.of("dryRun", false))
                    .post("/api/v1/drills/" + drill + "/runs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();

            // then
            assertThat(started.getString("target")).as(started.prettify()).isEqualTo(setup.target);

            // then
            JsonPath run = awaitStatus(drill, 1, "completed");
            assertThat(run.getMap("steps.find { it.name == 'shift-routing' }.revisions")
                            .keySet())
                    .containsExactlyInAnyOrder(setup.targetCluster, setup.survivorCluster);
            assertThat(setup.desiredHashes()).isEqualTo(before);
        }
    }

    @Test
    void clusterEvacuationDrainsClusterAndFailsBack() throws Exception {
        // given: one region with two clusters, a service at 20 ready replicas in each, and a drill of the first
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String target = Fixtures.createCluster(region);
        String survivor = Fixtures.createCluster(region);
        String service = Api.uniqueName("svc");
        asAdmin()
                .body(Fixtures.workloadBody(service, List.of(region), true))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        asAdmin()
                .body(Map.of("minReplicas", 2, "maxReplicas", 40, "targetCpuUtilization", 70))
                .put("/api/v1/workloads/" + service + "/scaling-policy")
                .then()
                .statusCode(200);
        String namespace =
                asAdmin().get("/api/v1/workloads/" + service).then().extract().path("namespace");
        String drill = Api.uniqueName("drill");
        asAdmin()
                .body(Map.of(
                        "name",
                        drill,
                        "type",
                        "cluster-evacuation",
                        "target",
                        target,
                        "guardrails",
                        Map.of("observationSeconds", 60, "ackTimeoutSeconds", 20)))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);
        try (ConvergedAgent a = ConvergedAgent.start(target);
                ConvergedAgent b = ConvergedAgent.start(survivor)) {
            a.report(namespace, service, 20, 100, 0);
            b.report(namespace, service, 20, 100, 0);
            for (String cluster : List.of(target, survivor)) {
                await().atMost(WITHIN)
                        .untilAsserted(() -> asAdmin()
                                .get("/api/v1/clusters/" + cluster + "/status")
                                .then()
                                .body("connected", equalTo(true))
                                .body("revisionLag", equalTo(0))
                                .body("facts.workloads.size()", equalTo(1)));
            }
            String beforeTarget = desiredHash(target);
            String beforeSurvivor = desiredHash(survivor);

            // when
            JsonPath started = asAdmin()
                    .body(Map.of("dryRun", false))
                    .post("/api/v1/drills/" + drill + "/runs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
            awaitStep(drill, 1, "observe");

            // then: the target runs no replica of the service, the survivor the whole region's bounds
            assertThat(started.getString("target")).as(started.prettify()).isEqualTo(target);
            String drained = desiredYaml(target);
            assertThat(drained).contains("replicas: 0").doesNotContain("kind: HorizontalPodAutoscaler");
            assertThat(desiredYaml(survivor)).contains("maxReplicas: 40");
            asAdmin()
                    .body(Map.of("reason", "enough"))
                    .post("/api/v1/drills/" + drill + "/runs/1/abort")
                    .then()
                    .statusCode(200);
            awaitStatus(drill, 1, "aborted");
            assertThat(desiredHash(target)).isEqualTo(beforeTarget);
            assertThat(desiredHash(survivor)).isEqualTo(beforeSurvivor);
        }
    }

    private static String desiredHash(String cluster) {
        return asAdmin()
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .extract()
                .path("desiredHash");
    }

    private static String desiredYaml(String cluster) {
        return asAdmin()
                .accept("application/yaml")
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void onlyAdminsAndOperatorsAbort() {
        // given: any run path, since the role check comes first
        String path = "/api/v1/drills/evacuate-eu-west-1/runs/1/abort";

        // when / then
        as("viewer").post(path).then().statusCode(403);
        as("acme-admin").post(path).then().statusCode(403);
        as("viewer").post("/api/v1/drills/kill-switch").then().statusCode(403);
    }

    private static JsonPath awaitStatus(String drill, long run, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(WITHIN).untilAsserted(() -> {
            last[0] = asAdmin()
                    .get("/api/v1/drills/" + drill + "/runs/" + run)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(last[0].getString("status")).as(last[0].prettify()).isEqualTo(status);
        });
        return last[0];
    }

    private static void awaitStep(String drill, long run, String step) {
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonPath current = asAdmin()
                    .get("/api/v1/drills/" + drill + "/runs/" + run)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> steps = current.getList("steps.name");
            assertThat(steps).as(current.prettify()).isNotEmpty().last().isEqualTo(step);
        });
    }

    /**
     * Two regions of a new zone with one cluster each and a converged agent, a service in both at 20 replicas
     * each, weighted 50/50, and a drill that evacuates the first region.
     */
    private record Setup(
            String target,
            String survivor,
            String targetCluster,
            String survivorCluster,
            String service,
            String namespace,
            String drill,
            ConvergedAgent targetAgent,
            ConvergedAgent survivorAgent)
            implements AutoCloseable {

        static Setup create(int observationSeconds) {
            return create(observationSeconds, 50);
        }

        /** Creates the setup with the target region weighing {@code targetWeight} and the survivor the rest of 100. */
        static Setup create(int observationSeconds, int targetWeight) {
            String zone = Api.uniqueZone();
            String target = Fixtures.createRegion(zone);
            String survivor = Fixtures.createRegion(zone);
            String targetCluster = Fixtures.createCluster(target);
            String survivorCluster = Fixtures.createCluster(survivor);
            String service = Api.uniqueName("svc");
            asAdmin()
                    .body(Fixtures.workloadBody(service, List.of(target, survivor), true))
                    .post("/api/v1/workloads")
                    .then()
                    .statusCode(201);
            asAdmin()
                    .body(Map.of("minReplicas", 2, "maxReplicas", 40, "targetCpuUtilization", 70))
                    .put("/api/v1/workloads/" + service + "/scaling-policy")
                    .then()
                    .statusCode(200);
            asAdmin()
                    .body(Map.of(
                            "strategy",
                            "weighted",
                            "weights",
                            Map.of(target, targetWeight, survivor, 100 - targetWeight)))
                    .put("/api/v1/services/" + service + "/routing-policy")
                    .then()
                    .statusCode(200);
            String namespace = asAdmin()
                    .get("/api/v1/workloads/" + service)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("namespace");
            String drill = createDrill(target, service, observationSeconds);
            ConvergedAgent targetAgent = ConvergedAgent.start(targetCluster);
            ConvergedAgent survivorAgent = ConvergedAgent.start(survivorCluster);
            targetAgent.report(namespace, service, 20, 100, 0);
            survivorAgent.report(namespace, service, 20, 100, 0);
            Setup setup = new Setup(
                    target,
                    survivor,
                    targetCluster,
                    survivorCluster,
                    service,
                    namespace,
                    drill,
                    targetAgent,
                    survivorAgent);
            setup.awaitConvergedAndReported();
            return setup;
        }

        static String createDrill(String target, String service, int observationSeconds) {
            String name = Api.uniqueName("drill");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("type", "region-evacuation");
            body.put("target", target);
            body.put("scope", Map.of("services", List.of(service)));
            body.put("guardrails", Map.of("observationSeconds", observationSeconds, "ackTimeoutSeconds", 20));
            asAdmin().body(body).post("/api/v1/drills").then().statusCode(201);
            return name;
        }

        JsonPath startLive() {
            return asAdmin()
                    .body(Map.of("dryRun", false))
                    .post("/api/v1/drills/" + drill + "/runs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();
        }

        Map<String, String> desiredHashes() {
            Map<String, String> hashes = new LinkedHashMap<>();
            for (String cluster : List.of(targetCluster, survivorCluster)) {
                hashes.put(
                        cluster,
                        asAdmin()
                                .get("/api/v1/clusters/" + cluster + "/status")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("desiredHash"));
            }
            return hashes;
        }

        private void awaitConvergedAndReported() {
            for (String cluster : List.of(targetCluster, survivorCluster)) {
                await().atMost(WITHIN)
                        .untilAsserted(() -> asAdmin()
                                .get("/api/v1/clusters/" + cluster + "/status")
                                .then()
                                .body("connected", equalTo(true))
                                .body("revisionLag", equalTo(0))
                                .body("facts.workloads.size()", equalTo(1)));
            }
        }

        @Override
        public void close() throws InterruptedException {
            targetAgent.close();
            survivorAgent.close();
        }
    }
}
