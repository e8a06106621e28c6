package io.securewatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dry runs of the demo's evacuation drills against the packaged control plane and simulated agents, whose
 * {@code securewatch-api} load is fixed at one replica's worth per cluster.
 */
class DrillPreflightIT {

    private static final List<String> CLUSTERS =
            List.of("eu-west-1-a", "eu-west-1-b", "eu-central-1-a", "eu-central-1-b", "us-east-1-a", "us-east-1-b");

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static Agents agents;
    private static final List<AgentConnection> connections = new ArrayList<>();

    @BeforeAll
    static void startDemo() throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(
                database, "drill-preflight", Map.of("SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s"));
        controlPlane.start();
        agents = new Agents(controlPlane.port);
        Path state = Files.createTempDirectory("drill-agents");
        for (String cluster : CLUSTERS) {
            SimulatedClusterDriver driver = new SimulatedClusterDriver(64000, 274877906944L);
            // One replica's worth per cluster (70 % of 500m CPU, 80 % of 512 MiB), so that the load does not follow the
            // demo's sine wave.
            driver.setDemand("securewatch", "securewatch-api", 350, 512L * 1024 * 1024 * 8 / 10);
            connections.add(agents.start(
                    cluster,
                    ItApi.registrationToken(controlPlane, cluster),
                    driver,
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
    void demoEvacuationDryRunPasses() {
        // given: no revision of another test in flight
        awaitConverged();

        // when
        JsonPath run = ItApi.asAdmin(controlPlane)
                .body(Map.of("dryRun", true))
                .post("/api/v1/drills/evacuate-eu-west-1/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        // then
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("passed");
        assertThat(run.getString("checks.find { it.name == 'agents' }.summary"))
                .isEqualTo("6 of 6 agents connected, 6 of 6 up to date");
    }

    @Test
    void tooSmallMaximumFailsWithShortfall() {
        // given: a workload of at most 4 replicas in eu-west-1 and us-east-1, so us-east-1 alone allows 2
        String service = ItApi.unique("small");
        ItApi.asAdmin(controlPlane)
                .body(ItApi.workloadBody(service, List.of("eu-west-1", "us-east-1")))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        ItApi.asAdmin(controlPlane)
                .body(Map.of("minReplicas", 4, "maxReplicas", 4, "targetCpuUtilization", 70))
                .put("/api/v1/workloads/" + service + "/scaling-policy")
                .then()
                .statusCode(200);
        String drill = ItApi.unique("drill");
        ItApi.asAdmin(controlPlane)
                .body(Map.of(
                        "name",
                        drill,
                        "type",
                        "region-evacuation",
                        "target",
                        "eu-west-1",
                        "scope",
                        Map.of("services", List.of(service))))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);

        // when
        JsonPath run = ItApi.asAdmin(controlPlane)
                .body(Map.of("dryRun", true))
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();

        // then: a load of at least the 4 minimum replicas needs 5 with 20 % headroom
        assertThat(run.getString("status")).isEqualTo("failed");
        assertThat(run.getBoolean("checks.find { it.name == 'capacity' }.passed"))
                .isFalse();
        assertThat(run.getString("checks.find { it.name == 'capacity' }.details[0]"))
                .contains("survivors us-east-1 allow 2; short by");
    }

    private static void awaitConverged() {
        ItApi.awaitConverged(controlPlane, CLUSTERS);
    }
}
