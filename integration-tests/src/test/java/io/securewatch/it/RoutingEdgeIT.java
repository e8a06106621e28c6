package io.securewatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.securewatch.agent.consul.ConsulConfigEntries;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.haproxy.EdgeBackends;
import io.securewatch.agent.haproxy.EdgeTraffic;
import io.securewatch.agent.haproxy.HaproxyProcess;
import io.securewatch.agent.haproxy.OperationalState;
import io.securewatch.agent.haproxy.RegionBackend;
import io.securewatch.agent.haproxy.RuntimeApiClient;
import io.securewatch.agent.haproxy.ServerState;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.securewatch.it.benchmark.LatencyStats;
import io.securewatch.testsupport.consul.ConsulFake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A routing policy set through the REST API reaches a real HAProxy edge. The test starts HAProxy with the backend
 * section the control plane renders, in front of three loopback backends that stand for three regions. An agent
 * applies the policy's weights through the Runtime API and its config entries to a Consul fake.
 */
class RoutingEdgeIT {

    private static final Duration CONVERGED = Duration.ofSeconds(20);
    private static final int REQUESTS = 2_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;
    private static ConsulFake consul;
    private static HaproxyProcess haproxy;
    private static RuntimeApiClient edge;
    private static EdgeTraffic traffic;
    private static Agents agents;
    private static AgentConnection agent;
    private static Path state;

    private static String service;
    private static String edgeCluster;
    private static List<String> regions;
    private static final Map<String, RegionBackend> backends = new LinkedHashMap<>();

    @BeforeAll
    static void startEdge() throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(
                database, "routing-edge", Map.of("SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s"));
        controlPlane.start();

        String zone = "Z" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        regions = new ArrayList<>();
        for (String prefix : List.of("ra", "rb", "rc")) {
            String region = ItApi.unique(prefix);
            create("/api/v1/regions", Map.of("name", region, "displayName", prefix, "residencyZone", zone));
            regions.add(region);
            backends.put(region, RegionBackend.start(region));
        }
        List<String> clusters = new ArrayList<>();
        for (String region : regions) {
            clusters.add(create(
                    "/api/v1/clusters",
                    Map.of(
                            "name",
                            ItApi.unique("c"),
                            "region",
                            region,
                            "capacity",
                            Map.of("cpuMillis", 64000, "memoryBytes", 137438953472L))));
        }
        edgeCluster = clusters.get(0);
        service = ItApi.unique("api");
        create("/api/v1/workloads", ItApi.workloadBody(service, regions));
        ItApi.asAdmin(controlPlane)
                .body(weights(50, 30, 20))
                .put(policyPath())
                .then()
                .statusCode(200);

        // HAProxy runs the backend section exactly as the control plane renders it for the first region's edge.
        String backendSection = ItApi.asAdmin(controlPlane)
                .get(policyPath() + "/rendered")
                .then()
                .statusCode(200)
                .extract()
                .path("haproxy.'" + regions.get(0) + "'.config");
        Map<String, String> addresses = new LinkedHashMap<>();
        backends.forEach((region, backend) ->
                addresses.put("ADDRESS_" + region.toUpperCase(Locale.ROOT).replace('-', '_'), backend.address()));
        state = Files.createTempDirectory("routing-edge");
        haproxy = HaproxyProcess.start(
                state, "be_" + service, regions.size(), addresses, edgeConfiguration(backendSection));
        edge = new RuntimeApiClient(haproxy.adminSocket(), Duration.ofSeconds(2));
        traffic = new EdgeTraffic(haproxy.frontendPort());

