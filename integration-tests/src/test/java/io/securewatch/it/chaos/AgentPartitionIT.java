package io.securewatch.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItApi;
import io.securewatch.it.ItDatabase;
import io.securewatch.it.LiveDrills;
import io.securewatch.it.SimulatedFleet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged agent of {@code eu-central-1-b} as a process in a network namespace of the test's own, reaching the
 * control plane on 127.0.0.1 through a TCP relay on the host's end of a veth pair, and cut off by an nftables table
 * inside that namespace. The agents of the demo's five other clusters run in the test JVM on loopback.
 */
class AgentPartitionIT {

    private static final String PARTITIONED = "eu-central-1-b";
    private static final String REGION = "eu-central-1";
    private static final List<String> CLUSTERS = SimulatedFleet.CLUSTERS;

    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    /**
     * The cluster status counts an agent as disconnected once its last heartbeat is older than three heartbeat
     * intervals (ClusterStatusService.MISSED_HEARTBEATS).
     */
    private static final Duration HEARTBEAT_TIMEOUT = HEARTBEAT_INTERVAL.multipliedBy(3);

    /**
     * The maximum time the agent may take to apply the latest revision after the partition heals. Both TCP ends
     * retransmit with exponential backoff during the partition, so the first segment after healing may cross
     * seconds later. A stream that does not recover is ended by the agent's gRPC keepalive (a ping after 30 s,
     * with a 10 s timeout).
     */
    /** How often the control plane closes streams that stayed silent for three heartbeat intervals (its default). */
    private static final Duration SILENCE_CHECK_INTERVAL = Duration.ofSeconds(5);

    private static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(60);

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static LiveDrills drills;
    private static SimulatedFleet fleet;
    private static NetworkNamespace namespace;
    private static TcpRelay relay;
    private static NamespacedAgent agent;
    private static boolean partitioned;
    private static Instant partitionedAtClock;

