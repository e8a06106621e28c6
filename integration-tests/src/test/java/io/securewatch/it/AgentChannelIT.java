package io.securewatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.core.AppliedState;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.StateStore;
import io.securewatch.agent.kubernetes.KubernetesClusterDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane as a process with three agents, each applying to its own mock Kubernetes API server: two
 * clusters in one region, one in another region of the same residency zone.
 */
class AgentChannelIT {

    private static final Duration CONVERGED = Duration.ofSeconds(20);
    private static final Path PLATFORM_MANIFESTS =
            Path.of("..", "control-plane", "server", "src", "main", "resources", "demo", "securewatch-api.yaml");

    private static ItDatabase database;
    private static ControlPlaneProcess controlPlane;

    private final List<MockCluster> clusters = new ArrayList<>();
    private final List<AgentConnection> connections = new ArrayList<>();
    private Agents agents;
    private String zone;
    private String regionA;
    private String regionB;
    private List<String> names;
    private Path state;

    @BeforeAll
    static void startControlPlane() throws Exception {
        database = new ItDatabase();
        controlPlane = new ControlPlaneProcess(
                database, "agent-channel", Map.of("SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s"));
        controlPlane.start();
    }

    @AfterAll
    static void stopControlPlane() throws Exception {
        controlPlane.close();
        database.close();
    }

    @BeforeEach
    void startAgents() throws Exception {
        zone = "Z" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        regionA = create(
                "/api/v1/regions", Map.of("name", ItApi.unique("ra"), "displayName", "A", "residencyZone", zone));
        regionB = create(
                "/api/v1/regions", Map.of("name", ItApi.unique("rb"), "displayName", "B", "residencyZone", zone));
        names = List.of(cluster(regionA, 64000), cluster(regionA, 32000), cluster(regionB, 32000));
        state = Files.createTempDirectory("agents");
        agents = new Agents(controlPlane.port);
        for (String name : names) {
            MockCluster mock = new MockCluster();
            clusters.add(mock);
            connections.add(agents.start(
                    name,
                    ItApi.registrationToken(controlPlane, name),
                    new KubernetesClusterDriver(mock.client()),
                    state.resolve(name),
                    AgentEvents.NONE));
        }
        await().atMost(CONVERGED).until(() -> connections.stream().allMatch(AgentConnection::connected));
    }

    @AfterEach
    void stopAgents() throws Exception {
        connections.forEach(AgentConnection::close);
        agents.close();
        clusters.forEach(MockCluster::close);
    }

    @Test
    void tenantEnvironmentReachesEveryCluster() {
        // when
        String tenant = createTenant(List.of(regionA, regionB), 10_000, 100);

        // then
        awaitConverged();
        for (MockCluster cluster : clusters) {
            String namespace = "tenant-" + tenant;
            assertThat(cluster.client().namespaces().withName(namespace).get()).isNotNull();
            assertThat(cluster.client()
                            .limitRanges()
                            .inNamespace(namespace)
                            .withName("tenant-defaults")
                            .get())
                    .isNotNull();
            assertThat(cluster.client()
                            .network()
                            .v1()
                            .networkPolicies()
                            .inNamespace(namespace)
                            .list()
                            .getItems())
                    .hasSize(3);
            assertThat(quota(cluster, tenant)).isNotNull();
        }
    }

    @Test
    void quotaChangeReachesEveryClusterAndAddsUp() {
        // given
        String tenant = createTenant(List.of(regionA, regionB), 10_000, 100);
        awaitConverged();

        // when
        updateTenant(tenant, List.of(regionA, regionB), 20_001, 301);

        // then
        awaitConverged();
        long pods = 0;
        long cpuMillis = 0;
        for (MockCluster cluster : clusters) {
            Map<String, Quantity> hard = quota(cluster, tenant).getSpec().getHard();
            pods += Long.parseLong(hard.get("pods").getAmount());
            cpuMillis += hard.get("requests.cpu")
                    .getNumericalAmount()
                    .movePointRight(3)
                    .longValueExact();
        }
        assertThat(pods).isEqualTo(301);
        assertThat(cpuMillis).isEqualTo(20_001);
    }

    @Test
    void deletedTenantIsRemovedFromEveryCluster() {
        String tenant = createTenant(List.of(regionA, regionB), 10_000, 100);
        awaitConverged();

        // The deletion waits for the agents to remove the namespaces, then removes the tenant.
        ItApi.asAdmin(controlPlane)
                .delete("/api/v1/tenants/" + tenant)
                .then()
                .statusCode(202)
                .body("status", equalTo("deleting"));

        awaitConverged();
        await().atMost(CONVERGED)
                .untilAsserted(() -> ItApi.asAdmin(controlPlane)
                        .get("/api/v1/tenants/" + tenant)
                        .then()
                        .statusCode(404));
        for (MockCluster cluster : clusters) {
            assertThat(cluster.client()
                            .namespaces()
                            .withName("tenant-" + tenant)
                            .get())
                    .isNull();
            assertThat(quota(cluster, tenant)).isNull();
        }
    }

