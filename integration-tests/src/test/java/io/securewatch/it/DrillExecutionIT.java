package io.securewatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live evacuations of the demo inventory against the packaged control plane and simulated agents whose traffic
 * follows the routing in their bundles. The cases: a run that completes and leaves every bundle as it was, an
 * injected error rate that aborts a run, and a control-plane restart in the middle of a run.
 */
class DrillExecutionIT {

    private static final List<String> CLUSTERS =
            List.of("eu-west-1-a", "eu-west-1-b", "eu-central-1-a", "eu-central-1-b", "us-east-1-a", "us-east-1-b");
    private static final List<String> STEPS =
            List.of("pre-scale", "wait-ready", "shift-routing", "verify", "observe", "fail-back", "restore-scaling");
    private static final String NAMESPACE = "securewatch";
    private static final String SERVICE = "securewatch-api";

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static Agents agents;
    private static final Map<String, SimulatedClusterDriver> drivers = new LinkedHashMap<>();
    private static final List<AgentConnection> connections = new ArrayList<>();

    @BeforeAll
    static void startDemo() throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(
                database,
                "drill-execution",
                Map.of(
                        "SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s",
                        "SECUREWATCH_DRILLS_RECONNECT_GRACE", "20s"));
        controlPlane.start();
        agents = new Agents(controlPlane.port);
        Path state = Files.createTempDirectory("drill-execution-agents");
        for (String cluster : CLUSTERS) {
            SimulatedClusterDriver driver = new SimulatedClusterDriver(64000, 274877906944L);
            // One replica's worth of CPU and memory per cluster, so that capacity does not follow the sine wave;
            // requests follow the routing weights.
            driver.setDemand(NAMESPACE, SERVICE, 350, 512L * 1024 * 1024 * 8 / 10);
            driver.setRequestRate(NAMESPACE, SERVICE, 100);
            drivers.put(cluster, driver);
            connections.add(agents.start(
                    cluster,
                    ItApi.registrationToken(controlPlane, cluster),
                    RoutingDriver.wrap(driver, Optional.empty(), Optional.empty()),
                    state.resolve(cluster),
                    AgentEvents.NONE));
        }
        awaitConverged();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        connections.forEach(AgentConnection::close);
        if (agents != null) {
            agents.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
            database.close();
        }
    }

    @Test
    void evacuationRestoresSameBundles() {
        // given
        awaitConverged();
        String drill = createDrill("eu-west-1", 3);
        Map<String, String> before = desiredHashes();

        // when
        start(drill);
        JsonPath run = awaitStatus(drill, "completed", Duration.ofSeconds(90));

        // then
        assertThat(run.getList("steps.name")).containsExactlyElementsOf(STEPS);
        assertThat(run.getMap("steps.find { it.name == 'shift-routing' }.acks").keySet())
                .containsExactlyInAnyOrderElementsOf(CLUSTERS);
        assertThat(run.getLong("measurements.recoveryTimeMillis")).isPositive();
        assertThat(run.getLong("measurements.failBackMillis")).isPositive();
        assertThat(run.getFloat("measurements.trafficShare.before.eu-west-1")).isGreaterThan(40f);
        assertThat(run.getFloat("measurements.trafficShare.during.eu-west-1")).isZero();
        assertThat(run.getFloat("measurements.trafficShare.during.eu-central-1"))
                .isGreaterThan(50f);
        awaitConverged();
        assertThat(desiredHashes()).isEqualTo(before);
        String report = ItApi.asAdmin(controlPlane)
                .accept("*/*")
                .queryParam("format", "markdown")
                .get("/api/v1/drills/" + drill + "/runs/1/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(report).contains("# Drill " + drill + " run 1: completed").contains("Recovery time");
    }

    @Test
    void injectedErrorsAbortWithinFiveSeconds() {
        // given: a run that keeps eu-central-1 evacuated for a minute
        awaitConverged();
        String drill = createDrill("eu-central-1", 60);
        Map<String, String> before = desiredHashes();
        start(drill);
        awaitStep(drill, "observe");

        try {
            // when: a survivor's simulated metrics show 25 % errors
            drivers.get("us-east-1-b").setErrorRate(NAMESPACE, SERVICE, 25);

            // then: the pre-drill routing and scaling are back in every cluster's desired state within 5 s
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(desiredHashes()).isEqualTo(before));
        } finally {
            drivers.get("us-east-1-b").setErrorRate(NAMESPACE, SERVICE, 0);
        }
        JsonPath run = awaitStatus(drill, "aborted", Duration.ofSeconds(30));
        assertThat(run.getString("abortedBy")).isEqualTo("system:guardrail");
        assertThat(run.getString("abortReason")).contains("us-east-1-b").contains("25.0 %");
    }

    @Test
    void restartResumesWithoutRepeatingSteps() throws Exception {
        // given: a run of us-east-1 in its observation period
        awaitConverged();
        String drill = createDrill("us-east-1", 20);
        Map<String, Long> revisionsBefore = desiredRevisions();
        start(drill);
        awaitStep(drill, "observe");

        // when
        controlPlane.stop();
        controlPlane.start();

        // then
        JsonPath run = awaitStatus(drill, "completed", Duration.ofSeconds(120));
        assertThat(run.getList("steps.name")).containsExactlyElementsOf(STEPS);
        assertThat(run.getList("events.kind")).contains("resumed");
        // Every revision a cluster received during the run was pushed by exactly one recorded step.
        Map<String, Long> revisionsAfter = desiredRevisions();
        for (String cluster : CLUSTERS) {
            List<Long> pushed = new ArrayList<>();
            for (Map<String, Object> step : run.<Map<String, Object>>getList("steps")) {
                Object revision = ((Map<?, ?>) step.get("revisions")).get(cluster);
                if (revision != null) {
                    pushed.add(((Number) revision).longValue());
                }
            }
            assertThat(pushed).as(cluster).isSorted().doesNotHaveDuplicates();
            assertThat(revisionsAfter.get(cluster) - revisionsBefore.get(cluster))
                    .as(cluster)
                    .isEqualTo(pushed.size());
        }
    }

    private static String createDrill(String target, int observationSeconds) {
        String name = ItApi.unique("live");
        ItApi.asAdmin(controlPlane)
                .body(Map.of(
                        "name",
                        name,
                        "type",
                        "region-evacuation",
                        "target",
                        target,
                        "mode",
                        "live",
                        "guardrails",
                        Map.of("observationSeconds", observationSeconds, "ackTimeoutSeconds", 30)))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);
        return name;
    }

    private static void start(String drill) {
        JsonPath run = ItApi.asAdmin(controlPlane)
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("running");
    }

    private static JsonPath awaitStatus(String drill, String status, Duration within) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last[0] = run(drill);
            assertThat(last[0].getString("status")).as(last[0].prettify()).isEqualTo(status);
        });
        return last[0];
    }

    private static void awaitStep(String drill, String step) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonPath run = run(drill);
                    List<String> steps = run.getList("steps.name");
                    assertThat(steps).as(run.prettify()).isNotEmpty().last().isEqualTo(step);
                });
    }

    private static JsonPath run(String drill) {
        return ItApi.asAdmin(controlPlane)
                .get("/api/v1/drills/" + drill + "/runs/1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, String> desiredHashes() {
        Map<String, String> hashes = new LinkedHashMap<>();
        CLUSTERS.forEach(cluster -> hashes.put(cluster, status(cluster).getString("desiredHash")));
        return hashes;
    }

    private static Map<String, Long> desiredRevisions() {
        Map<String, Long> revisions = new LinkedHashMap<>();
        CLUSTERS.forEach(cluster -> revisions.put(cluster, status(cluster).getLong("desiredRevision")));
        return revisions;
    }

    private static JsonPath status(String cluster) {
        return ItApi.asAdmin(controlPlane)
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void awaitConverged() {
        ItApi.awaitConverged(controlPlane, CLUSTERS);
    }
}