    @BeforeAll
    static void startAgentsAndNamespace() throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(
                database,
                "agent-partition",
                Map.of("SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", HEARTBEAT_INTERVAL.toSeconds() + "s"));
        controlPlane.start();
        drills = new LiveDrills(controlPlane.baseUrl());
        fleet = SimulatedFleet.start(
                controlPlane.baseUrl(),
                controlPlane.port,
                CLUSTERS.stream()
                        .filter(cluster -> !cluster.equals(PARTITIONED))
                        .toList());
        namespace = NetworkNamespace.create("sw-part");
        relay = TcpRelay.start("agent-partition-relay", namespace.hostAddress, controlPlane.port);
        agent = NamespacedAgent.start(
                namespace, PARTITIONED, relay.url(), ItApi.registrationToken(controlPlane, PARTITIONED));
        ItApi.awaitConverged(controlPlane, CLUSTERS);
    }

    @AfterEach
    void healLeftoverPartition() throws Exception {
        if (partitioned) {
            heal();
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        started.add(agent);
        started.add(relay);
        started.add(namespace);
        started.add(fleet);
        started.add(controlPlane);
        started.add(database);
        Exception first = null;
        for (AutoCloseable closeable : started) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Test
    void partitionedAgentShownDisconnectedAfterHeartbeatTimeout() throws Exception {
        // given
        ItApi.awaitConverged(controlPlane, CLUSTERS);

        // when
        long partitionedAt = System.nanoTime();
        partition();

        // then: shown disconnected once the last heartbeat, sent before the partition, is older than the timeout
        JsonPath[] disconnected = new JsonPath[1];
        await().atMost(HEARTBEAT_TIMEOUT.plus(HEARTBEAT_INTERVAL).plusSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    disconnected[0] = drills.status(PARTITIONED);
                    return !disconnected[0].getBoolean("connected");
                });
        Instant shownAt = Instant.now();
        Duration shownAfter = Duration.ofNanos(System.nanoTime() - partitionedAt);
        Instant lastHeartbeat = Instant.parse(disconnected[0].getString("lastHeartbeatAt"));
        System.out.printf(
                "Agent partitioned with %d s heartbeats: shown disconnected after %d ms, its last heartbeat %d ms"
                        + " before the partition%n",
                HEARTBEAT_INTERVAL.toSeconds(),
                shownAfter.toMillis(),
                Duration.between(lastHeartbeat, partitionedAtClock).toMillis());
        assertThat(lastHeartbeat).isBefore(partitionedAtClock.plus(HEARTBEAT_INTERVAL));
        assertThat(Duration.between(lastHeartbeat, shownAt)).isGreaterThanOrEqualTo(HEARTBEAT_TIMEOUT);
        assertThat(agent.isAlive()).isTrue();
        for (String cluster : CLUSTERS) {
            if (!cluster.equals(PARTITIONED)) {
                assertThat(drills.status(cluster).getBoolean("connected"))
                        .as(cluster)
                        .isTrue();
            }
        }
    }

    @Test
    void liveDrillsNeedingPartitionedAgentAreRejected() throws Exception {
        // given: evacuations of the agent's region and of another region, both passing their pre-flight checks while
        // the agent is connected, and then the partition
        ItApi.awaitConverged(controlPlane, CLUSTERS);
        String ownRegionDrill = createDrill(REGION);
        String otherRegionDrill = createDrill("eu-west-1");
        JsonPath ownRegionDryRun = startRun(ownRegionDrill, true);
        JsonPath otherRegionDryRun = startRun(otherRegionDrill, true);
        assertThat(ownRegionDryRun.getString("status"))
                .as(ownRegionDryRun.prettify())
                .isEqualTo("passed");
        assertThat(otherRegionDryRun.getString("status"))
                .as(otherRegionDryRun.prettify())
                .isEqualTo("passed");
        partition();
        awaitDisconnected();
        Map<String, Long> revisionsBefore = drills.desiredRevisions(CLUSTERS);

        // when: live runs of both, the second needing the agent's cluster as a survivor
        JsonPath ownRegion = startRun(ownRegionDrill, false);
        JsonPath otherRegion = startRun(otherRegionDrill, false);

        // then
        assertThat(ownRegion.getString("status")).as(ownRegion.prettify()).isEqualTo("failed");
        assertThat(ownRegion.getBoolean("checks.find { it.name == 'agents' }.passed"))
                .isFalse();
        assertThat(ownRegion.getList("checks.find { it.name == 'agents' }.details"))
                .contains(PARTITIONED + " (target): agent not connected");
        assertThat(ownRegion.getString("checks.find { it.name == 'agents' }.summary"))
                .isEqualTo("5 of 6 agents connected, 6 of 6 up to date");
        assertThat(ownRegion.getList("steps")).isNullOrEmpty();
        assertThat(otherRegion.getString("status")).as(otherRegion.prettify()).isEqualTo("failed");
        assertThat(otherRegion.getList("checks.find { it.name == 'agents' }.details"))
                .contains(PARTITIONED + " (survivor): agent not connected");
        assertThat(otherRegion.getString("checks.find { it.name == 'agents' }.summary"))
                .isEqualTo("5 of 6 agents connected, 6 of 6 up to date");
        assertThat(otherRegion.getList("steps")).isNullOrEmpty();
        assertThat(drills.desiredRevisions(CLUSTERS)).isEqualTo(revisionsBefore);
    }

    @Test
    void changeDuringPartitionAppliedAfterHealing() throws Exception {
        // given: a workload in the agent's region whose scaling policy is set while the agent is cut off, and the
        // partition kept until the control plane has closed the agent's silent stream
        String workload = createWorkload(REGION);
        String connectedAt = drills.status(PARTITIONED).getString("connectedAt");
        partition();
        awaitDisconnected();
        long desired = setScalingPolicy(workload);
        long closedAfter = awaitStreamClosed(connectedAt);
        System.out.printf("Partitioned agent's stream closed by the control plane after %d ms%n", closedAfter);

        // when
        long healedAt = System.nanoTime();
        heal();

        // then: the agent learns that its stream ended, connects again and gets the change
        awaitApplied(desired);
        System.out.printf(
                "Partition healed: the agent applied the change made during it after %d ms%n",
                Duration.ofNanos(System.nanoTime() - healedAt).toMillis());
        assertThat(Instant.parse(drills.status(PARTITIONED).getString("connectedAt")))
                .isAfter(Instant.parse(connectedAt));
    }

    /** Creates a workload in the region and waits until every agent has applied it. */
    private static String createWorkload(String region) {
        String workload = ItApi.unique("partition");
        ItApi.asAdmin(controlPlane)
                .body(ItApi.workloadBody(workload, List.of(region)))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        ItApi.awaitConverged(controlPlane, CLUSTERS);
        return workload;
    }

    /** Sets the workload's first scaling policy and returns the partitioned cluster's desired revision after it. */
    private static long setScalingPolicy(String workload) {
        ItApi.asAdmin(controlPlane)
                .body(Map.of("minReplicas", 2, "maxReplicas", 6, "targetCpuUtilization", 70))
                .put("/api/v1/workloads/" + workload + "/scaling-policy")
                .then()
                .statusCode(200);
        JsonPath behind = drills.status(PARTITIONED);
        assertThat(behind.getLong("revisionLag")).isPositive();
        return behind.getLong("desiredRevision");
    }

    /**
     * Waits until the control plane has recorded the end of the agent's stream that opened at {@code connectedAt},
     * and returns how many milliseconds after the partition the end was recorded.
     */
    private static long awaitStreamClosed(String connectedAt) {
        JsonPath[] status = new JsonPath[1];
        await().atMost(HEARTBEAT_TIMEOUT.plus(SILENCE_CHECK_INTERVAL).plusSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    status[0] = drills.status(PARTITIONED);
                    String disconnectedAt = status[0].getString("disconnectedAt");
                    return disconnectedAt != null
                            && Instant.parse(disconnectedAt).isAfter(Instant.parse(connectedAt));
                });
        assertThat(status[0].getString("connectedAt")).isEqualTo(connectedAt);
        return Duration.between(partitionedAtClock, Instant.parse(status[0].getString("disconnectedAt")))
                .toMillis();
    }

    private static void awaitApplied(long desired) {
        long pid = agent.pid();
        await().atMost(CONVERGENCE_BOUND).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath status = drills.status(PARTITIONED);
            assertThat(status.getBoolean("connected")).isTrue();
            assertThat(status.getLong("appliedRevision")).isEqualTo(desired);
            assertThat(status.getLong("revisionLag")).isZero();
        });
        assertThat(agent.isAlive()).isTrue();
        assertThat(agent.pid()).isEqualTo(pid);
        ItApi.awaitConverged(controlPlane, CLUSTERS);
    }

    private static void partition() throws Exception {
        partitioned = true;
        partitionedAtClock = Instant.now();
        namespace.partition();
        assertThat(namespace.ruleset()).contains("ip daddr " + namespace.hostAddress + " drop");
    }

    private static void heal() throws Exception {
        namespace.heal();
        partitioned = false;
    }

    private static void awaitDisconnected() {
        await().atMost(HEARTBEAT_TIMEOUT.plus(HEARTBEAT_INTERVAL).plusSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !drills.status(PARTITIONED).getBoolean("connected"));
    }

    /**
     * Creates an evacuation of the region for the demo's {@code securewatch-api} alone, so that workloads that other
     * tests create do not change its checks.
     */
    private static String createDrill(String region) {
        String name = ItApi.unique("partition-drill");
        ItApi.asAdmin(controlPlane)
                .body(Map.of(
                        "name",
                        name,
                        "type",
                        "region-evacuation",
                        "target",
                        region,
                        "scope",
                        Map.of("services", List.of(SimulatedFleet.SERVICE))))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);
        return name;
    }

    private static JsonPath startRun(String drill, boolean dryRun) {
        return ItApi.asAdmin(controlPlane)
                .body(Map.of("dryRun", dryRun))
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }
}
