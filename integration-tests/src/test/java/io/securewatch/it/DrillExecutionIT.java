package io.securewatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live evacuations of the demo inventory against the packaged control plane and simulated agents whose traffic
 * follows the routing in their bundles. The cases: a run that completes and leaves every bundle as it was, an
 * injected error rate that aborts a run, and a control-plane restart in the middle of a run.
 */
class DrillExecutionIT {

    private static final List<String> CLUSTERS = SimulatedFleet.CLUSTERS;

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static SimulatedFleet fleet;
    private static LiveDrills drills;

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
        drills = new LiveDrills(controlPlane.baseUrl());
        fleet = SimulatedFleet.start(controlPlane.baseUrl(), controlPlane.port);
        awaitConverged();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (fleet != null) {
            fleet.close();
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
        String drill = drills.create("eu-west-1", 3);
        Map<String, String> before = drills.desiredHashes(CLUSTERS);

        // when
        drills.start(drill);
        JsonPath run = drills.awaitStatus(drill, "completed", Duration.ofSeconds(90));

        // then
        assertThat(run.getList("steps.name")).containsExactlyElementsOf(LiveDrills.STEPS);
        assertThat(run.getMap("steps.find { it.name == 'shift-routing' }.acks").keySet())
                .containsExactlyInAnyOrderElementsOf(CLUSTERS);
        assertThat(run.getLong("measurements.recoveryTimeMillis")).isPositive();
        assertThat(run.getLong("measurements.failBackMillis")).isPositive();
        assertThat(run.getFloat("measurements.trafficShare.before.eu-west-1")).isGreaterThan(40f);
        assertThat(run.getFloat("measurements.trafficShare.during.eu-west-1")).isZero();
        assertThat(run.getFloat("measurements.trafficShare.during.eu-central-1"))
                .isGreaterThan(50f);
        awaitConverged();
        assertThat(drills.desiredHashes(CLUSTERS)).isEqualTo(before);
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
        String drill = drills.create("eu-central-1", 60);
        Map<String, String> before = drills.desiredHashes(CLUSTERS);
        drills.start(drill);
        drills.awaitStep(drill, "observe");

        try {
            // when: a survivor's simulated metrics show 25 % errors
            fleet.driver("us-east-1-b").setErrorRate(SimulatedFleet.NAMESPACE, SimulatedFleet.SERVICE, 25);

            // then: the pre-drill routing and scaling are back in every cluster's desired state within 5 s
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(
                            () -> assertThat(drills.desiredHashes(CLUSTERS)).isEqualTo(before));
        } finally {
            fleet.driver("us-east-1-b").setErrorRate(SimulatedFleet.NAMESPACE, SimulatedFleet.SERVICE, 0);
        }
        JsonPath run = drills.awaitStatus(drill, "aborted", Duration.ofSeconds(30));
        assertThat(run.getString("abortedBy")).isEqualTo("system:guardrail");
        assertThat(run.getString("abortReason")).contains("us-east-1-b").contains("25.0 %");
    }

    @Test
    void restartResumesWithoutRepeatingSteps() throws Exception {
        // given: a run of us-east-1 in its observation period
        awaitConverged();
        String drill = drills.create("us-east-1", 20);
        Map<String, Long> revisionsBefore = drills.desiredRevisions(CLUSTERS);
        drills.start(drill);
        drills.awaitStep(drill, "observe");

        // when
        controlPlane.stop();
        controlPlane.start();

        // then
        JsonPath run = drills.awaitStatus(drill, "completed", Duration.ofSeconds(120));
        assertThat(run.getList("events.kind")).contains("resumed");
        drills.assertEveryStepPushedOnce(run, revisionsBefore);
    }

    private static void awaitConverged() {
        ItApi.awaitConverged(controlPlane, CLUSTERS);
    }
}
