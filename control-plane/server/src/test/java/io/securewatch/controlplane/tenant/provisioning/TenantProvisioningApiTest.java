package io.securewatch.controlplane.tenant.provisioning;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.Nack;
import io.securewatch.agent.v1.ObjectError;
import io.securewatch.agent.v1.ObjectRef;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import io.securewatch.controlplane.support.TestAgentStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantProvisioningApiTest {

    private static final String TENANTS = "/api/v1/tenants";
    private static final Duration WITHIN = Duration.ofSeconds(20);

    /** An agent that connects and then acknowledges or rejects bundles only when a test calls for it. */
    private static final class HeldAgent implements AutoCloseable {

        private final TestAgentStream stream;
        private Bundle latest;

        private HeldAgent(String cluster) {
            this.stream = TestAgentStream.connect(TestAgentStream.register(cluster), cluster, 0, "");
        }

        /** Registers and connects an agent for the cluster, which applies its first bundle and then holds back. */
        static HeldAgent upToDate(String cluster) throws InterruptedException {
            HeldAgent agent = new HeldAgent(cluster);
            agent.ack(agent.awaitBundle(1));
            return agent;
        }

        /** Waits for the bundle of at least the given revision, skipping older ones. */
        Bundle awaitBundle(long atLeast) throws InterruptedException {
            while (latest == null || latest.getRevision() < atLeast) {
                ControlPlaneMessage message = stream.next();
                if (message.hasBundle()) {
                    latest = message.getBundle();
                }
            }
            return latest;
        }

        void ack(Bundle bundle) {
            stream.send(AgentMessage.newBuilder()
                    .setAck(Ack.newBuilder().setRevision(bundle.getRevision()).setContentHash(bundle.getContentHash()))
                    .build());
        }

        void nack(Bundle bundle, String namespace) {
            stream.send(AgentMessage.newBuilder()
                    .setNack(Nack.newBuilder()
                            .setRevision(bundle.getRevision())
                            .addErrors(ObjectError.newBuilder()
                                    .setRef(ObjectRef.newBuilder()
                                            .setKind("ResourceQuota")
                                            .setNamespace(namespace)
                                            .setName("tenant-quota"))
                                    .setReason("Forbidden")
                                    .setMessage("quota admission denied")))
                    .build());
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** Creates a tenant in the region, whose held-back agent keeps it provisioning, and returns its slug. */
    private static String createWaitingTenant(String zone, String region) {
        String slug = Api.uniqueName("t");
        asAdmin()
                .body(Fixtures.tenantBody(slug, List.of(zone), List.of(region)))
                .post(TENANTS)
                .then()
                .statusCode(201)
                .body("status", equalTo("provisioning"));
        return slug;
    }

    private static long desiredRevision(String cluster) {
        return ((Number) asAdmin()
                        .get("/api/v1/clusters/" + cluster + "/status")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("desiredRevision"))
                .longValue();
    }

    @Test
    void readyAtOnceWithoutAgents() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        Fixtures.createCluster(region);

        // when
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));

        // then
        as(Api.VIEWER)
                .get(TENANTS + "/" + slug + "/provisioning")
                .then()
                .statusCode(200)
                .body("tenant", equalTo(slug))
                .body("status", equalTo("ready"))
                .body("operation", equalTo("provision"))
                .body("done", equalTo(true))
                .body("steps[0].name", equalTo("environment:" + region))
                .body("steps[0].state", equalTo("done"))
                .body("steps[0].message", startsWith("no cluster in " + region + " has an agent yet"))
                .body("steps[0].nextAttemptAt", nullValue())
                .body("steps[0].finishedAt", notNullValue());
    }

    @Test
    void provisioningWaitsForAgents() throws Exception {
        // given a cluster whose agent holds back its acknowledgements
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        try (HeldAgent agent = HeldAgent.upToDate(cluster)) {
            // when
            String slug = createWaitingTenant(zone, region);

            // then the step waits for the cluster and names it
            as(Api.OPERATOR)
                    .get(TENANTS + "/" + slug + "/provisioning")
                    .then()
                    .statusCode(200)
                    .body("done", equalTo(false))
                    .body("steps[0].state", equalTo("waiting"))
                    .body("steps[0].message", containsString(cluster));
            as(Api.OPERATOR)
                    .post(TENANTS + "/" + slug + "/suspend")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("provisioning"));

            // when the agent applies the revision with the tenant's namespace
            agent.ack(agent.awaitBundle(desiredRevision(cluster)));

            // then
            await().atMost(WITHIN)
                    .untilAsserted(() -> asAdmin()
                            .get(TENANTS + "/" + slug)
                            .then()
                            .statusCode(200)
                            .body("status", equalTo("ready")));
            asAdmin()
                    .get(TENANTS + "/" + slug + "/provisioning")
                    .then()
                    .body("done", equalTo(true))
                    .body("steps[0].message", equalTo("applied by 1 cluster in " + region));
            asAdmin()
                    .get("/api/v1/audit-events?objectKind=tenant&objectId=" + slug + "&action=provision")
                    .then()
                    .statusCode(200)
                    .body("items[0].actor", equalTo("system:provisioning"));
        }
    }

    @Test
    void rejectedEnvironmentFailsThenRecovers() throws Exception {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        try (HeldAgent agent = HeldAgent.upToDate(cluster)) {
            String slug = Fixtures.createTenant(List.of(zone), List.of(region));

            // when the agent rejects the tenant's namespace
            agent.nack(agent.awaitBundle(desiredRevision(cluster)), "tenant-" + slug);

            // then the step fails with the agent's words and backs off
            await().atMost(WITHIN)
                    .untilAsserted(() -> asAdmin()
                            .get(TENANTS + "/" + slug + "/provisioning")
                            .then()
                            .body("steps[0].state", equalTo("failing"))
                            .body("steps[0].failures", greaterThanOrEqualTo(1))
                            .body("steps[0].lastError", containsString("quota admission denied"))
                            .body("steps[0].lastError", containsString(cluster + " rejected revision"))
                            .body("steps[0].nextAttemptAt", notNullValue()));
            asAdmin().get(TENANTS + "/" + slug).then().body("status", equalTo("provisioning"));

            // when the agent applies it after all
            agent.ack(agent.awaitBundle(desiredRevision(cluster)));

            // then
            await().atMost(WITHIN)
                    .untilAsserted(() -> asAdmin()
                            .get(TENANTS + "/" + slug + "/provisioning")
                            .then()
                            .body("status", equalTo("ready"))
                            .body("steps[0].state", equalTo("done"))
                            .body("steps[0].lastError", nullValue()));
        }
    }

    @Test
    void deletionWaitsThenRemovesTenant() throws Exception {
        // given a ready tenant in a region whose agent holds back its acknowledgements
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        try (HeldAgent agent = HeldAgent.upToDate(cluster)) {
            String slug = createWaitingTenant(zone, region);
            agent.ack(agent.awaitBundle(desiredRevision(cluster)));
            await().atMost(WITHIN)
                    .untilAsserted(
                            () -> asAdmin().get(TENANTS + "/" + slug).then().body("status", equalTo("ready")));

            // when
            asAdmin().delete(TENANTS + "/" + slug).then().statusCode(202).body("status", equalTo("deleting"));

            // then the tenant is deleting, refuses changes, and a second delete changes nothing
            asAdmin()
                    .get(TENANTS + "/" + slug + "/provisioning")
                    .then()
                    .body("operation", equalTo("delete"))
                    .body("steps[0].state", equalTo("waiting"));
            Map<String, Object> change = new HashMap<>(Fixtures.tenantBody(slug, List.of(zone), List.of(region)));
            change.put("displayName", "Renamed");
            asAdmin()
                    .header("If-Match", asAdmin().get(TENANTS + "/" + slug).header("ETag"))
                    .body(change)
                    .put(TENANTS + "/" + slug)
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("being deleted"));
            asAdmin().delete(TENANTS + "/" + slug).then().statusCode(202);

            // when the agent applies the revision without the tenant's namespace
            agent.ack(agent.awaitBundle(desiredRevision(cluster)));

            // then
            await().atMost(WITHIN)
                    .untilAsserted(
                            () -> asAdmin().get(TENANTS + "/" + slug).then().statusCode(404));
            asAdmin()
                    .get("/api/v1/audit-events?objectKind=tenant&objectId=" + slug)
                    .then()
                    .body("items.action", equalTo(List.of("remove", "delete", "provision", "create")))
                    .body("items[0].actor", equalTo("system:provisioning"));
        }
    }

    @Test
    void suspendAndResumeRecordOperations() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));

        // when
        as(Api.OPERATOR).post(TENANTS + "/" + slug + "/suspend").then().statusCode(200);

        // then
        asAdmin()
                .get(TENANTS + "/" + slug + "/provisioning")
                .then()
                .body("status", equalTo("suspended"))
                .body("operation", equalTo("suspend"))
                .body("done", equalTo(true));

        // when
        as(Api.OPERATOR).post(TENANTS + "/" + slug + "/resume").then().statusCode(200);

        // then
        asAdmin().get(TENANTS + "/" + slug + "/provisioning").then().body("operation", equalTo("resume"));
    }

    @Test
    void busyTenantsExplainTheWait() throws Exception {
        // given a tenant kept provisioning by a held-back agent
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        try (HeldAgent agent = HeldAgent.upToDate(cluster)) {
            String slug = createWaitingTenant(zone, region);

            // when / then suspending waits for the provisioning
            as(Api.OPERATOR)
                    .post(TENANTS + "/" + slug + "/suspend")
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("suspend it once it is ready"));

            // when / then a new tenant with the slug of one being deleted gets the reason
            asAdmin().delete(TENANTS + "/" + slug).then().statusCode(202);
            asAdmin()
                    .body(Fixtures.tenantBody(slug, List.of(zone), List.of(region)))
                    .post(TENANTS)
                    .then()
                    .statusCode(409)
                    .body("detail", containsString("is being deleted"));
        }
    }

    @Test
    void adminEmailCheckedOnCreateOnly() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        Map<String, Object> body =
                new HashMap<>(Fixtures.tenantBody(Api.uniqueName("t"), List.of(zone), List.of(region)));
        body.put("adminEmail", "not-an-address");

        // when / then
        asAdmin()
                .body(body)
                .post(TENANTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("adminEmail"))
                .body("errors[0].message", containsString("email address"));

        // given
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));
        Map<String, Object> change = new HashMap<>(Fixtures.tenantBody(slug, List.of(zone), List.of(region)));
        change.put("adminEmail", "admin@acme.example");

        // when / then
        asAdmin()
                .header("If-Match", asAdmin().get(TENANTS + "/" + slug).header("ETag"))
                .body(change)
                .put(TENANTS + "/" + slug)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("adminEmail"))
                .body("errors[0].message", containsString("on create only"));
    }

    @Test
    void tenantAdminSeesOwnStepsOnly() {
        // when / then
        as("acme-admin").get(TENANTS + "/acme/provisioning").then().statusCode(200);
        as("acme-admin").get(TENANTS + "/globex/provisioning").then().statusCode(404);
        asAdmin().get(TENANTS + "/no-such-tenant/provisioning").then().statusCode(404);
    }
}
