package io.securewatch.it.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.kubernetes.KubernetesClusterDriver;
import io.securewatch.it.Agents;
import io.securewatch.it.ControlPlaneProcess;
import io.securewatch.it.ItApi;
import io.securewatch.it.ItDatabase;
import io.securewatch.it.MockCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Restores a backup of the control plane's database into a fresh database and starts a new control plane on it, at
 * the stopped one's address, while three agents on mock Kubernetes clusters keep running and reconnect to it. Two
 * clusters match the backup, and one applied a change made after it. The test checks that the restored control plane
 * serves, writes nothing to any cluster, reports the changed cluster as ahead, and rolls it back only after an
 * operator confirms.
 */
class DisasterRecoveryIT {

    private static final Duration CONVERGED = Duration.ofSeconds(60);

    /** Heartbeats the agents send after reconnecting before the clusters are checked for writes. */
    private static final int SETTLE_HEARTBEATS = 3;

    private static final Map<String, String> ENVIRONMENT = Map.of("SECUREWATCH_CLUSTER_STATE_HEARTBEAT_INTERVAL", "1s");

    private final List<ItDatabase> databases = new ArrayList<>();
    private final List<ControlPlaneProcess> controlPlanes = new ArrayList<>();
    private final List<MockCluster> mocks = new ArrayList<>();
    private final List<AgentConnection> connections = new ArrayList<>();
    private Agents agents;
    private Path workDirectory;

