package io.securewatch.controlplane.agentchannel;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.ConvergedAgent;
import io.securewatch.controlplane.support.Fixtures;
import io.securewatch.controlplane.support.TestAgentStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agents that applied a revision the control plane does not have, as after a restore of its database from an older
 * backup. They receive nothing until an operator confirms the rollback, and then the complete desired state.
 */
@QuarkusTest
class AheadAgentTest {

    /** How long a test waits to be sure that no bundle comes. */
    private static final Duration QUIET = Duration.ofSeconds(2);

    /** A content hash that no bundle of the control plane has. */
    private static final String FOREIGN_HASH = "f".repeat(64);

    private String zone;
    private String region;
    private String cluster;

    @BeforeEach
    void createClusterWithTenant() {
        zone = Api.uniqueZone();
        region = Fixtures.createRegion(zone);
        cluster = Fixtures.createCluster(region);
        Fixtures.createTenant(List.of(zone), List.of(region));
    }

    @Test
    void aheadAgentGetsNoBundle() throws Exception {
        // given
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);

        // when
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, desired + 1, FOREIGN_HASH)) {
            List<ControlPlaneMessage> received = drain(stream, QUIET);

            // then
            assertThat(received).isNotEmpty();
            assertThat(received.get(0).hasWelcome()).isTrue();
            assertThat(received).noneMatch(ControlPlaneMessage::hasBundle);
        }
    }

    @Test
    void statusShowsAheadAgent() throws Exception {
        // given
        JsonPath before = status(cluster);
        long desired = before.getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);

        // when
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, desired + 3, FOREIGN_HASH)) {
            stream.next();

            // then
            await().atMost(TestAgentStream.WAIT)
                    .untilAsserted(() -> as(Api.VIEWER)
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .statusCode(200)
                            .body("ahead", equalTo(true))
                            .body("agentRevision", equalTo((int) desired + 3))
                            .body("agentHash", equalTo(FOREIGN_HASH))
                            .body("aheadSince", notNullValue())
                            .body("desiredRevision", equalTo((int) desired))
                            .body("desiredHash", equalTo(before.getString("desiredHash"))));
        }
    }

    @Test
    void desiredRevisionWithOtherHashIsAhead() throws Exception {
        // given
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);

        // when
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, desired, FOREIGN_HASH)) {
            List<ControlPlaneMessage> received = drain(stream, QUIET);

            // then
            assertThat(received).noneMatch(ControlPlaneMessage::hasBundle);
            JsonPath status = status(cluster);
            assertThat(status.getBoolean("ahead")).isTrue();
            assertThat(status.getLong("agentRevision")).isEqualTo(desired);
        }
    }

    @Test
    void aheadAgentWaitsPastNewerRevisions() throws Exception {
        // given: an agent one revision ahead
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        try (TestAgentStream stream = connectAhead(credential, desired + 1)) {
            // when: two changes raise the desired revision past the agent's, without the agent's state
            Fixtures.createTenant(List.of(zone), List.of(region));
            Fixtures.createTenant(List.of(zone), List.of(region));
            List<ControlPlaneMessage> received = drain(stream, QUIET);

            // then
            assertThat(status(cluster).getLong("desiredRevision")).isGreaterThan(desired + 1);
            assertThat(received).noneMatch(ControlPlaneMessage::hasBundle);
            assertThat(status(cluster).getBoolean("ahead")).isTrue();
        }
    }

    @Test
    void otherClustersStillReceiveBundles() throws Exception {
        // given: an ahead agent and a converged one in the same region
        String other = Fixtures.createCluster(region);
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        try (ConvergedAgent converged = ConvergedAgent.start(other);
                TestAgentStream ahead = TestAgentStream.connect(credential, cluster, desired + 5, FOREIGN_HASH)) {
            assertThat(ahead.next().hasWelcome()).isTrue();
            awaitAhead(cluster);

            // when: a tenant change reaches both clusters
            Fixtures.createTenant(List.of(zone), List.of(region));

            // then
            long otherDesired = status(other).getLong("desiredRevision");
            await().atMost(TestAgentStream.WAIT).until(() -> converged.appliedRevision() == otherDesired);
            assertThat(drain(ahead, QUIET)).noneMatch(ControlPlaneMessage::hasBundle);
            assertThat(status(other).getBoolean("ahead")).isFalse();
        }
    }

    @Test
    void drillPreflightFailsOnAheadAgent() throws Exception {
        // given: an agent of the region that is ahead and still connected
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        String drill = Api.uniqueName("ahead-drill");
        Api.asAdmin()
                .body(Map.of("name", drill, "type", "region-evacuation", "target", region, "mode", "dry-run"))
                .post("/api/v1/drills")
                .then()
                .statusCode(201);
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, desired + 1, FOREIGN_HASH)) {
            awaitAhead(cluster);

            // when
            JsonPath run = Api.asAdmin()
                    .body(Map.of("dryRun", true))
                    .post("/api/v1/drills/" + drill + "/runs")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath();

            // then
            assertThat(run.getString("status")).as(run.prettify()).isEqualTo("failed");
            assertThat(run.getList("checks.find { it.name == 'agents' }.details", String.class))
                    .contains(cluster + " (target): agent is ahead of the desired state, as after a restore; confirm"
                            + " the rollback with POST /api/v1/clusters/" + cluster + "/confirm-rollback first");
        }
    }

    @Test
    void ackOfUnsentRevisionMakesAgentAhead() throws Exception {
        // given: an agent that applied the desired state, then reports a revision this control plane never sent
        String credential = TestAgentStream.register(cluster);
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            assertThat(stream.next().hasWelcome()).isTrue();
            Bundle full = stream.next().getBundle();
            ack(stream, full.getRevision(), full.getContentHash());

            // when
            ack(stream, full.getRevision() + 2, FOREIGN_HASH);

            // then
            awaitAhead(cluster);
            assertThat(status(cluster).getLong("agentRevision")).isEqualTo(full.getRevision() + 2);
            Fixtures.createTenant(List.of(zone), List.of(region));
            assertThat(drain(stream, QUIET)).noneMatch(ControlPlaneMessage::hasBundle);
        }
    }

    @Test
    void confirmSendsCompleteBundleAboveAgentRevision() throws Exception {
        // given
        long desired = status(cluster).getLong("desiredRevision");
        long agentRevision = desired + 7;
        String credential = TestAgentStream.register(cluster);
        try (TestAgentStream stream = connectAhead(credential, agentRevision)) {
            // when
            Response response = as(Api.OPERATOR).post("/api/v1/clusters/" + cluster + "/confirm-rollback");

            // then
            response.then()
                    .statusCode(200)
                    .body("cluster", equalTo(cluster))
                    .body("ahead", equalTo(false))
                    .body("agentRevision", nullValue())
                    .body("desiredRevision", equalTo((int) agentRevision + 1));
            Bundle bundle = nextBundle(stream);
            assertThat(bundle.getFull()).isTrue();
            assertThat(bundle.getRevision()).isEqualTo(agentRevision + 1);
            assertThat(bundle.getContentHash()).isEqualTo(response.jsonPath().getString("desiredHash"));
            assertThat(bundle.getObjectsList())
                    .extracting(object -> object.getRef().getKind())
                    .contains("Namespace", "ResourceQuota");
            ack(stream, bundle.getRevision(), bundle.getContentHash());
            await().atMost(TestAgentStream.WAIT)
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .body("appliedRevision", equalTo((int) agentRevision + 1))
                            .body("revisionLag", equalTo(0))
                            .body("ahead", equalTo(false)));
        }
    }

    @Test
    void agentReconnectingAfterConfirmGetsCompleteBundle() throws Exception {
        // given: the rollback was confirmed while the agent was away
        long desired = status(cluster).getLong("desiredRevision");
        long agentRevision = desired + 3;
        String credential = TestAgentStream.register(cluster);
        connectAhead(credential, agentRevision).close();
        asAdmin()
                .post("/api/v1/clusters/" + cluster + "/confirm-rollback")
                .then()
                .statusCode(200);

        // when: the agent reconnects with the revision it still has
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, agentRevision, FOREIGN_HASH)) {
            Bundle bundle = nextBundle(stream);

            // then
            assertThat(bundle.getFull()).isTrue();
            assertThat(bundle.getRevision()).isEqualTo(agentRevision + 1);
            assertThat(status(cluster).getBoolean("ahead")).isFalse();
        }
    }

    @Test
    void confirmKeepsDesiredContent() throws Exception {
        // given
        String desiredHash = status(cluster).getString("desiredHash");
        String before = desiredStateYaml(cluster);
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        connectAhead(credential, desired + 2).close();

        // when
        asAdmin()
                .post("/api/v1/clusters/" + cluster + "/confirm-rollback")
                .then()
                .statusCode(200);

        // then
        assertThat(status(cluster).getString("desiredHash")).isEqualTo(desiredHash);
        assertThat(desiredStateYaml(cluster)).isEqualTo(before);
    }

    @Test
    void confirmIsAudited() throws Exception {
        // given
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        connectAhead(credential, desired + 4).close();

        // when
        asAdmin()
                .post("/api/v1/clusters/" + cluster + "/confirm-rollback")
                .then()
                .statusCode(200);

        // then
        asAdmin()
                .queryParam("objectId", cluster)
                .queryParam("action", "confirm-rollback")
                .get("/api/v1/audit-events")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].actor", equalTo(Api.ADMIN))
                .body("items[0].objectKind", equalTo("cluster"))
                .body("items[0].before.ahead", equalTo(true))
                .body("items[0].before.agentRevision", equalTo((int) desired + 4))
                .body("items[0].after.ahead", equalTo(false))
                .body("items[0].after.desiredRevision", equalTo((int) desired + 5));
    }

    @Test
    void confirmIsConflictWhenNotAhead() {
        // when
        Response response = asAdmin().post("/api/v1/clusters/" + cluster + "/confirm-rollback");

        // then
        response.then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:securewatch:problem:conflict"))
                .body("detail", containsString("cluster '" + cluster + "' is not ahead"))
                .body("instance", equalTo("/api/v1/clusters/" + cluster + "/confirm-rollback"));
        assertThat(status(cluster).getBoolean("ahead")).isFalse();
    }

    @Test
    void confirmWithBodyIsRejected() throws Exception {
        // given
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        connectAhead(credential, desired + 1).close();

        // when
        Response response =
                asAdmin().body("{\"force\": true}").post("/api/v1/clusters/" + cluster + "/confirm-rollback");

        // then
        response.then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("send none"));
        assertThat(status(cluster).getBoolean("ahead")).isTrue();
    }

    @Test
    void confirmOfMissingClusterIsNotFound() {
        asAdmin()
                .post("/api/v1/clusters/no-such-cluster/confirm-rollback")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("cluster 'no-such-cluster' not found"));
    }

    @Test
    void matchingAgentSeesNoBundlePush() throws Exception {
        // given: an agent that applied and acknowledged the desired state, as the backup recorded it
        String credential = TestAgentStream.register(cluster);
        Bundle applied;
        try (TestAgentStream first = TestAgentStream.connect(credential, cluster, 0, "")) {
            applied = nextBundle(first);
            ack(first, applied.getRevision(), applied.getContentHash());
            await().atMost(TestAgentStream.WAIT)
                    .untilAsserted(() -> assertThat(status(cluster).getLong("appliedRevision"))
                            .isEqualTo(applied.getRevision()));
        }

        // when it connects again with that state
        try (TestAgentStream stream =
                TestAgentStream.connect(credential, cluster, applied.getRevision(), applied.getContentHash())) {
            List<ControlPlaneMessage> received = drain(stream, QUIET);

            // then
            assertThat(received).isNotEmpty();
            assertThat(received.get(0).hasWelcome()).isTrue();
            assertThat(received).noneMatch(ControlPlaneMessage::hasBundle);
            assertThat(status(cluster).getBoolean("ahead")).isFalse();
        }
    }

    @Test
    void matchingAgentClearsAheadMark() throws Exception {
        // given: the agent was found ahead with the desired revision under another hash
        JsonPath desired = status(cluster);
        long revision = desired.getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        connectAhead(credential, revision).close();

        // when: it reconnects with the desired revision and hash, as after someone restored its state directory
        try (TestAgentStream stream =
                TestAgentStream.connect(credential, cluster, revision, desired.getString("desiredHash"))) {
            List<ControlPlaneMessage> received = drain(stream, QUIET);

            // then
            assertThat(received).noneMatch(ControlPlaneMessage::hasBundle);
            await().atMost(TestAgentStream.WAIT)
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .body("ahead", equalTo(false))
                            .body("agentRevision", nullValue()));
        }
    }

    @Test
    void olderRevisionAfterAheadStillGetsNoBundle() throws Exception {
        // given: the agent was found ahead
        long desired = status(cluster).getLong("desiredRevision");
        String credential = TestAgentStream.register(cluster);
        connectAhead(credential, desired + 1).close();

        // when: it reconnects claiming nothing applied, so it would otherwise receive the complete desired state
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            List<ControlPlaneMessage> received = drain(stream, QUIET);

            // then
            assertThat(received).noneMatch(ControlPlaneMessage::hasBundle);
            JsonPath status = status(cluster);
            assertThat(status.getBoolean("ahead")).isTrue();
            assertThat(status.getLong("agentRevision")).isEqualTo(desired + 1);
        }
    }

    /** Connects an agent with a revision ahead of the desired one and waits until the status shows it ahead. */
    private TestAgentStream connectAhead(String credential, long agentRevision) throws InterruptedException {
        TestAgentStream stream = TestAgentStream.connect(credential, cluster, agentRevision, FOREIGN_HASH);
        assertThat(stream.next().hasWelcome()).isTrue();
        awaitAhead(cluster);
        return stream;
    }

    private static JsonPath status(String clusterName) {
        return asAdmin()
                .get("/api/v1/clusters/" + clusterName + "/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String desiredStateYaml(String clusterName) {
        return asAdmin()
                .accept("application/yaml")
                .get("/api/v1/clusters/" + clusterName + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static void awaitAhead(String clusterName) {
        await().atMost(TestAgentStream.WAIT)
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/clusters/" + clusterName + "/status")
                        .then()
                        .body("ahead", equalTo(true))
                        .body("agentRevision", greaterThan(0)));
    }

    /** Returns every message that arrives until none has come for the given time. */
    private static List<ControlPlaneMessage> drain(TestAgentStream stream, Duration quiet) throws InterruptedException {
        List<ControlPlaneMessage> received = new ArrayList<>();
        ControlPlaneMessage message;
        while ((message = stream.poll(quiet)) != null) {
            received.add(message);
        }
        return received;
    }

    private static Bundle nextBundle(TestAgentStream stream) throws InterruptedException {
        while (true) {
            ControlPlaneMessage message = stream.next();
            if (message.hasBundle()) {
                return message.getBundle();
            }
        }
    }

    private static void ack(TestAgentStream stream, long revision, String contentHash) {
        stream.send(AgentMessage.newBuilder()
                .setAck(Ack.newBuilder().setRevision(revision).setContentHash(contentHash))
                .build());
    }
}