    @Test
    void rejectedObjectShowsInStatus() {
        // given
        MockCluster rejecting = clusters.get(0);
        rejecting.reject(
                request -> request.startsWith("POST ") && request.contains("/resourcequotas"),
                "resourcequotas is forbidden: denied by admission policy");

        // when
        String tenant = createTenant(List.of(regionA), 10_000, 100);

        // then
        await().atMost(CONVERGED).untilAsserted(() -> {
            Map<String, Object> status = status(names.get(0));
            Map<?, ?> nack = (Map<?, ?>) status.get("lastNack");
            assertThat(nack).isNotNull();
            Map<?, ?> error = (Map<?, ?>) ((List<?>) nack.get("errors")).get(0);
            assertThat(error.get("object")).isEqualTo("ResourceQuota tenant-" + tenant + "/tenant-quota");
            assertThat(error.get("reason")).isEqualTo("Forbidden");
            assertThat((String) error.get("message")).contains("denied by admission policy");
        });
        assertThat(((Number) status(names.get(0)).get("revisionLag")).longValue())
                .isPositive();
        rejecting.acceptAll();
        awaitConverged();
        assertThat(quota(rejecting, tenant)).isNotNull();
    }

    @Test
    void failedListingOfManagedObjectsIsRejectedThenRetried() throws Exception {
        // given: an agent that forgot what it applied, so it must list the cluster's managed objects
        String tenant = createTenant(List.of(regionA), 10_000, 100);
        awaitConverged();
        MockCluster failing = clusters.get(0);
        connections.get(0).close();
        new StateStore(state.resolve(names.get(0))).saveApplied(AppliedState.EMPTY);
        failing.reject(
                request -> request.startsWith("GET ") && request.contains("labelSelector="),
                "namespaces is forbidden: the agent's service account cannot list");

        // when
        AgentConnection restarted = agents.start(
                names.get(0),
                null,
                new KubernetesClusterDriver(failing.client()),
                state.resolve(names.get(0)),
                AgentEvents.NONE);
        connections.set(0, restarted);

        // then
        await().atMost(CONVERGED).untilAsserted(() -> {
            Map<?, ?> nack = (Map<?, ?>) status(names.get(0)).get("lastNack");
            assertThat(nack).isNotNull();
            Map<?, ?> error = (Map<?, ?>) ((List<?>) nack.get("errors")).get(0);
            assertThat((String) error.get("object")).contains("managed objects of cluster " + names.get(0));
            assertThat((String) error.get("message")).contains("cannot list");
        });
        assertThat(restarted.connected()).isTrue();
        assertThat(restarted.appliedRevision()).isZero();
        failing.acceptAll();
        await().atMost(CONVERGED).until(() -> restarted.appliedRevision() > 0);
        awaitConverged();
        assertThat(quota(failing, tenant)).isNotNull();
    }

    @Test
    void restartedAgentWritesNothingUnchanged() {
        // given
        createTenant(List.of(regionA, regionB), 10_000, 100);
        awaitConverged();
        MockCluster cluster = clusters.get(0);
        connections.get(0).close();
        cluster.takeWrites();

        // when
        AgentConnection restarted = agents.start(
                names.get(0),
                null,
                new KubernetesClusterDriver(cluster.client()),
                state.resolve(names.get(0)),
                AgentEvents.NONE);
        connections.set(0, restarted);
        await().atMost(CONVERGED).until(restarted::connected);
        awaitHeartbeats();

        // then
        assertThat(cluster.takeWrites()).isEmpty();
        awaitConverged();
    }

    @Test
    void agentsIdleWithoutControlPlane() throws Exception {
        // given
        String tenant = createTenant(List.of(regionA, regionB), 10_000, 100);
        awaitConverged();
        clusters.forEach(MockCluster::takeWrites);

        // when
        controlPlane.stop();
        await().atMost(CONVERGED).until(() -> connections.stream().noneMatch(AgentConnection::connected));
        Thread.sleep(3000); // NOTE: a fixed wait is the point here: the agents must stay idle for a while.

        // then
        for (MockCluster cluster : clusters) {
            assertThat(cluster.takeWrites()).isEmpty();
            assertThat(cluster.client()
                            .namespaces()
                            .withName("tenant-" + tenant)
                            .get())
                    .isNotNull();
        }
        controlPlane.start();
        await().atMost(CONVERGED).until(() -> connections.stream().allMatch(AgentConnection::connected));
        updateTenant(tenant, List.of(regionA, regionB), 12_000, 120);
        awaitConverged();
    }

