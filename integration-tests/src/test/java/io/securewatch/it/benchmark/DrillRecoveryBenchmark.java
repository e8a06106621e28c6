package io.securewatch.it.benchmark;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.core.AgentSettings;
import io.securewatch.agent.core.StateStore;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItApi;
import io.securewatch.it.ItDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures how long live region evacuations take to recover, with the demo inventory and simulated agents whose
 * traffic follows the routing in their bundles. Each round creates a live {@code region-evacuation} drill of the
 * next region (without observation period), runs it to {@code completed}, waits until every agent has applied its
 * latest revision again, and records the run's measurements and the per-agent Ack delays of its
 * {@code shift-routing} step, after one unrecorded warm-up round. Runs the packaged control plane as a process and
 * the agents in this JVM. It is not a test. Run it with:
 *
 * <pre>
 * ./mvnw -B -q -o install -DskipTests
 * ./mvnw -B -o verify -pl integration-tests -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DrillRecoveryBenchmark -Dsecurewatch.benchmark=true \
 *     -Dsecurewatch.benchmark.clustersPerRegion=2 -Dsecurewatch.benchmark.rounds=10
 * </pre>
 *
 * {@code clustersPerRegion} (at least 2, default 2) adds clusters {@code <region>-c}, {@code <region>-d}, ... to the
 * demo's {@code <region>-a} and {@code <region>-b}, and multiplies the API's replica bounds by
 * {@code clustersPerRegion / 2}. Results are printed and written to
 * {@code integration-tests/target/benchmarks/drill-recovery.md}.
 */
@EnabledIfSystemProperty(named = "securewatch.benchmark", matches = "true")
class DrillRecoveryBenchmark {

