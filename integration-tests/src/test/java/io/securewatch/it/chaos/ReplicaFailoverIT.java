package io.securewatch.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.securewatch.it.ItApi;
import io.securewatch.it.LiveDrills;
import io.securewatch.it.SimulatedFleet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control-plane replicas behind HAProxy, with the demo's six simulated agents connected through it, and the
 * leader taken away in the middle of a live drill: killed outright, or frozen for longer than its lease.
 */
class ReplicaFailoverIT {

    private static final List<String> CLUSTERS = SimulatedFleet.CLUSTERS;

    /** Maximum time of a takeover: the lease, the next renewal of the other replica, and slack for a busy CI. */
    private static final Duration TAKEOVER_BOUND = ReplicatedControlPlane.LEASE_TIME
            .plus(ReplicatedControlPlane.RENEW_INTERVAL)
            .plusSeconds(3);

    private static final int REQUESTS_PER_SECOND = 200;
    private static final Duration LOAD_DURATION = Duration.ofSeconds(20);
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    /**
     * Maximum number of requests that may fail while a replica dies. HAProxy retries a request whose connection was
     * refused or closed without a response on the other replica, so none should fail. The bound leaves room for a
     * request that the killed replica was processing at the very moment it died.
     */
    private static final int MAX_FAILED_REQUESTS = 2;

    private static ReplicatedControlPlane controlPlane;
    private static SimulatedFleet fleet;
    private static LiveDrills drills;

    @BeforeAll
    static void startReplicas() throws Exception {
        controlPlane = new ReplicatedControlPlane(
                "failover",
                Map.of(
                        "SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s",
                        "SECUREWATCH_DRILLS_RECONNECT_GRACE", "20s"));
        controlPlane.start(2);
        drills = new LiveDrills(controlPlane.apiUrl());
        fleet = SimulatedFleet.start(controlPlane.apiUrl(), controlPlane.agentPort());
        ItApi.awaitConverged(controlPlane.apiUrl(), CLUSTERS);
    }

    @AfterAll
    static void stopReplicas() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    /** Replaces a replica that a test killed or left frozen, so that every test starts with two. */
    @AfterEach
    void restoreReplicas() throws Exception {
        for (int i = 0; i < 2; i++) {
            if (!controlPlane.replica(i).isAlive()) {
                controlPlane.replace(i);
            }
        }
    }

    @Test
    void killedLeaderHandsOverRunningDrill() throws Exception {
        // given: a live evacuation of eu-west-1 in its observation period
        ObservedRun observed = observing("eu-west-1", 15);
        int leader = controlPlane.awaitLeader();
        long epoch = controlPlane.lease().orElseThrow().epoch();

        // when
        long killedAt = System.nanoTime();
        controlPlane.replica(leader).kill();

        // then: the other replica holds the lease under the next epoch, within the lease time
        ReplicatedControlPlane.Lease lease = awaitLeaseHeldByOtherThan(leader);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        System.out.printf("Leader killed with kill -9: the other replica led after %d ms%n", takeover.toMillis());
        assertThat(lease.epoch()).isEqualTo(epoch + 1);
        assertThat(takeover).isLessThan(TAKEOVER_BOUND);
        JsonPath run = drills.awaitStatus(observed.drill(), "completed", Duration.ofSeconds(120));
        assertThat(run.getList("events.kind")).contains("resumed");
        drills.assertEveryStepPushedOnce(run, observed.revisionsBefore());
        ItApi.awaitConverged(controlPlane.apiUrl(), CLUSTERS);
    }

    @Test
    void frozenLeaderIsFencedOutAfterWaking() throws Exception {
        // given: a live evacuation of eu-central-1 in its observation period
        ObservedRun observed = observing("eu-central-1", 20);
        int leader = controlPlane.awaitLeader();
        int other = 1 - leader;
        long epoch = controlPlane.lease().orElseThrow().epoch();

        // when: the leader is frozen for longer than its lease, then goes on
        controlPlane.replica(leader).pause();
        try {
            ReplicatedControlPlane.Lease lease = awaitLeaseHeldByOtherThan(leader);
            assertThat(lease.epoch()).isEqualTo(epoch + 1);
            awaitAgentsOn(other);
        } finally {
            controlPlane.replica(leader).resume();
        }

        // then: the woken replica learns that it lost the lease and disturbs neither the agents nor the run
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(
                        () -> assertThat(controlPlane.replica(leader).log()).contains("Leadership lost"));
        assertThat(leaderGauge(leader)).isZero();
        assertThat(controlPlane.lease().map(ReplicatedControlPlane.Lease::holder))
                .contains(controlPlane.replicaId(other));
        JsonPath run = drills.awaitStatus(observed.drill(), "completed", Duration.ofSeconds(120));
        drills.assertEveryStepPushedOnce(run, observed.revisionsBefore());
        awaitAgentsOn(other);
        ItApi.awaitConverged(controlPlane.apiUrl(), CLUSTERS);
    }

