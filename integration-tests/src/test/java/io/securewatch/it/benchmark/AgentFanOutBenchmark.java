package io.securewatch.it.benchmark;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.core.AgentSettings;
import io.securewatch.agent.core.StateStore;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.KubernetesObject;
import io.securewatch.agent.v1.ObjectRef;
import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItApi;
import io.securewatch.it.ItDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures change-to-all-Acks latency: a change through the REST API until every agent of the region has applied
 * and acknowledged the new revision. The change is a tenant quota change, or with
 * {@code -Dsecurewatch.benchmark.change=scaling-policy} a change of a workload's CPU target, which gives every
 * cluster a new autoscaler. Runs the packaged control plane as a process and
 * the simulated agents in this JVM, then a bare gRPC fan-out of an equally sized message as the baseline. Not a
 * test; run it with:
 *
 * <pre>
 * ./mvnw -B -q -DskipTests install
 * ./mvnw -B verify -pl integration-tests -Dit.test=AgentFanOutBenchmark -Dsecurewatch.benchmark=true \
 *     -Dsecurewatch.benchmark.agents=100,1000 -Dsecurewatch.benchmark.rounds=20
 * </pre>
 *
 * Results are printed and written to {@code integration-tests/target/benchmarks/agent-fan-out.md}.
 */
@EnabledIfSystemProperty(named = "securewatch.benchmark", matches = "true")
class AgentFanOutBenchmark {

    private static final int STREAMS_PER_CONNECTION = 10;
    private static final int WARM_UP_ROUNDS = 3;
    private static final String POLICY = "/api/v1/workloads/bench-api/scaling-policy";

