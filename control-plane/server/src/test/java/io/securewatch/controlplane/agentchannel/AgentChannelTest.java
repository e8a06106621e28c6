package io.securewatch.controlplane.agentchannel;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.GoodbyeReason;
import io.securewatch.agent.v1.Heartbeat;
import io.securewatch.agent.v1.Nack;
import io.securewatch.agent.v1.ObjectError;
import io.securewatch.agent.v1.ObjectRef;
import io.securewatch.agent.v1.RegisterRequest;
import io.securewatch.agent.v1.RegisterResponse;
import io.securewatch.agent.v1.RotateCredentialRequest;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import io.securewatch.controlplane.support.TestAgentStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentChannelTest {

    private ManagedChannel channel;
    private String zone;
    private String region;
    private String cluster;

    @BeforeEach
    void createCluster() {
        channel = TestAgentStream.channel();
        zone = Api.uniqueZone();
        region = Fixtures.createRegion(zone);
        cluster = Fixtures.createCluster(region);
    }

    @AfterEach
    void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void registeredAgentReceivesFullBundleThenDeltas() throws Exception {
        // given
        String credential = register(cluster);
        String tenant = Fixtures.createTenant(List.of(zone), List.of(region));

        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            // when
            ControlPlaneMessage welcome = stream.next();
            Bundle full = stream.next().getBundle();
            ack(stream, full);
            asAdmin().post("/api/v1/tenants/" + tenant + "/suspend").then().statusCode(200);
            Bundle suspension = nextBundleAfter(stream, full.getRevision());
            String second = Fixtures.createTenant(List.of(zone), List.of(region));
            Bundle delta = nextBundleAfter(stream, suspension.getRevision());

            // then
            assertThat(welcome.getWelcome().getHeartbeatIntervalSeconds()).isPositive();
            assertThat(full.getFull()).isTrue();
            assertThat(full.getRevision()).isEqualTo(2);
            assertThat(full.getObjectsList())
                    .extracting(object -> object.getRef().getName())
                    .contains("tenant-" + tenant, "tenant-quota");
            assertThat(suspension.getFull()).isFalse();
            assertThat(suspension.getObjectsList())
                    .extracting(object ->
                            object.getRef().getKind() + " " + object.getRef().getName())
                    .containsExactlyInAnyOrder("Namespace tenant-" + tenant, "ResourceQuota tenant-quota");
            assertThat(suspension.getObjectsList())
                    .filteredOn(object -> object.getRef().getKind().equals("ResourceQuota"))
                    .singleElement()
                    .satisfies(quota -> assertThat(quota.getManifestJson()).contains("\"pods\":\"0\""));
            assertThat(delta.getFull()).isFalse();
            assertThat(delta.getBaseRevision()).isEqualTo(suspension.getRevision());
            assertThat(delta.getObjectsList())
                    .extracting(object -> object.getRef().getNamespace() + "/"
                            + object.getRef().getName())
                    .contains("/tenant-" + second)
                    .noneMatch(name -> name.startsWith("tenant-" + tenant));
            assertThat(delta.getTraceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        }
    }

    @Test
    void ackIsShownAsAppliedRevision() throws Exception {
        String credential = register(cluster);
        Fixtures.createTenant(List.of(zone), List.of(region));

        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            stream.next();
            Bundle full = stream.next().getBundle();
            ack(stream, full);
            stream.send(AgentMessage.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setAppliedRevision(full.getRevision()))
                    .build());

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .body("connected", equalTo(true))
                            .body("appliedRevision", equalTo((int) full.getRevision()))
                            .body("revisionLag", equalTo(0))
                            .body("agentVersion", equalTo("test")));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/clusters/" + cluster + "/status")
                        .then()
                        .body("connected", equalTo(false)));
    }

    @Test
    void regionStatusCountsConnectedClusters() throws Exception {
        // given: a second cluster in the region, whose agent never connects
        Fixtures.createCluster(region);
        String credential = register(cluster);

        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            // when
            stream.next();
            stream.send(AgentMessage.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setAppliedRevision(0))
                    .build());

            // then
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> as(Api.VIEWER)
                            .get("/api/v1/regions/" + region + "/status")
                            .then()
                            .statusCode(200)
                            .body("region", equalTo(region))
                            .body("status", equalTo("active"))
                            .body("clusters", equalTo(2))
                            .body("connectedClusters", equalTo(1)));
        }

        // then: once the stream is closed, no cluster of the region counts as connected
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as(Api.VIEWER)
                        .get("/api/v1/regions/" + region + "/status")
                        .then()
                        .body("clusters", equalTo(2))
                        .body("connectedClusters", equalTo(0)));
    }

    @Test
    void ackTargetsAreShownInStatus() throws Exception {
        // given
        String credential = register(cluster);
        Fixtures.createTenant(List.of(zone), List.of(region));

        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            stream.next();
            Bundle full = stream.next().getBundle();

            // when: the agent reports routing objects it wrote to its Consul and kept for a missing edge
            stream.send(AgentMessage.newBuilder()
                    .setAck(Ack.newBuilder()
                            .setRevision(full.getRevision())
                            .setContentHash(full.getContentHash())
                            .addAppliedTargets(io.securewatch.agent.v1.AppliedTarget.newBuilder()
                                    .setTarget("consul")
                                    .setAddress("http://127.0.0.1:8500")
                                    .addObjects(ObjectRef.newBuilder()
                                            .setApiVersion("routing.securewatch.io/v1")
                                            .setKind("ConsulConfigEntry")
                                            .setName("service-splitter.shop")))
                            .addAppliedTargets(io.securewatch.agent.v1.AppliedTarget.newBuilder()
                                    .setTarget("haproxy")
                                    .addObjects(ObjectRef.newBuilder()
                                            .setApiVersion("routing.securewatch.io/v1")
                                            .setKind("EdgeBackend")
                                            .setName("shop"))))
                    .build());

            // then
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .body("appliedRevision", equalTo((int) full.getRevision()))
                            .body("appliedTargets.target", equalTo(List.of("consul", "haproxy")))
                            .body("appliedTargets[0].address", equalTo("http://127.0.0.1:8500"))
                            .body(
                                    "appliedTargets[0].objects",
                                    equalTo(List.of("ConsulConfigEntry service-splitter.shop")))
                            .body("appliedTargets[1].address", equalTo(""))
                            .body("appliedTargets[1].objects", equalTo(List.of("EdgeBackend shop"))));
        }
    }

    @Test
    void agentThatIsUpToDateGetsNoBundle() throws Exception {
        String credential = register(cluster);
        Bundle full;
        try (TestAgentStream first = TestAgentStream.connect(credential, cluster, 0, "")) {
            first.next();
            full = first.next().getBundle();
            ack(first, full);
            awaitAppliedRevision(full.getRevision());
        }

        try (TestAgentStream second =
                TestAgentStream.connect(credential, cluster, full.getRevision(), full.getContentHash())) {
            assertThat(second.next().hasWelcome()).isTrue();
            assertThat(second.poll(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void lostAckResendsRevision() throws Exception {
        // given: an agent that applied the first bundle, but whose stream closed before its Ack arrived
        String credential = register(cluster);
        Bundle full;
        try (TestAgentStream first = TestAgentStream.connect(credential, cluster, 0, "")) {
            first.next();
            full = first.next().getBundle();
        }

        // when: it connects again, holding that revision
        try (TestAgentStream second =
                TestAgentStream.connect(credential, cluster, full.getRevision(), full.getContentHash())) {
            assertThat(second.next().hasWelcome()).isTrue();
            Bundle again = second.next().getBundle();
            ack(second, again);

            // then: it gets the same revision in full and its Ack clears the revision lag
            assertThat(again.getRevision()).isEqualTo(full.getRevision());
            assertThat(again.getContentHash()).isEqualTo(full.getContentHash());
            assertThat(again.getFull()).isTrue();
            awaitAppliedRevision(full.getRevision());
        }
    }

    private void awaitAppliedRevision(long revision) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> asAdmin()
                        .get("/api/v1/clusters/" + cluster + "/status")
                        .then()
                        .body("appliedRevision", equalTo((int) revision))
                        .body("revisionLag", equalTo(0)));
    }

    @Test
    void nackIsShownWithObjectAndReason() throws Exception {
        String credential = register(cluster);
        Fixtures.createTenant(List.of(zone), List.of(region));

        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            stream.next();
            Bundle full = stream.next().getBundle();
            stream.send(AgentMessage.newBuilder()
                    .setNack(Nack.newBuilder()
                            .setRevision(full.getRevision())
                            .addErrors(ObjectError.newBuilder()
                                    .setRef(ObjectRef.newBuilder()
                                            .setKind("ResourceQuota")
                                            .setNamespace("tenant-x")
                                            .setName("tenant-quota"))
                                    .setReason("Forbidden")
                                    .setMessage("quota admission denied")))
                    .build());

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> asAdmin()
                            .get("/api/v1/clusters/" + cluster + "/status")
                            .then()
                            .body("lastNack.revision", equalTo((int) full.getRevision()))
                            .body("lastNack.errors[0].object", equalTo("ResourceQuota tenant-x/tenant-quota"))
                            .body("lastNack.errors[0].reason", equalTo("Forbidden")));
        }
    }

    @Test
    void registrationTokenWorksOnce() {
        String token = token(cluster);
        RegisterRequest request = RegisterRequest.newBuilder()
                .setCluster(cluster)
                .setRegistrationToken(token)
                .setAgentVersion("test")
                .build();
        TestAgentStream.registration(channel, null).register(request);

        assertThatThrownBy(() -> TestAgentStream.registration(channel, null).register(request))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void tokenOfAnotherClusterIsRejected() {
        String other = Fixtures.createCluster(region);
        RegisterRequest request = RegisterRequest.newBuilder()
                .setCluster(cluster)
                .setRegistrationToken(token(other))
                .build();

        assertThatThrownBy(() -> TestAgentStream.registration(channel, null).register(request))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        error -> assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void invalidCredentialIsUnauthenticated() throws Exception {
        try (TestAgentStream stream =
                TestAgentStream.connect("swa_0123456789abcdef_" + "A".repeat(43), cluster, 0, "")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.endStatus() != null);

            assertThat(stream.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(stream.endStatus().getDescription()).contains("register the agent again");
        }
    }

    @Test
    void credentialOfAnotherClusterIsDenied() throws Exception {
        String other = Fixtures.createCluster(region);
        String credential = register(other);

        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.endStatus() != null);

            assertThat(stream.endStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
    }

    @Test
    void revokedCredentialClosesStream() throws Exception {
        // given
        RegisterResponse registered = registerResponse(cluster);
        try (TestAgentStream stream = TestAgentStream.connect(registered.getCredential(), cluster, 0, "")) {
            stream.next();

            // when
            asAdmin()
                    .post("/api/v1/clusters/" + cluster + "/agent-credentials/" + registered.getCredentialId()
                            + "/revoke")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("revoked"));

            // then
            ControlPlaneMessage goodbye = nextGoodbye(stream);
            assertThat(goodbye.getGoodbye().getReason()).isEqualTo(GoodbyeReason.GOODBYE_REASON_CREDENTIAL_REVOKED);
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.endStatus() != null);
            assertThat(stream.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        try (TestAgentStream retry = TestAgentStream.connect(registered.getCredential(), cluster, 0, "")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> retry.endStatus() != null);
            assertThat(retry.endStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void rotationReplacesCredentialOnFirstUse() throws Exception {
        // given
        RegisterResponse registered = registerResponse(cluster);
        RegisterResponse successor;
        try (TestAgentStream stream = TestAgentStream.connect(registered.getCredential(), cluster, 0, "")) {
            stream.next();
            asAdmin()
                    .post("/api/v1/clusters/" + cluster + "/agent-credentials/" + registered.getCredentialId()
                            + "/rotate")
                    .then()
                    .statusCode(200);
            ControlPlaneMessage request = nextOfKind(stream, ControlPlaneMessage::hasCredentialRotation);

            // when
            successor = TestAgentStream.registration(channel, registered.getCredential())
                    .rotateCredential(RotateCredentialRequest.newBuilder()
                            .setCluster(cluster)
                            .build());
            assertThat(request.getCredentialRotation().getCredentialId()).isEqualTo(registered.getCredentialId());
        }
        try (TestAgentStream renewed = TestAgentStream.connect(successor.getCredential(), cluster, 0, "")) {
            assertThat(renewed.next().hasWelcome()).isTrue();
        }

        // then
        List<Map<String, Object>> credentials = asAdmin()
                .get("/api/v1/clusters/" + cluster + "/agent-credentials")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        assertThat(credentials)
                .anySatisfy(entry -> {
                    assertThat(entry).containsEntry("id", registered.getCredentialId());
                    assertThat(entry).containsEntry("status", "revoked");
                })
                .anySatisfy(entry -> {
                    assertThat(entry).containsEntry("id", successor.getCredentialId());
                    assertThat(entry).containsEntry("status", "active");
                });
    }

    @Test
    void rotationRequestedWhileAgentWasAwayIsSentWhenItConnects() throws Exception {
        // given
        RegisterResponse registered = registerResponse(cluster);
        rotate(registered.getCredentialId()).then().statusCode(200).body("rotationRequestedAt", notNullValue());

        // when
        try (TestAgentStream stream = TestAgentStream.connect(registered.getCredential(), cluster, 0, "")) {
            ControlPlaneMessage welcome = stream.next();
            ControlPlaneMessage request = nextOfKind(stream, ControlPlaneMessage::hasCredentialRotation);

            // then
            assertThat(welcome.hasWelcome()).isTrue();
            assertThat(request.getCredentialRotation().getCredentialId()).isEqualTo(registered.getCredentialId());
        }
    }

    @Test
    void lostSuccessorIsRevokedWhenTheAgentRotatesAgain() {
        // given
        RegisterResponse registered = registerResponse(cluster);
        RegisterResponse lost = rotateOverGrpc(registered.getCredential());

        // when
        RegisterResponse kept = rotateOverGrpc(registered.getCredential());

        // then
        assertThat(credentialStatus(lost.getCredentialId())).isEqualTo("revoked");
        assertThat(credentialStatus(registered.getCredentialId())).isEqualTo("rotating");
        assertThat(credentialStatus(kept.getCredentialId())).isEqualTo("active");
    }

    @Test
    void rotatingReplacedCredentialNamesItsSuccessor() throws Exception {
        // given
        RegisterResponse registered = registerResponse(cluster);
        RegisterResponse successor = rotateOverGrpc(registered.getCredential());
        try (TestAgentStream renewed = TestAgentStream.connect(successor.getCredential(), cluster, 0, "")) {
            assertThat(renewed.next().hasWelcome()).isTrue();
        }

        // when
        var response = rotate(registered.getCredentialId());

        // then
        response.then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("replaced by '" + successor.getCredentialId() + "'"));
        asAdmin()
                .queryParam("objectId", registered.getCredentialId())
                .queryParam("action", "revoke")
                .get("/api/v1/audit-events")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].actor", equalTo("agent:" + cluster))
                .body("items[0].after.revokedBy", equalTo("rotation"))
                .body("items[0].after.replacedBy", equalTo(successor.getCredentialId()));
    }

    @Test
    void registrationTokenIsShownOnceAndAudited() {
        asAdmin()
                .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                .then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("token", org.hamcrest.Matchers.startsWith("swr_"));

        asAdmin()
                .queryParam("objectId", cluster)
                .queryParam("action", "issue-token")
                .get("/api/v1/audit-events")
                .then()
                .body("items[0].after.cluster", equalTo(cluster))
                .body("items[0].after.token", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void deletedClusterClosesItsStream() throws Exception {
        String credential = register(cluster);
        try (TestAgentStream stream = TestAgentStream.connect(credential, cluster, 0, "")) {
            stream.next();

            asAdmin().delete("/api/v1/clusters/" + cluster).then().statusCode(204);

            ControlPlaneMessage goodbye = nextGoodbye(stream);
            assertThat(goodbye.getGoodbye().getReason()).isEqualTo(GoodbyeReason.GOODBYE_REASON_CLUSTER_DELETED);
        }
    }

    private String register(String clusterName) {
        return registerResponse(clusterName).getCredential();
    }

    private RegisterResponse registerResponse(String clusterName) {
        return TestAgentStream.registration(channel, null)
                .register(RegisterRequest.newBuilder()
                        .setCluster(clusterName)
                        .setRegistrationToken(token(clusterName))
                        .setAgentVersion("test")
                        .build());
    }

    private RegisterResponse rotateOverGrpc(String credential) {
        return TestAgentStream.registration(channel, credential)
                .rotateCredential(
                        RotateCredentialRequest.newBuilder().setCluster(cluster).build());
    }

    private io.restassured.response.Response rotate(String credentialId) {
        return asAdmin().post("/api/v1/clusters/" + cluster + "/agent-credentials/" + credentialId + "/rotate");
    }

    private String credentialStatus(String credentialId) {
        List<Map<String, Object>> credentials = asAdmin()
                .get("/api/v1/clusters/" + cluster + "/agent-credentials")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return credentials.stream()
                .filter(entry -> credentialId.equals(entry.get("id")))
                .map(entry -> (String) entry.get("status"))
                .findFirst()
                .orElseThrow();
    }

    private static String token(String clusterName) {
        return asAdmin()
                .post("/api/v1/clusters/" + clusterName + "/registration-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    private static void ack(TestAgentStream stream, Bundle bundle) {
        stream.send(AgentMessage.newBuilder()
                .setAck(Ack.newBuilder().setRevision(bundle.getRevision()).setContentHash(bundle.getContentHash()))
                .build());
    }

    private static Bundle nextBundleAfter(TestAgentStream stream, long revision) throws InterruptedException {
        while (true) {
            ControlPlaneMessage message = stream.next();
            if (message.hasBundle() && message.getBundle().getRevision() > revision) {
                Bundle bundle = message.getBundle();
                ack(stream, bundle);
                if (bundle.getObjectsCount() > 0
                        && bundle.getObjectsList().stream()
                                .anyMatch(object -> object.getRef().getKind().equals("Namespace"))) {
                    return bundle;
                }
                revision = bundle.getRevision();
            }
        }
    }

    private static ControlPlaneMessage nextGoodbye(TestAgentStream stream) throws InterruptedException {
        return nextOfKind(stream, ControlPlaneMessage::hasGoodbye);
    }

    private static ControlPlaneMessage nextOfKind(
            TestAgentStream stream, java.util.function.Predicate<ControlPlaneMessage> kind)
            throws InterruptedException {
        while (true) {
            ControlPlaneMessage message = stream.next();
            if (kind.test(message)) {
                return message;
            }
        }
    }
}