    @Test
    void replicaKillUnderLoadFailsNoRequest() throws Exception {
        ItApi.awaitConverged(controlPlane.apiUrl(), CLUSTERS);
        try (SteadyLoad load = new SteadyLoad(controlPlane.apiUrl())) {
            // given: 200 requests a second through HAProxy, spread over both replicas, which half and then all of
            // that load has warmed up, as replicas in service are
            for (int rate : List.of(REQUESTS_PER_SECOND / 2, REQUESTS_PER_SECOND)) {
                SteadyLoad.Result warmUp = load.run(rate, WARM_UP, () -> {});
                System.out.printf(
                        "Steady load, warm-up at %d a second: %d requests, %d failed; latency %s%n",
                        rate,
                        warmUp.sent(),
                        warmUp.failures().size(),
                        warmUp.latency().summary());
            }
            int victim = 1 - controlPlane.awaitLeader();

            // when: a replica is killed halfway through
            SteadyLoad.Result result = load.run(
                    REQUESTS_PER_SECOND,
                    LOAD_DURATION,
                    () -> controlPlane.replica(victim).kill());

            // then: HAProxy retried what the killed replica dropped, and every acknowledged write is stored
            System.out.printf(
                    "Steady load while a replica was killed: %d requests, %d failed %s; latency %s%n",
                    result.sent(),
                    result.failures().size(),
                    result.failures(),
                    result.latency().summary());
            assertThat(result.failures()).hasSizeLessThanOrEqualTo(MAX_FAILED_REQUESTS);
            assertThat(result.acknowledgedDrills()).hasSizeGreaterThan(result.sent() / 10 - MAX_FAILED_REQUESTS - 1);
            for (String drill : result.acknowledgedDrills()) {
                ItApi.asAdmin(controlPlane.apiUrl())
                        .get("/api/v1/drills/" + drill)
                        .then()
                        .statusCode(200);
            }
        }
    }

    /** A live run in its observation period, and the clusters' desired revisions before it started. */
    private record ObservedRun(String drill, Map<String, Long> revisionsBefore) {}

    /** Starts a live evacuation of the region and waits until it is in its observation period. */
    private static ObservedRun observing(String region, int observationSeconds) {
        ItApi.awaitConverged(controlPlane.apiUrl(), CLUSTERS);
        String drill = drills.create(region, observationSeconds);
        Map<String, Long> revisionsBefore = drills.desiredRevisions(CLUSTERS);
        drills.start(drill);
        drills.awaitStep(drill, "observe");
        return new ObservedRun(drill, revisionsBefore);
    }

    /** Waits until a replica other than {@code deposed} holds a live lease. */
    private static ReplicatedControlPlane.Lease awaitLeaseHeldByOtherThan(int deposed) {
        ReplicatedControlPlane.Lease[] lease = new ReplicatedControlPlane.Lease[1];
        String deposedId = controlPlane.replicaId(deposed);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Optional<ReplicatedControlPlane.Lease> held = controlPlane.lease();
                    lease[0] = held.orElse(null);
                    return held.isPresent() && !held.get().holder().equals(deposedId);
                });
        return lease[0];
    }

    /** Waits until every agent is connected, and connected to the replica. */
    private static void awaitAgentsOn(int replica) {
        String id = controlPlane.replicaId(replica);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    for (String cluster : CLUSTERS) {
                        JsonPath status = drills.status(cluster);
                        assertThat(status.getBoolean("connected")).as(cluster).isTrue();
                        assertThat(status.getString("connectedReplica"))
                                .as(cluster)
                                .isEqualTo(id);
                    }
                });
    }

    /** Reads {@code securewatch_leadership_leader} from the replica's own metrics endpoint. */
    private static double leaderGauge(int replica) {
        String metrics = io.restassured.RestAssured.given()
                .baseUri(controlPlane.replica(replica).baseUrl())
                .get("/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("securewatch_leadership_leader"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("securewatch_leadership_leader missing from /metrics"));
    }
}