    private static final List<String> REGIONS = List.of("eu-west-1", "eu-central-1", "us-east-1");
    private static final String NAMESPACE = "securewatch";
    private static final String SERVICE = "securewatch-api";
    private static final long CLUSTER_CPU_MILLIS = 64_000;
    private static final long CLUSTER_MEMORY_BYTES = 256L << 30;
    private static final int STREAMS_PER_CONNECTION = 10;
    /** Unrecorded rounds before the measured ones, so that the first measured round does not pay for JIT warm-up. */
    private static final int WARM_UP_ROUNDS = 1;

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @Test
    void measure() throws Exception {
        int clustersPerRegion = Integer.getInteger("securewatch.benchmark.clustersPerRegion", 2);
        int rounds = Integer.getInteger("securewatch.benchmark.rounds", 10);
        if (clustersPerRegion < 2) {
            throw new IllegalArgumentException("securewatch.benchmark.clustersPerRegion must be at least 2, "
                    + "because the demo inventory has two clusters per region, got " + clustersPerRegion);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("securewatch.benchmark.rounds must be at least 1, got " + rounds);
        }

        String report = controlPlaneRun(clustersPerRegion, rounds);

        Path output = Path.of("target", "benchmarks", "drill-recovery.md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.out.println(report);
    }

    private String controlPlaneRun(int clustersPerRegion, int rounds) throws Exception {
        try (ItDatabase database = new ItDatabase();
                ControlPlaneProcess controlPlane = new ControlPlaneProcess(
                        database,
                        "drill-recovery-" + clustersPerRegion,
                        Map.of("SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s"))) {
            controlPlane.start();
            List<String> clusters = clusters(controlPlane, clustersPerRegion);
            if (clustersPerRegion > 2) {
                scaleApiPolicy(controlPlane, clustersPerRegion);
            }

            Path state = Files.createTempDirectory("drill-recovery-agents");
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            ExecutorService workers = Executors.newFixedThreadPool(4);
            List<ManagedChannel> channels = new ArrayList<>();
            List<AgentConnection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < clusters.size(); i++) {
                    if (i % STREAMS_PER_CONNECTION == 0) {
                        channels.add(NettyChannelBuilder.forAddress("127.0.0.1", controlPlane.port)
                                .usePlaintext()
                                .build());
                    }
                    String cluster = clusters.get(i);
                    AgentConnection connection = new AgentConnection(
                            agentSettings(controlPlane, cluster),
                            RoutingDriver.wrap(simulatedCluster(), Optional.empty(), Optional.empty()),
                            new StateStore(state.resolve(cluster)),
                            channels.get(channels.size() - 1),
                            scheduler,
                            workers,
                            AgentEvents.NONE);
                    connections.add(connection);
                    connection.start();
                }
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> connections.stream().allMatch(AgentConnection::connected));
                ItApi.awaitConverged(controlPlane, clusters);

                RoundStats stats = new RoundStats();
                for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
                    String target = REGIONS.get(round % REGIONS.size());
                    JsonPath run = runDrill(controlPlane, target);
                    ItApi.awaitConverged(controlPlane, clusters);
                    System.out.println(roundSummary(round < WARM_UP_ROUNDS ? "warm-up" : "round", target, run));
                    if (round >= WARM_UP_ROUNDS) {
                        stats.add(run, clusters);
                    }
                }
                return stats.table(clusters.size(), rounds);
            } finally {
                connections.forEach(AgentConnection::close);
                channels.forEach(ManagedChannel::shutdownNow);
                scheduler.shutdownNow();
                workers.shutdownNow();
            }
        }
    }

    /**
     * Creates the extra clusters, {@code <region>-c} onwards, with the demo clusters' capacity, and returns the names
     * of all clusters.
     */
    private static List<String> clusters(ControlPlaneProcess controlPlane, int clustersPerRegion) {
        List<String> names = new ArrayList<>();
        for (String region : REGIONS) {
            for (int i = 0; i < clustersPerRegion; i++) {
                String name = region + "-" + clusterSuffix(i);
                if (i >= 2) {
                    ItApi.asAdmin(controlPlane)
                            .body(Map.of(
                                    "name",
                                    name,
                                    "region",
                                    region,
                                    "labels",
                                    Map.of("topology.kubernetes.io/zone", region + clusterSuffix(i)),
                                    "capacity",
                                    Map.of("cpuMillis", CLUSTER_CPU_MILLIS, "memoryBytes", CLUSTER_MEMORY_BYTES)))
                            .post("/api/v1/clusters")
                            .then()
                            .statusCode(201);
                }
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Multiplies the bounds of the API's scaling policy (3 to 20 replicas in the demo, for two clusters per region)
     * by {@code clustersPerRegion / 2}, because every simulated cluster brings one replica's worth of demand. With
     * the demo's bounds and 20 clusters per region, the capacity pre-flight check of an eu-west-1 evacuation failed:
     * a load of 20 replicas against the survivors' maximum of 10.
     */
    private static void scaleApiPolicy(ControlPlaneProcess controlPlane, int clustersPerRegion) {
        String path = "/api/v1/workloads/" + SERVICE + "/scaling-policy";
        Response current = ItApi.asAdmin(controlPlane)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .response();
        Map<String, Object> policy = new LinkedHashMap<>(current.jsonPath().getMap(""));
        for (String readOnly : List.of("workload", "version", "createdAt", "updatedAt")) {
            policy.remove(readOnly);
        }
        int minReplicas = (int) Math.ceil((int) policy.get("minReplicas") * clustersPerRegion / 2.0);
        int maxReplicas = (int) policy.get("maxReplicas") * clustersPerRegion / 2;
        policy.put("minReplicas", minReplicas);
        policy.put("maxReplicas", maxReplicas);

        ItApi.asAdmin(controlPlane)
                .header("If-Match", current.header("ETag"))
                .body(policy)
                .put(path)
                .then()
                .statusCode(200);
        System.out.println(
                "scaling policy of " + SERVICE + " set to " + minReplicas + " to " + maxReplicas + " replicas");
    }

    /** Returns {@code a} to {@code z}, then {@code aa}, {@code ab}, ..., as spreadsheet columns are named. */
    private static String clusterSuffix(int index) {
        StringBuilder suffix = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            suffix.insert(0, (char) ('a' + (i - 1) % 26));
        }
        return suffix.toString();
    }

    private static AgentSettings agentSettings(ControlPlaneProcess controlPlane, String cluster) {
        return new AgentSettings(
                cluster,
                "benchmark",
                Optional.of(ItApi.registrationToken(controlPlane, cluster)),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    /**
     * Returns a simulated cluster whose API Deployment has one replica's worth of demand (70 % of its CPU request,
     * 80 % of its memory request, the HPA's targets), so that its scaling does not follow the load model's sine
     * wave. The request rate follows the routing weights, as the traffic-share measurements need.
     */
    private static SimulatedClusterDriver simulatedCluster() {
        SimulatedClusterDriver driver = new SimulatedClusterDriver(CLUSTER_CPU_MILLIS, CLUSTER_MEMORY_BYTES);
        driver.setDemand(NAMESPACE, SERVICE, 350, 512L * 1024 * 1024 * 8 / 10);
        driver.setRequestRate(NAMESPACE, SERVICE, 100);
        return driver;
    }

    /** Creates a live evacuation drill of the region, runs it and returns the completed run. */
    private static JsonPath runDrill(ControlPlaneProcess controlPlane, String region) {
        String drill = ItApi.unique("bench-" + region);
        ItApi.asAdmin(controlPlane)
                .body(Map.of(
                        "name",
                        drill,
                        "type",
                        "region-evacuation",
                        "target",
                        region,
                        "mode",
                        "live",
                        "guardrails",
                        Map.of("observationSeconds", 0, "ackTimeoutSeconds", 30)))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);

        JsonPath started = ItApi.asAdmin(controlPlane)
                .body(Map.of("dryRun", false))
                .post("/api/v1/drills/" + drill + "/runs")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        if (!"running".equals(started.getString("status"))) {
            throw new AssertionError("run of drill " + drill + " did not start. The run with its pre-flight checks:\n"
                    + started.prettify());
        }
        String runPath = "/api/v1/drills/" + drill + "/runs/" + started.getInt("run");

        JsonPath[] last = new JsonPath[1];
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            last[0] = ItApi.asAdmin(controlPlane)
                    .get(runPath)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String status = last[0].getString("status");
            if (status.equals("failed") || status.equals("aborted")) {
                throw new AssertionError(
                        runPath + " ended with status " + status + ", not completed:\n" + last[0].prettify());
            }
            return status.equals("completed");
        });
        return last[0];
    }

    /** Returns one line with the run's measurements and the duration of each step, to show where a round's time went. */
    private static String roundSummary(String kind, String target, JsonPath run) {
        StringBuilder summary = new StringBuilder(String.format(
                "%s: evacuate %s, recovery %d ms, fail-back %d ms, duration %d ms, steps:",
                kind,
                target,
                run.getLong("measurements.recoveryTimeMillis"),
                run.getLong("measurements.failBackMillis"),
                run.getLong("measurements.durationMillis")));
        for (Map<String, Object> step : run.<Map<String, Object>>getList("steps")) {
            summary.append(' ')
                    .append(step.get("name"))
                    .append(' ')
                    .append(step.get("durationMillis"))
                    .append(" ms");
        }
        return summary.toString();
    }

    /** The samples of all measured rounds. */
    private static final class RoundStats {

        private final LatencyStats recovery = new LatencyStats();
        private final LatencyStats failBack = new LatencyStats();
        private final LatencyStats duration = new LatencyStats();
        private final LatencyStats shiftAcks = new LatencyStats();

        void add(JsonPath run, List<String> clusters) {
            recovery.add(run.getLong("measurements.recoveryTimeMillis"));
            failBack.add(run.getLong("measurements.failBackMillis"));
            duration.add(run.getLong("measurements.durationMillis"));

            Map<String, Object> step = run.getMap("steps.find { it.name == 'shift-routing' }");
            Instant startedAt = Instant.parse((String) step.get("startedAt"));
            Map<?, ?> acks = (Map<?, ?>) step.get("acks");
            if (!acks.keySet().containsAll(clusters)) {
                throw new AssertionError(
                        "shift-routing is missing the Acks of some clusters, expected one from each of " + clusters
                                + ":\n" + run.prettify());
            }
            for (Object ackedAt : acks.values()) {
                shiftAcks.add(Duration.between(startedAt, Instant.parse((String) ackedAt))
                        .toMillis());
            }
        }

        String table(int agents, int rounds) {
            return "| Agents | Rounds | Measurement | p50 | p99 | max | Samples |\n"
                    + "|---|---|---|---|---|---|---|\n"
                    + row(agents, rounds, "recoveryTimeMillis", recovery)
                    + row(agents, rounds, "failBackMillis", failBack)
                    + row(agents, rounds, "durationMillis", duration)
                    + row(agents, rounds, "shift-routing: Ack delay per agent", shiftAcks);
        }

        private static String row(int agents, int rounds, String measurement, LatencyStats stats) {
            return String.format(
                    "| %d | %d | %s | %,.0f ms | %,.0f ms | %,.0f ms | %d |\n",
                    agents,
                    rounds,
                    measurement,
                    stats.percentile(50),
                    stats.percentile(99),
                    stats.percentile(100),
                    stats.count());
        }
    }
}