        consul = ConsulFake.start(regions.get(0));
        agents = new Agents(controlPlane.port);
        agent = agents.start(
                edgeCluster,
                ItApi.registrationToken(controlPlane, edgeCluster),
                new RoutingDriver(
                        new SimulatedClusterDriver(64000, 137438953472L),
                        new ConsulConfigEntries(URI.create("http://127.0.0.1:" + consul.port()), Duration.ofSeconds(2)),
                        new EdgeBackends(edge)),
                state.resolve("agent"),
                AgentEvents.NONE);
    }

    @AfterAll
    static void stopEdge() throws Exception {
        if (agent != null) {
            agent.close();
            agents.close();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        if (consul != null) {
            consul.close();
        }
        backends.values().forEach(RegionBackend::close);
        if (controlPlane != null) {
            controlPlane.close();
            database.close();
        }
    }

    @BeforeEach
    void restoreWeightsAndBackends() {
        backends.values().forEach(RegionBackend::reset);
        String etag = ItApi.asAdmin(controlPlane)
                .get(policyPath())
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        ItApi.asAdmin(controlPlane)
                .header("If-Match", etag)
                .body(weights(50, 30, 20))
                .put(policyPath())
                .then()
                .statusCode(200);
        // 50/30/20 of HAProxy's 256 weight units
        await("edge weights 128/77/51")
                .atMost(CONVERGED)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(weights()).containsExactly(128, 77, 51));
        await("every edge server up")
                .atMost(CONVERGED)
                .until(() -> edge.showServers("be_" + service).stream()
                        .allMatch(server -> server.operationalState() == OperationalState.RUNNING));
    }

    @Test
    void weightsSplitRequestsByPolicy() {
        // when
        List<EdgeTraffic.Response> responses = traffic.send(REQUESTS);

        // then
        assertThat(responses)
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(200));
        Map<String, Long> counts =
                responses.stream().collect(Collectors.groupingBy(EdgeTraffic.Response::region, Collectors.counting()));
        assertThat(percent(counts, regions.get(0)))
                .as("first region share in %")
                .isCloseTo(50.0, within(5.0));
        assertThat(percent(counts, regions.get(1)))
                .as("second region share in %")
                .isCloseTo(30.0, within(5.0));
        assertThat(percent(counts, regions.get(2)))
                .as("third region share in %")
                .isCloseTo(20.0, within(5.0));
    }

    @Test
    void ackNamesConsulAndEdge() throws Exception {
        // then: the cluster status names both targets
        await().atMost(CONVERGED).untilAsserted(() -> {
            Map<String, Object> status = ItApi.asAdmin(controlPlane)
                    .get("/api/v1/clusters/" + edgeCluster + "/status")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getMap("");
            assertThat(status.get("revisionLag")).isEqualTo(0);
            assertThat(status.get("appliedTargets").toString())
                    .contains(
                            "target=consul",
                            "target=haproxy",
                            "EdgeBackend " + service,
                            haproxy.adminSocket().toString());
        });
        // and the region's Consul has the splitter with the policy's percentages
        HttpResponse<String> splitter = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + consul.port() + "/v1/config/service-splitter/" + service))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(splitter.statusCode()).isEqualTo(200);
        assertThat(splitter.body()).contains("\"Weight\":50", "\"Weight\":30", "\"Weight\":20");
    }

    @Test
    void zeroWeightDrainsWithinTwoSeconds() {
        // given
        String drained = regions.get(0);
        String etag =
                ItApi.asAdmin(controlPlane).get(policyPath()).then().extract().header("ETag");

        // when
        ItApi.asAdmin(controlPlane)
                .header("If-Match", etag)
                .body(weights(0, 30, 20))
                .put(policyPath())
                .then()
                .statusCode(200);
        long calledAt = System.nanoTime();

        // then: HAProxy stops choosing the region within 2 s of the API call
        await("first region drained on the edge")
                .atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> weights().get(0) == 0);
        Duration took = Duration.ofNanos(System.nanoTime() - calledAt);
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        List<EdgeTraffic.Response> after = traffic.send(300);
        assertThat(after).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.region()).isNotEqualTo(drained);
        });
    }

    @Test
    void failingRegionIsEjectedByOutlierDetection() {
        // given
        RegionBackend failing = backends.get(regions.get(1));
        failing.failWithServerErrors();

        // when: requests keep coming while the region returns 500s
        traffic.send(60);

        // then: the edge marked it down, and new requests all succeed elsewhere
        await("failing region marked down")
                .atMost(Duration.ofSeconds(10))
                .until(() -> server(regions.get(1)).operationalState() == OperationalState.STOPPED);
        List<EdgeTraffic.Response> after = traffic.send(200);
        assertThat(after).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.region()).isNotEqualTo(regions.get(1));
        });
    }

    /**
     * Measures how long a weight change takes from the REST call to the running HAProxy: the region's weight
     * alternates between 0 and 50, and each round polls the Runtime API every 5 ms until the new weight shows.
     * Run with {@code -Dsecurewatch.benchmark=true}; results go to {@code target/benchmarks/routing-propagation.md}.
     */
    @Test
    @EnabledIfSystemProperty(named = "securewatch.benchmark", matches = "true")
    void propagationBenchmark() throws Exception {
        int rounds = Integer.getInteger("securewatch.benchmark.rounds", 50);
        LatencyStats toEdge = new LatencyStats();
        LatencyStats restCall = new LatencyStats();
        for (int round = 0; round < rounds + 3; round++) {
            int weight = round % 2 == 0 ? 0 : 50;
            int expected = weight == 0 ? 0 : 128;
            String etag = ItApi.asAdmin(controlPlane)
                    .get(policyPath())
                    .then()
                    .extract()
                    .header("ETag");
            long start = System.nanoTime();
            ItApi.asAdmin(controlPlane)
                    .header("If-Match", etag)
                    .body(weights(weight, 30, 20))
                    .put(policyPath())
                    .then()
                    .statusCode(200);
            long committed = System.nanoTime();
            await().atMost(CONVERGED)
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> weights().get(0) == expected);
            long applied = System.nanoTime();
            if (round >= 3) {
                restCall.add((committed - start) / 1e6);
                toEdge.add((applied - start) / 1e6);
            }
        }
        String report = "| Measurement | Latency |\n|---|---|\n"
                + "| REST call to weight applied on HAProxy | " + toEdge.summary() + " |\n"
                + "| of which the REST call that commits the change | " + restCall.summary() + " |\n";
        Path output = Path.of("target", "benchmarks", "routing-propagation.md");
        Files.createDirectories(output.getParent());
        Files.writeString(output, report);
        System.out.println(report);
    }

    private static Function<HaproxyProcess.Listeners, String> edgeConfiguration(String backendSection) {
        return listeners -> listeners.globalSection()
                + "defaults\n"
                + "    mode http\n"
                + "    timeout client 10s\n\n"
                + "frontend fe_edge\n"
                + "    bind 127.0.0.1:" + listeners.frontendPort() + "\n"
                + "    default_backend be_" + service + "\n\n"
                + backendSection;
    }

    /** Returns the edge's server weights in region order. */
    private static List<Integer> weights() {
        List<Integer> weights = new ArrayList<>();
        for (String region : regions) {
            weights.add(server(region).userWeight());
        }
        return weights;
    }

    private static ServerState server(String region) {
        return edge.showServers("be_" + service).stream()
                .filter(server -> server.name().equals(region))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> weights(int first, int second, int third) {
        return Map.of(
                "strategy",
                "weighted",
                "weights",
                Map.of(regions.get(0), first, regions.get(1), second, regions.get(2), third),
                "outlierDetection",
                Map.of("consecutive5xx", 3, "intervalSeconds", 1, "baseEjectionSeconds", 30, "maxEjectionPercent", 50),
                "limits",
                Map.of("maxConnections", 100, "maxPendingRequests", 50));
    }

    private static double percent(Map<String, Long> counts, String region) {
        return 100.0 * counts.getOrDefault(region, 0L) / REQUESTS;
    }

    private static String policyPath() {
        return "/api/v1/services/" + service + "/routing-policy";
    }

    private static String create(String path, Map<String, Object> body) {
        ItApi.asAdmin(controlPlane).body(body).post(path).then().statusCode(201);
        return (String) body.get("name");
    }
}
