package io.securewatch.testsupport.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TTL check transitions, TTL expiry and maintenance mode through the agent endpoints. */
class HealthCheckTest {

    private ConsulFake fake;
    private ConsulHttp http;

    @BeforeEach
    void startFake() {
        fake = ConsulFake.start("eu-west-1");
        http = new ConsulHttp(fake);
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-1", "passing"));
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void ttlCheckFollowsPassWarnFail() {
        // given
        String check = "service:web-1";

        // when
        http.put("/v1/agent/check/warn/" + check + "?note=slow%20disk", "");
        JsonObject warned = serviceCheck();
        http.put("/v1/agent/check/fail/" + check + "?note=down", "");
        JsonObject failed = serviceCheck();
        http.put("/v1/agent/check/pass/" + check, "");
        JsonObject passed = serviceCheck();

        // then
        assertThat(warned.getString("Status")).isEqualTo("warning");
        assertThat(warned.getString("Output")).isEqualTo("slow disk");
        assertThat(failed.getString("Status")).isEqualTo("critical");
        assertThat(failed.getString("Output")).isEqualTo("down");
        assertThat(passed.getString("Status")).isEqualTo("passing");
        assertThat(passed.getString("Output")).isEmpty();
        assertThat(passed.getLong("ModifyIndex")).isGreaterThan(failed.getLong("ModifyIndex"));
    }

    @Test
    void repeatedPassKeepsIndex() {
        // given
        http.put("/v1/agent/check/pass/service:web-1?note=ok", "");
        long before = http.get("/v1/health/service/web").index();

        // when
        http.put("/v1/agent/check/pass/service:web-1?note=ok", "");

        // then
        assertThat(http.get("/v1/health/service/web").index()).isEqualTo(before);
    }

    @Test
    void checkUpdateSetsStatusAndOutput() {
        // when
        ConsulHttp.Reply reply = http.put(
                "/v1/agent/check/update/service:web-1",
                new JsonObject().put("Status", "warning").put("Output", "queue at 80%"));

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(serviceCheck().getString("Status")).isEqualTo("warning");
        assertThat(serviceCheck().getString("Output")).isEqualTo("queue at 80%");
    }

    @Test
    void ttlCheckExpiresToCritical() {
        // given
        http.put(
                "/v1/agent/check/register",
                new JsonObject()
                        .put("Name", "heartbeat")
                        .put("ServiceID", "web-1")
                        .put("TTL", "300ms")
                        .put("Status", "passing"));

        // when the agent sends no update within the TTL

        // then
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonObject heartbeat = http.get("/v1/agent/checks").object().getJsonObject("heartbeat");
            assertThat(heartbeat.getString("Status")).isEqualTo("critical");
            assertThat(heartbeat.getString("Output")).isEqualTo("TTL expired");
        });
    }

    @Test
    void standaloneCheckIdDefaultsToName() {
        // when
        http.put(
                "/v1/agent/check/register",
                new JsonObject().put("Name", "disk").put("TTL", "60s").put("Status", "passing"));

        // then
        JsonObject disk = http.get("/v1/agent/checks").object().getJsonObject("disk");
        assertThat(disk.getString("ServiceID")).isEmpty();
        assertThat(disk.getString("Type")).isEqualTo("ttl");
        assertThat(http.get("/v1/health/service/web").array().getJsonObject(0).getJsonArray("Checks"))
                .extracting(check -> ((JsonObject) check).getString("CheckID"))
                .containsExactly("service:web-1", "disk", "serfHealth");
    }

    @Test
    void unknownCheckIsNotFound() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/check/pass/no-such-check", "");

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("Unknown check ID \"no-such-check\"");
    }

    @Test
    void passOnCheckWithoutTtlIsRejected() {
        // given
        http.put(
                "/v1/agent/check/register",
                new JsonObject()
                        .put("Name", "http-probe")
                        .put("HTTP", "http://127.0.0.1:1/health")
                        .put("Interval", "10s"));

        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/check/pass/http-probe", "");

        // then
        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).isEqualTo("CheckID \"http-probe\" does not have associated TTL");
    }

    @Test
    void setCheckStatusChangesProbeCheck() {
        // given
        http.put(
                "/v1/agent/check/register",
                new JsonObject()
                        .put("Name", "http-probe")
                        .put("ServiceID", "web-1")
                        .put("HTTP", "http://127.0.0.1:1/health")
                        .put("Interval", "10s"));

        // when
        fake.setCheckStatus("http-probe", "passing", "HTTP GET: 200 OK");

        // then
        JsonObject probe = http.get("/v1/agent/checks").object().getJsonObject("http-probe");
        assertThat(probe.getString("Status")).isEqualTo("passing");
        assertThat(probe.getString("Output")).isEqualTo("HTTP GET: 200 OK");
        assertThatThrownBy(() -> fake.setCheckStatus("http-probe", "ok", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("passing, warning or critical");
    }

    @Test
    void serviceMaintenanceAddsCriticalCheck() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/service/maintenance/web-1?enable=true&reason=deploying", "");

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonObject maintenance = http.get("/v1/health/checks/web").array().stream()
                .map(JsonObject.class::cast)
                .filter(check -> check.getString("CheckID").equals("_service_maintenance:web-1"))
                .findFirst()
                .orElseThrow();
        assertThat(maintenance.getString("Status")).isEqualTo("critical");
        assertThat(maintenance.getString("Notes")).isEqualTo("deploying");
        assertThat(maintenance.getString("ServiceID")).isEqualTo("web-1");
        assertThat(http.get("/v1/health/service/web?passing").array()).isEmpty();
    }

    @Test
    void disablingMaintenanceRestoresInstance() {
        // given
        http.put("/v1/agent/service/maintenance/web-1?enable=true", "");

        // when
        http.put("/v1/agent/service/maintenance/web-1?enable=false", "");

        // then
        assertThat(http.get("/v1/agent/checks").object().fieldNames()).containsExactly("service:web-1");
        assertThat(http.get("/v1/health/service/web?passing").array()).hasSize(1);
    }

    @Test
    void maintenanceWithoutReasonGetsDefaultNotes() {
        // when
        http.put("/v1/agent/service/maintenance/web-1?enable=true", "");

        // then
        JsonObject maintenance = http.get("/v1/agent/checks").object().getJsonObject("_service_maintenance:web-1");
        assertThat(maintenance.getString("Notes")).isNotEmpty();
    }

    @Test
    void enablingMaintenanceTwiceChangesNothing() {
        // given
        http.put("/v1/agent/service/maintenance/web-1?enable=true", "");
        long before = fake.currentIndex();

        // when
        http.put("/v1/agent/service/maintenance/web-1?enable=true", "");

        // then
        assertThat(fake.currentIndex()).isEqualTo(before);
    }

    @Test
    void maintenanceNeedsEnableAndKnownService() {
        // when
        ConsulHttp.Reply missingEnable = http.put("/v1/agent/service/maintenance/web-1", "");
        ConsulHttp.Reply badEnable = http.put("/v1/agent/service/maintenance/web-1?enable=maybe", "");
        ConsulHttp.Reply unknown = http.put("/v1/agent/service/maintenance/web-9?enable=true", "");

        // then
        assertThat(missingEnable.status()).isEqualTo(400);
        assertThat(badEnable.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void nodeMaintenanceFailsEveryInstance() {
        // given
        http.put("/v1/agent/service/register", CatalogAndHealthTest.instance("web-2", "passing"));

        // when
        http.put("/v1/agent/maintenance?enable=true&reason=kernel%20upgrade", "");

        // then
        assertThat(http.get("/v1/health/service/web?passing").array()).isEmpty();
        JsonObject nodeCheck = http.get("/v1/agent/checks").object().getJsonObject("_node_maintenance");
        assertThat(nodeCheck.getString("Status")).isEqualTo("critical");
        assertThat(nodeCheck.getString("ServiceID")).isEmpty();
        assertThat(nodeCheck.getString("Notes")).isEqualTo("kernel upgrade");
    }

    private JsonObject serviceCheck() {
        return http.get("/v1/health/checks/web").array().getJsonObject(0);
    }
}