    @Test
    void revokedCredentialEndsTheStreamWithClearError() {
        // given
        String cluster = names.get(2);
        List<Map<String, Object>> credentials = ItApi.asAdmin(controlPlane)
                .get("/api/v1/clusters/" + cluster + "/agent-credentials")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        String credential = (String) credentials.get(0).get("id");

        // when
        ItApi.asAdmin(controlPlane)
                .post("/api/v1/clusters/" + cluster + "/agent-credentials/" + credential + "/revoke")
                .then()
                .statusCode(200);

        // then
        AgentConnection agent = connections.get(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.connected() && agent.lastError() != null);
        assertThat(agent.lastError()).contains("agent credential rejected");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> !agent.connected());
    }

    @Test
    void handEditIsReportedThenCorrected() {
        // given
        String tenant = createTenant(List.of(regionA), 10_000, 100);
        awaitConverged();
        MockCluster cluster = clusters.get(0);
        ResourceQuota edited = quota(cluster, tenant);
        edited.getSpec().getHard().put("pods", new Quantity("999"));
        cluster.client().resource(edited).update();

        // when
        await().atMost(CONVERGED).untilAsserted(() -> {
            List<?> drift = (List<?>) status(names.get(0)).get("drift");
            assertThat(drift).singleElement().satisfies(entry -> {
                Map<?, ?> report = (Map<?, ?>) entry;
                assertThat(report.get("object")).isEqualTo("ResourceQuota tenant-" + tenant + "/tenant-quota");
                assertThat((String) report.get("description")).startsWith("spec.hard.pods: 999 instead of ");
                assertThat(report.get("corrected")).isEqualTo(false);
            });
        });
        String etag = ItApi.asAdmin(controlPlane)
                .get("/api/v1/clusters/" + names.get(0))
                .then()
                .extract()
                .header("ETag");
        ItApi.asAdmin(controlPlane)
                .header("If-Match", etag)
                .body(Map.of(
                        "region",
                        regionA,
                        "capacity",
                        Map.of("cpuMillis", 64000, "memoryBytes", 137438953472L),
                        "driftPolicy",
                        "correct"))
                .put("/api/v1/clusters/" + names.get(0))
                .then()
                .statusCode(200);

        // then
        await().atMost(CONVERGED)
                .untilAsserted(() -> assertThat(
                                quota(cluster, tenant).getSpec().getHard().get("pods"))
                        .isNotEqualTo(new Quantity("999")));
    }

    @Test
    void importedWorkloadBecomesAutoscalersThatFollowPolicyChanges() throws Exception {
        // given: the platform API's reference manifests, under a name of this test, in both regions
        String name = ItApi.unique("api");
        String manifests = Files.readString(PLATFORM_MANIFESTS).replace("securewatch-api", name);

        // when
        ItApi.asAdmin(controlPlane)
                .contentType("application/yaml; charset=utf-8")
                .body(manifests.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/imports/kubernetes?regions=" + regionA + "," + regionB)
                .then()
                .statusCode(201);

        // then: every cluster runs the Deployment, its Service and an autoscaler with a share of 3 to 20
        awaitConverged();
        assertThat(autoscalerMaxima(name)).isEqualTo(20);
        for (MockCluster cluster : clusters) {
            assertThat(cluster.client()
                            .apps()
                            .deployments()
                            .inNamespace("securewatch")
                            .withName(name)
                            .get())
                    .isNotNull();
            assertThat(cluster.client()
                            .services()
                            .inNamespace("securewatch")
                            .withName(name)
                            .get())
                    .isNotNull();
        }

        // when: the maximum grows to 30
        String policy = "/api/v1/workloads/" + name + "/scaling-policy";
        String etag = ItApi.asAdmin(controlPlane)
                .get(policy)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        ItApi.asAdmin(controlPlane)
                .header("If-Match", etag)
                .body(Map.of("minReplicas", 3, "maxReplicas", 30, "targetCpuUtilization", 70))
                .put(policy)
                .then()
                .statusCode(200);

        // then
        awaitConverged();
        assertThat(autoscalerMaxima(name)).isEqualTo(30);
    }

    @Test
    void seededPlatformApiPolicyReachesEverySimulatedCluster() throws Exception {
        // given: simulated agents on the six clusters the demo seeds
        List<String> seeded =
                List.of("eu-west-1-a", "eu-west-1-b", "eu-central-1-a", "eu-central-1-b", "us-east-1-a", "us-east-1-b");
        Map<String, SimulatedClusterDriver> drivers = new HashMap<>();
        List<AgentConnection> simulated = new ArrayList<>();
        try {
            for (String cluster : seeded) {
                SimulatedClusterDriver driver = new SimulatedClusterDriver(64_000, 256L << 30);
                drivers.put(cluster, driver);
                simulated.add(agents.start(
                        cluster,
                        ItApi.registrationToken(controlPlane, cluster),
                        driver,
                        state.resolve(cluster),
                        AgentEvents.NONE));
            }

            // when: the seeded workload's maximum grows from 20 to 26
            String policy = "/api/v1/workloads/securewatch-api/scaling-policy";
            String etag = ItApi.asAdmin(controlPlane)
                    .get(policy)
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("ETag");
            ItApi.asAdmin(controlPlane)
                    .header("If-Match", etag)
                    .body(Map.of(
                            "minReplicas", 3,
                            "maxReplicas", 26,
                            "targetCpuUtilization", 70,
                            "targetMemoryUtilization", 80))
                    .put(policy)
                    .then()
                    .statusCode(200);

            // then: every simulated cluster holds an autoscaler, and their maxima add up to 26
            await().atMost(CONVERGED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                int maxima = 0;
                for (String cluster : seeded) {
                    Map<String, Object> status = status(cluster);
                    assertThat(status.get("appliedRevision")).as(cluster).isEqualTo(status.get("desiredRevision"));
                    Map<String, Object> autoscaler = drivers.get(cluster)
                            .get(new ObjectKey(
                                    "autoscaling/v2", "HorizontalPodAutoscaler", "securewatch", "securewatch-api"))
                            .orElseThrow();
                    maxima += (Integer) ((Map<?, ?>) autoscaler.get("spec")).get("maxReplicas");
                }
                assertThat(maxima).isEqualTo(26);
            });
        } finally {
            simulated.forEach(AgentConnection::close);
        }
    }

    /** Returns the sum of the autoscalers' maxima for the workload over the mock clusters. */
    private int autoscalerMaxima(String name) {
        int maxima = 0;
        for (MockCluster cluster : clusters) {
            HorizontalPodAutoscaler autoscaler = cluster.client()
                    .autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inNamespace("securewatch")
                    .withName(name)
                    .get();
            assertThat(autoscaler).isNotNull();
            assertThat(autoscaler.getSpec().getMinReplicas()).isPositive();
            maxima += autoscaler.getSpec().getMaxReplicas();
        }
        return maxima;
    }

    private void awaitConverged() {
        await().atMost(CONVERGED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (String name : names) {
                Map<String, Object> status = status(name);
                assertThat(status.get("appliedRevision")).as(name).isEqualTo(status.get("desiredRevision"));
            }
        });
    }

    /** Waits until every agent has sent heartbeats after now, so that drift checks have run. */
    private void awaitHeartbeats() {
        String after = java.time.Instant.now().plusSeconds(1).toString();
        await().atMost(CONVERGED).untilAsserted(() -> {
            for (String name : names) {
                String heartbeat = (String) status(name).get("lastHeartbeatAt");
                assertThat(heartbeat).isNotNull();
                assertThat(java.time.Instant.parse(heartbeat)).isAfter(java.time.Instant.parse(after));
            }
        });
    }

    private static ResourceQuota quota(MockCluster cluster, String tenant) {
        return cluster.client()
                .resourceQuotas()
                .inNamespace("tenant-" + tenant)
                .withName("tenant-quota")
                .get();
    }

    private String cluster(String region, long cpuMillis) {
        return create(
                "/api/v1/clusters",
                Map.of(
                        "name", ItApi.unique("c"),
                        "region", region,
                        "capacity", Map.of("cpuMillis", cpuMillis, "memoryBytes", 137438953472L)));
    }

    private String createTenant(List<String> regions, long cpuMillis, long pods) {
        String slug = ItApi.unique("t");
        Map<String, Object> body = tenant(slug, regions, cpuMillis, pods);
        return create("/api/v1/tenants", body);
    }

    private void updateTenant(String slug, List<String> regions, long cpuMillis, long pods) {
        String etag = ItApi.asAdmin(controlPlane)
                .get("/api/v1/tenants/" + slug)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
        Map<String, Object> body = new HashMap<>(tenant(slug, regions, cpuMillis, pods));
        ItApi.asAdmin(controlPlane)
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/tenants/" + slug)
                .then()
                .statusCode(200);
    }

    private Map<String, Object> tenant(String slug, List<String> regions, long cpuMillis, long pods) {
        return Map.of(
                "slug",
                slug,
                "displayName",
                "Tenant " + slug,
                "tier",
                "shared",
                "residencyZones",
                List.of(zone),
                "regions",
                regions,
                "quota",
                Map.of("cpuMillis", cpuMillis, "memoryBytes", 8589934592L, "pods", pods));
    }

    private static String create(String path, Map<String, Object> body) {
        String key = body.containsKey("slug") ? "slug" : "name";
        ItApi.asAdmin(controlPlane).body(body).post(path).then().statusCode(201);
        return (String) body.get(key);
    }

    private static Map<String, Object> status(String cluster) {
        return ItApi.asAdmin(controlPlane)
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }
}