    @AfterEach
    void stopEverything() throws Exception {
        connections.forEach(AgentConnection::close);
        if (agents != null) {
            agents.close();
        }
        for (ControlPlaneProcess controlPlane : controlPlanes) {
            controlPlane.stop();
        }
        mocks.forEach(MockCluster::close);
        for (ItDatabase database : databases) {
            database.close();
        }
        if (workDirectory != null) {
            try (Stream<Path> files = Files.walk(workDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void restoredControlPlaneRollsBackOnlyAfterConfirmation() throws Exception {
        // given: three converged clusters, two in one region and one in another, with a tenant in both regions
        workDirectory = Files.createTempDirectory("disaster-recovery");
        ItDatabase original = database();
        ControlPlaneProcess before = controlPlane(original, "disaster-recovery-before", ControlPlaneProcess.freePort());
        String zone = "Z" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        String regionA = create(
                before,
                "/api/v1/regions",
                Map.of("name", ItApi.unique("ra"), "displayName", "A", "residencyZone", zone));
        String regionB = create(
                before,
                "/api/v1/regions",
                Map.of("name", ItApi.unique("rb"), "displayName", "B", "residencyZone", zone));
        List<String> clusters = List.of(cluster(before, regionA), cluster(before, regionA), cluster(before, regionB));
        String changed = clusters.get(2);
        String keptTenant = createTenant(before, zone, List.of(regionA, regionB));
        agents = new Agents(before.port);
        for (String cluster : clusters) {
            MockCluster mock = new MockCluster();
            mocks.add(mock);
            connections.add(agents.start(
                    cluster,
                    ItApi.registrationToken(before, cluster),
                    new KubernetesClusterDriver(mock.client()),
                    workDirectory.resolve(cluster),
                    AgentEvents.NONE));
        }
        ItApi.awaitConverged(before, clusters);
        awaitTenantReady(before, keptTenant);

        // given: a backup, taken while the control plane runs, as an operator would take it
        Path backup = workDirectory.resolve("securewatch.dump");
        DatabaseBackup.dump(original, backup);
        long restoredRevision = status(before, changed).getLong("desiredRevision");

        // given: a change after the backup that only the cluster of region B receives and applies
        String lostTenant = createTenant(before, zone, List.of(regionB));
        ItApi.awaitConverged(before, clusters);
        long agentRevision = connections.get(2).appliedRevision();
        assertThat(agentRevision).isGreaterThan(restoredRevision);
        assertThat(namespace(mocks.get(2), lostTenant)).isTrue();

        // given: the control plane stops, as when its database is lost, and the agents keep running without it
        before.stop();
        await().atMost(CONVERGED).until(() -> connections.stream().noneMatch(AgentConnection::connected));
        mocks.forEach(MockCluster::takeWrites);

        // when: a control plane on the restored backup takes the stopped one's address, and the agents reconnect
        ItDatabase restored = database();
        DatabaseBackup.restore(backup, restored);
        ControlPlaneProcess after = controlPlane(restored, "disaster-recovery-after", before.port);
        await().atMost(CONVERGED).until(() -> connections.stream().allMatch(AgentConnection::connected));
        Instant reconnected = Instant.now();
        awaitHeartbeatsAfter(after, clusters, reconnected.plusSeconds(SETTLE_HEARTBEATS));

        // then: it serves the restored inventory
        assertThat(readiness(after)).isEqualTo(200);
        ItApi.asAdmin(after).get("/api/v1/tenants/" + keptTenant).then().statusCode(200);
        ItApi.asAdmin(after).get("/api/v1/tenants/" + lostTenant).then().statusCode(404);

        // then: no cluster saw a write, and only the changed one is ahead
        for (int i = 0; i < clusters.size(); i++) {
            assertThat(mocks.get(i).takeWrites())
                    .as("writes to %s", clusters.get(i))
                    .isEmpty();
        }
        for (String cluster : clusters.subList(0, 2)) {
            JsonPath status = status(after, cluster);
            assertThat(status.getBoolean("ahead")).as(cluster).isFalse();
            assertThat(status.getLong("revisionLag")).as(cluster).isZero();
        }
        JsonPath ahead = status(after, changed);
        assertThat(ahead.getBoolean("connected")).isTrue();
        assertThat(ahead.getBoolean("ahead")).isTrue();
        assertThat(ahead.getLong("agentRevision")).isEqualTo(agentRevision);
        assertThat(ahead.getLong("desiredRevision")).isEqualTo(restoredRevision);
        assertThat(namespace(mocks.get(2), lostTenant)).isTrue();
        assertThat(connections.get(2).appliedRevision()).isEqualTo(agentRevision);

        // when: the operator confirms the rollback
        ItApi.asAdmin(after)
                .post("/api/v1/clusters/" + changed + "/confirm-rollback")
                .then()
                .statusCode(200)
                .body("ahead", equalTo(false))
                .body("desiredRevision", equalTo((int) agentRevision + 1));

        // then: the changed cluster converges to the restored state, and the others still see no write
        ItApi.awaitConverged(after, clusters);
        assertThat(connections.get(2).appliedRevision()).isEqualTo(agentRevision + 1);
        assertThat(namespace(mocks.get(2), lostTenant)).isFalse();
        assertThat(namespace(mocks.get(2), keptTenant)).isTrue();
        assertThat(mocks.get(2).takeWrites()).anyMatch(write -> write.startsWith("DELETE "));
        assertThat(mocks.get(0).takeWrites()).isEmpty();
        assertThat(mocks.get(1).takeWrites()).isEmpty();
        assertThat(status(after, changed).getBoolean("ahead")).isFalse();
    }

    private ItDatabase database() throws Exception {
        ItDatabase database = new ItDatabase();
        databases.add(database);
        return database;
    }

    private ControlPlaneProcess controlPlane(ItDatabase database, String name, int port) throws IOException {
        ControlPlaneProcess controlPlane = new ControlPlaneProcess(database, name, ENVIRONMENT, port);
        controlPlanes.add(controlPlane);
        controlPlane.start();
        return controlPlane;
    }

    private static String cluster(ControlPlaneProcess controlPlane, String region) {
        return create(
                controlPlane,
                "/api/v1/clusters",
                Map.of(
                        "name", ItApi.unique("c"),
                        "region", region,
                        "capacity", Map.of("cpuMillis", 32000, "memoryBytes", 137438953472L)));
    }

    private static String createTenant(ControlPlaneProcess controlPlane, String zone, List<String> regions) {
        String slug = ItApi.unique("t");
        create(
                controlPlane,
                "/api/v1/tenants",
                Map.of(
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
                        Map.of("cpuMillis", 4000, "memoryBytes", 8589934592L, "pods", 50)));
        return slug;
    }

    private static String create(ControlPlaneProcess controlPlane, String path, Map<String, Object> body) {
        ItApi.asAdmin(controlPlane).body(body).post(path).then().statusCode(201);
        return (String) body.getOrDefault("slug", body.get("name"));
    }

    /** Waits until the tenant's provisioning is done, so that the restored control plane has no step left to run. */
    private static void awaitTenantReady(ControlPlaneProcess controlPlane, String tenant) {
        await().atMost(CONVERGED)
                .untilAsserted(() -> ItApi.asAdmin(controlPlane)
                        .get("/api/v1/tenants/" + tenant)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("ready")));
    }

    /** Waits until every cluster's agent has sent a heartbeat after the given time. */
    private static void awaitHeartbeatsAfter(ControlPlaneProcess controlPlane, List<String> clusters, Instant time) {
        await().atMost(CONVERGED).untilAsserted(() -> {
            for (String cluster : clusters) {
                String heartbeat = status(controlPlane, cluster).getString("lastHeartbeatAt");
                assertThat(heartbeat).as(cluster).isNotNull();
                assertThat(Instant.parse(heartbeat)).as(cluster).isAfter(time);
            }
        });
    }

    private static JsonPath status(ControlPlaneProcess controlPlane, String cluster) {
        return ItApi.asAdmin(controlPlane)
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static boolean namespace(MockCluster mock, String tenant) {
        return mock.client().namespaces().withName("tenant-" + tenant).get() != null;
    }

    private static int readiness(ControlPlaneProcess controlPlane) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(controlPlane.baseUrl() + "/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
