package io.securewatch.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.securewatch.it.Agents;
import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItApi;
import io.securewatch.it.ItDatabase;
import io.securewatch.it.LiveDrills;
import io.securewatch.it.OwnedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged control plane on a PostgreSQL server that the test starts itself, under a steady stream of writes,
 * while that server crashes ({@code pg_ctl stop -m immediate}) and starts again a few seconds later with crash
 * recovery from its WAL. The control plane is not restarted.
 */
class PostgresRestartIT {

    private static final String CLUSTER = "eu-west-1-a";
    private static final String REPLICA = "postgres-restart-1";
    private static final int WRITES_PER_SECOND = 25;

    /** How long PostgreSQL stays down before the test starts it again. */
    private static final Duration DOWN_TIME = Duration.ofSeconds(5);

    private static final Duration LEASE_TIME = Duration.ofSeconds(4);
    private static final Duration RENEW_INTERVAL = Duration.ofSeconds(1);

    /** A write in flight when PostgreSQL crashes may fail, and it was sent at most this long before the crash. */
    private static final Duration REQUEST_TIMEOUT = SteadyWrites.REQUEST_TIMEOUT;

    /**
     * How long after PostgreSQL accepts connections again the control plane must report ready and commit writes.
     * Both connection pools open new connections on demand, so most of this is slack for a busy machine.
     */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);

    private static OwnedPostgres postgres;
    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static Agents agents;
    private static AgentConnection agent;

    @BeforeAll
    static void startControlPlaneOnOwnPostgres() throws Exception {
        postgres = OwnedPostgres.create("postgres-restart");
        postgres.start();
        database = new ItDatabase(postgres.server());
        controlPlane = new ControlPlaneProcess(
                database,
                "postgres-restart",
                Map.of(
                        "SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL",
                        "1s",
                        "SECUREWATCH_AGENTS_REPLICA_ID",
                        REPLICA,
                        "SECUREWATCH_LEADERSHIP_LEASE_TIME",
                        LEASE_TIME.toMillis() + "ms",
                        "SECUREWATCH_LEADERSHIP_RENEW_INTERVAL",
                        RENEW_INTERVAL.toMillis() + "ms"));
        controlPlane.start();
        agents = new Agents(controlPlane.port);
        agent = agents.start(
                CLUSTER,
                ItApi.registrationToken(controlPlane, CLUSTER),
                new SimulatedClusterDriver(64000, 274877906944L),
                Files.createTempDirectory("postgres-restart-agent"),
                AgentEvents.NONE);
        ItApi.awaitConverged(controlPlane, List.of(CLUSTER));
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (agents != null) {
            agents.close();
        }
        try {
            if (controlPlane != null) {
                controlPlane.close();
            }
            if (database != null) {
                database.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void crashUnderLoadRecoversWithoutRestart() throws Exception {
        // given: 25 writes a second, both probes polled every 100 ms, the lease held and the agent up to date
        long pid = controlPlane.pid();
        long postmasterBefore = postgres.postmasterPid();
        long epochBefore = awaitLeaseHeld(Duration.ofSeconds(30));
        String connectedAt = clusterStatus().getString("connectedAt");
        List<SteadyWrites.Write> all;
        long stoppedAt;
        long downAt;
        long upAt;
        try (ProbeRecorder probes = ProbeRecorder.start(controlPlane.baseUrl(), Duration.ofMillis(100));
                SteadyWrites writes = new SteadyWrites(controlPlane.baseUrl())) {
            long writingFrom = System.nanoTime();
            writes.start(WRITES_PER_SECOND);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> acknowledgedSentAfter(writes.writes(), writingFrom) >= 2 * WRITES_PER_SECOND);

            // when: PostgreSQL crashes, stays down for a few seconds, and starts again with crash recovery
            stoppedAt = System.nanoTime();
            postgres.stop(OwnedPostgres.StopMode.IMMEDIATE);
            downAt = System.nanoTime();
            await().atMost(DOWN_TIME.plusSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> System.nanoTime() - downAt >= DOWN_TIME.toNanos()
                            && probes.since(ProbeRecorder.READY, downAt).stream()
                                    .anyMatch(sample -> sample.status() == 503));
            long startingAt = System.nanoTime();
            postgres.start();
            upAt = System.nanoTime();

            // then: readiness and writes come back within the bound, and stay back
            await().atMost(RECOVERY_BOUND)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            probes.since(ProbeRecorder.READY, upAt).stream().anyMatch(sample -> sample.status() == 200)
                                    && acknowledgedSentAfter(writes.writes(), upAt) > 0);
            long recoveredAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> acknowledgedSentAfter(writes.writes(), recoveredAt) >= 2 * WRITES_PER_SECOND);
            writes.stop();
            all = writes.writes();

            List<SteadyWrites.Write> failed =
                    all.stream().filter(write -> !write.acknowledged()).toList();
            SteadyWrites.Write firstRecovered = all.stream()
                    .filter(write -> write.acknowledged() && write.sentAtNanos() - stoppedAt > 0)
                    .min(Comparator.comparingLong(SteadyWrites.Write::completedAtNanos))
                    .orElseThrow();
            ProbeRecorder.Sample firstNotReady = probes.since(ProbeRecorder.READY, stoppedAt).stream()
                    .filter(sample -> sample.status() == 503)
                    .findFirst()
                    .orElseThrow();
            ProbeRecorder.Sample firstReadyAgain = probes.since(ProbeRecorder.READY, upAt).stream()
                    .filter(sample -> sample.status() == 200)
                    .findFirst()
                    .orElseThrow();
            System.out.printf(
                    "PostgreSQL crash (pg_ctl stop -m immediate) under %d writes/s: down for %d ms, from the stop until"
                            + " pg_ctl start returned after %d ms of start-up and crash recovery; readiness 503 from %d"
                            + " ms after the stop, 200 again %d ms after start-up; writes failed for %d ms, until the"
                            + " first acknowledged write %d ms after pg_ctl start was run; %d of %d writes failed, by"
                            + " status %s%n",
                    WRITES_PER_SECOND,
                    millis(upAt - stoppedAt),
                    millis(upAt - startingAt),
                    millis(firstNotReady.completedAtNanos() - stoppedAt),
                    millis(firstReadyAgain.completedAtNanos() - upAt),
                    millis(firstRecovered.completedAtNanos() - stoppedAt),
                    millis(firstRecovered.completedAtNanos() - startingAt),
                    failed.size(),
                    all.size(),
                    failed.stream()
                            .collect(Collectors.groupingBy(
                                    SteadyWrites.Write::status, TreeMap::new, Collectors.counting())));
            assertThat(probes.since(ProbeRecorder.LIVE, writingFrom))
                    .as("liveness from the first write to the last")
                    .isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.status()).isEqualTo(200));
            assertThat(probes.within(ProbeRecorder.READY, writingFrom, stoppedAt))
                    .as("readiness responses before the crash")
                    .isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.status()).isEqualTo(200));
            assertThat(probes.within(ProbeRecorder.READY, downAt, startingAt))
                    .as("readiness requests sent and completed while PostgreSQL was down")
                    .isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.status()).isEqualTo(503));
            assertThat(failed)
                    .as("failed writes, each with status 503 so that the client retries it")
                    .allSatisfy(write -> assertThat(write.status()).isEqualTo(503));
            assertThat(failed)
                    .as("failed writes, all sent between the crash and the first write acknowledged again")
                    .allSatisfy(write -> assertThat(write.sentAtNanos())
                            .isBetween(stoppedAt - REQUEST_TIMEOUT.toNanos(), firstRecovered.completedAtNanos()));
        }

        // then: the same process, after a real crash recovery, with every acknowledged write stored
        assertThat(controlPlane.isAlive()).isTrue();
        assertThat(controlPlane.pid()).isEqualTo(pid);
        assertThat(postgres.postmasterPid()).isNotEqualTo(postmasterBefore);
        assertThat(postgres.log()).contains("database system was interrupted");
        List<SteadyWrites.Write> acknowledged =
                all.stream().filter(SteadyWrites.Write::acknowledged).toList();
        assertThat(acknowledged).hasSizeGreaterThan(4 * WRITES_PER_SECOND);
        for (SteadyWrites.Write write : acknowledged) {
            ItApi.asAdmin(controlPlane)
                    .get("/api/v1/drills/" + write.drill())
                    .then()
                    .statusCode(200);
        }

        // then: the leader lease is held again
        long epochAfter = awaitLeaseHeld(LEASE_TIME.plus(RENEW_INTERVAL).plusSeconds(5));
        System.out.printf("Leader lease held again, epoch %d before the crash and %d after%n", epochBefore, epochAfter);

        // then: the change listener listens again, so a change reaches the agent on the stream it kept
        assertThat(controlPlane.log().split("Listening for cluster changes", -1).length - 1)
                .as("'Listening for cluster changes' lines in the control plane's log")
                .isGreaterThanOrEqualTo(2);
        long changedAt = System.nanoTime();
        ItApi.asAdmin(controlPlane)
                .body(ItApi.workloadBody(ItApi.unique("after-crash"), List.of("eu-west-1")))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        long desired = clusterStatus().getLong("desiredRevision");
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() ->
                        assertThat(clusterStatus().getLong("appliedRevision")).isEqualTo(desired));
        System.out.printf(
                "A change after the crash reached the agent in %d ms%n", millis(System.nanoTime() - changedAt));
        JsonPath status = clusterStatus();
        assertThat(status.getBoolean("connected")).isTrue();
        assertThat(status.getString("connectedAt"))
                .as("the agent's stream was never reconnected")
                .isEqualTo(connectedAt);
    }

    private static long acknowledgedSentAfter(List<SteadyWrites.Write> writes, long fromNanos) {
        return writes.stream()
                .filter(write -> write.acknowledged() && write.sentAtNanos() - fromNanos >= 0)
                .count();
    }

    private static JsonPath clusterStatus() {
        return new LiveDrills(controlPlane.baseUrl()).status(CLUSTER);
    }

    /** Waits until the control plane holds a live leader lease, and returns its epoch. */
    private static long awaitLeaseHeld(Duration within) {
        long[] epoch = new long[1];
        await().atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    Optional<Long> leaseEpoch = heldEpoch();
                    epoch[0] = leaseEpoch.orElse(0L);
                    return leaseEpoch.isPresent();
                });
        return epoch[0];
    }

    /** Reads the lease's epoch when this test's control plane holds it and it has not expired. */
    private static Optional<Long> heldEpoch() throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), ItDatabase.ROLE, ItDatabase.PASSWORD);
                PreparedStatement query = connection.prepareStatement("select epoch from leader_lease"
                        + " where name = 'control-plane' and holder = ? and expires_at > now()")) {
            query.setString(1, REPLICA);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