    @Test
    void measure() throws Exception {
        List<Integer> fleetSizes =
                List.of(System.getProperty("securewatch.benchmark.agents", "100,1000")
                                .split(","))
                        .stream()
                        .map(String::trim)
                        .map(Integer::parseInt)
                        .toList();
        int rounds = Integer.getInteger("securewatch.benchmark.rounds", 20);
        boolean scalingPolicy =
                System.getProperty("securewatch.benchmark.change", "quota").equals("scaling-policy");
        StringBuilder report = new StringBuilder(
                "| Agents | Measurement | Change to all Acks | Per-agent Ack latency |\n" + "|---|---|---|---|\n");
        for (int agents : fleetSizes) {
            report.append(controlPlaneRun(agents, rounds, scalingPolicy));
        }
        Path output = Path.of("target", "benchmarks", scalingPolicy ? "scaling-policy-fan-out.md" : "agent-fan-out.md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report.toString());
        System.out.println(report);
    }

    private String controlPlaneRun(int agentCount, int rounds, boolean scalingPolicy) throws Exception {
        try (ItDatabase database = new ItDatabase();
                ControlPlaneProcess controlPlane = new ControlPlaneProcess(
                        database, "benchmark-" + agentCount, Map.of("JAVA_TOOL_OPTIONS", "-Xmx512m"))) {
            controlPlane.start();
            String region = "bench-" + agentCount;
            ItApi.asAdmin(controlPlane)
                    .body(Map.of("name", region, "displayName", "Benchmark", "residencyZone", "BENCH"))
                    .post("/api/v1/regions")
                    .then()
                    .statusCode(201);
            List<String> clusters = createClusters(controlPlane, region, agentCount);

            Map<String, Long> appliedAt = new ConcurrentHashMap<>();
            AgentEvents events = new AgentEvents() {
                @Override
                public void applied(String cluster, long revision) {
                    appliedAt.put(cluster + "@" + revision, System.nanoTime());
                }
            };
            Path state = Files.createTempDirectory("benchmark-agents");
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
                    AgentSettings settings = new AgentSettings(
                            cluster,
                            "benchmark",
                            Optional.of(ItApi.registrationToken(controlPlane, cluster)),
                            Duration.ofMillis(500),
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(30));
                    AgentConnection connection = new AgentConnection(
                            settings,
                            new SimulatedClusterDriver(64_000, 1L << 38),
                            new StateStore(state.resolve(cluster)),
                            channels.get(channels.size() - 1),
                            scheduler,
                            workers,
                            events);
                    connections.add(connection);
                    connection.start();
                }
                await().atMost(Duration.ofMinutes(5))
                        .until(() -> connections.stream().allMatch(AgentConnection::connected));

                String tenant = "bench-tenant";
                ItApi.asAdmin(controlPlane)
                        .body(tenant(tenant, region, podsPerCluster(agentCount, 0)))
                        .post("/api/v1/tenants")
                        .then()
                        .statusCode(201);
                awaitRevision(appliedAt, clusters, 2);
                long baseRevision = 2;
                if (scalingPolicy) {
                    createWorkload(controlPlane, region, agentCount);
                    baseRevision = 4;
                    awaitRevision(appliedAt, clusters, baseRevision);
                }

                LatencyStats allAcked = new LatencyStats();
                LatencyStats change = new LatencyStats();
                LatencyStats perAgent = new LatencyStats();
                for (int round = 1; round <= WARM_UP_ROUNDS + rounds; round++) {
                    long revision = baseRevision + round;
                    String path = scalingPolicy ? POLICY : "/api/v1/tenants/" + tenant;
                    Map<String, Object> body = scalingPolicy
                            ? policy(agentCount, round)
                            : tenant(tenant, region, podsPerCluster(agentCount, round));
                    String etag = ItApi.asAdmin(controlPlane).get(path).header("ETag");
                    long start = System.nanoTime();
                    ItApi.asAdmin(controlPlane)
                            .header("If-Match", etag)
                            .body(body)
                            .put(path)
                            .then()
                            .statusCode(200);
                    long committed = System.nanoTime();
                    awaitRevision(appliedAt, clusters, revision);
                    if (round <= WARM_UP_ROUNDS) {
                        continue;
                    }
                    long last = 0;
                    for (String cluster : clusters) {
                        long at = appliedAt.get(cluster + "@" + revision);
                        perAgent.add((at - start) / 1e6);
                        last = Math.max(last, at);
                    }
                    allAcked.add((last - start) / 1e6);
                    change.add((committed - start) / 1e6);
                }
                long rss = controlPlane.residentMebibytes();
                Bundle sample = sampleBundle(controlPlane, clusters.get(0));
                String baseline = baseline(agentCount, rounds, sample);
                return "| " + agentCount + " | control plane (REST change, database, push, apply, Ack); RSS after: "
                        + rss + " MiB | " + allAcked.summary() + " | " + perAgent.summary() + " |\n"
                        + "| " + agentCount + " | of which the REST call that commits the change | " + change.summary()
                        + " | |\n"
                        + "| " + agentCount + " | bare gRPC fan-out of a " + sample.getSerializedSize()
                        + "-byte message, no database | " + baseline + " | |\n";
            } finally {
                connections.forEach(AgentConnection::close);
                channels.forEach(ManagedChannel::shutdownNow);
                scheduler.shutdownNow();
                workers.shutdownNow();
            }
        }
    }

    private static String baseline(int agentCount, int rounds, Bundle sample) throws Exception {
        LatencyStats stats = new LatencyStats();
        try (BareFanOut fanOut = new BareFanOut(agentCount, STREAMS_PER_CONNECTION)) {
            for (int round = 1; round <= WARM_UP_ROUNDS + rounds; round++) {
                double millis = fanOut.pushAndAwaitAcks(
                        sample.toBuilder().setRevision(round).build());
                if (round > WARM_UP_ROUNDS) {
                    stats.add(millis);
                }
            }
        }
        return stats.summary();
    }

    /** Builds a full bundle of the same objects the cluster holds, to give the baseline the same payload size. */
    private static Bundle sampleBundle(ControlPlaneProcess controlPlane, String cluster) {
        List<Map<String, Object>> objects = ItApi.asAdmin(controlPlane)
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("objects");
        Bundle.Builder bundle = Bundle.newBuilder().setFull(true).setContentHash("0".repeat(64));
        for (Map<String, Object> object : objects) {
            Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
            bundle.addObjects(KubernetesObject.newBuilder()
                    .setRef(ObjectRef.newBuilder()
                            .setApiVersion(String.valueOf(object.get("apiVersion")))
                            .setKind(String.valueOf(object.get("kind")))
                            .setName(String.valueOf(metadata.get("name"))))
                    .setManifestJson(new com.fasterxml.jackson.databind.ObjectMapper()
                            .valueToTree(object)
                            .toString())
                    .setContentHash("0".repeat(64)));
        }
        return bundle.build();
    }

    private static List<String> createClusters(ControlPlaneProcess controlPlane, String region, int count)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = region + "-" + i;
                created.add(pool.submit(() -> {
                    ItApi.asAdmin(controlPlane)
                            .body(Map.of(
                                    "name", name,
                                    "region", region,
                                    "capacity", Map.of("cpuMillis", 64_000, "memoryBytes", 1L << 38)))
                            .post("/api/v1/clusters")
                            .then()
                            .statusCode(201);
                    return name;
                }));
            }
            List<String> names = new ArrayList<>();
            for (Future<String> name : created) {
                names.add(name.get());
            }
            return names;
        } finally {
            pool.shutdown();
        }
    }

    /** Creates a workload in the region (revision 3) and its scaling policy (revision 4). */
    private static void createWorkload(ControlPlaneProcess controlPlane, String region, int agentCount) {
        Map<String, Object> container = Map.of(
                "name", "api",
                "image", "registry.example.com/bench:1.0",
                "resources", Map.of("requests", Map.of("cpu", "250m", "memory", "256Mi")));
        Map<String, Object> deployment = Map.of(
                "selector",
                Map.of("matchLabels", Map.of("app", "bench-api")),
                "template",
                Map.of(
                        "metadata", Map.of("labels", Map.of("app", "bench-api")),
                        "spec", Map.of("containers", List.of(container))));
        ItApi.asAdmin(controlPlane)
                .body(Map.of("name", "bench-api", "regions", List.of(region), "deployment", deployment))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        ItApi.asAdmin(controlPlane)
                .body(policy(agentCount, 0))
                .put(POLICY)
                .then()
                .statusCode(200);
    }

    /** Returns a policy whose CPU target changes every round, so every cluster's autoscaler changes. */
    private static Map<String, Object> policy(int agentCount, int round) {
        return Map.of(
                "minReplicas",
                agentCount,
                "maxReplicas",
                4 * agentCount,
                "targetCpuUtilization",
                40 + round,
                "failoverHeadroomPercent",
                20);
    }

    /** Returns a pod quota that gives every cluster one pod more each round, so every cluster gets a new revision. */
    private static long podsPerCluster(int agentCount, int round) {
        return (long) agentCount * (10 + round);
    }

    /** Waits until every agent reported the revision as applied; the event, not the counter, carries its time. */
    private static void awaitRevision(Map<String, Long> appliedAt, List<String> clusters, long revision) {
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> clusters.stream().allMatch(cluster -> appliedAt.containsKey(cluster + "@" + revision)));
    }

    private static Map<String, Object> tenant(String slug, String region, long pods) {
        return Map.of(
                "slug",
                slug,
                "displayName",
                "Benchmark tenant",
                "tier",
                "shared",
                "residencyZones",
                List.of("BENCH"),
                "regions",
                List.of(region),
                "quota",
                Map.of("cpuMillis", 1_000_000, "memoryBytes", 1L << 40, "pods", pods));
    }
}
