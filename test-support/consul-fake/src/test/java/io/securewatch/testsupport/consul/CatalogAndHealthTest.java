package io.securewatch.testsupport.consul;

import static io.securewatch.testsupport.consul.JsonShapes.JsonType.ARRAY;
import static io.securewatch.testsupport.consul.JsonShapes.JsonType.BOOLEAN;
import static io.securewatch.testsupport.consul.JsonShapes.JsonType.NUMBER;
import static io.securewatch.testsupport.consul.JsonShapes.JsonType.OBJECT;
import static io.securewatch.testsupport.consul.JsonShapes.JsonType.STRING;
import static io.securewatch.testsupport.consul.JsonShapes.assertShape;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent registrations as the catalog and health endpoints show them, pinned against the sample responses of the
 * Consul HTTP API documentation pages "Catalog - HTTP API", "Health - HTTP API" and "Service - Agent - HTTP API".
 */
class CatalogAndHealthTest {

    private ConsulFake fake;
    private ConsulHttp http;

    @BeforeEach
    void startFake() {
        fake = ConsulFake.start("eu-west-1");
        http = new ConsulHttp(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    /** Returns the sample payload of "Register Service", with a TTL check in place of the script check. */
    static JsonObject redisRegistration() {
        return new JsonObject()
                .put("ID", "redis1")
                .put("Name", "redis")
                .put("Tags", new JsonArray().add("primary").add("v1"))
                .put("Address", "127.0.0.1")
                .put("Port", 8000)
                .put("Meta", new JsonObject().put("redis_version", "4.0"))
                .put("EnableTagOverride", false)
                .put("Check", new JsonObject().put("TTL", "30s").put("Status", "passing"))
                .put("Weights", new JsonObject().put("Passing", 10).put("Warning", 1));
    }

    @Test
    void catalogServicesListsTagsByServiceName() {
        // given
        assertThat(http.put("/v1/agent/service/register", redisRegistration()).status())
                .isEqualTo(200);

        // when
        ConsulHttp.Reply reply = http.get("/v1/catalog/services");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/json");
        assertThat(reply.object())
                .isEqualTo(new JsonObject()
                        .put("consul", new JsonArray())
                        .put("redis", new JsonArray().add("primary").add("v1")));
    }

    @Test
    void catalogServiceHasDocumentedFields() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());

        // when
        JsonArray entries = http.get("/v1/catalog/service/redis").array();

        // then
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.getJsonObject(0);
        assertShape(
                entry,
                Map.ofEntries(
                        Map.entry("ID", STRING),
                        Map.entry("Node", STRING),
                        Map.entry("Address", STRING),
                        Map.entry("Datacenter", STRING),
                        Map.entry("TaggedAddresses", OBJECT),
                        Map.entry("NodeMeta", OBJECT),
                        Map.entry("CreateIndex", NUMBER),
                        Map.entry("ModifyIndex", NUMBER),
                        Map.entry("ServiceAddress", STRING),
                        Map.entry("ServiceEnableTagOverride", BOOLEAN),
                        Map.entry("ServiceID", STRING),
                        Map.entry("ServiceName", STRING),
                        Map.entry("ServicePort", NUMBER),
                        Map.entry("ServiceMeta", OBJECT),
                        Map.entry("ServiceTags", ARRAY),
                        Map.entry("ServiceProxy", OBJECT),
                        Map.entry("ServiceConnect", OBJECT),
                        Map.entry("ServiceKind", STRING),
                        Map.entry("ServiceWeights", OBJECT)));
        assertThat(entry.getString("Node")).isEqualTo("node-1");
        assertThat(entry.getString("Address")).isEqualTo("127.0.0.1");
        assertThat(entry.getString("Datacenter")).isEqualTo("eu-west-1");
        assertThat(entry.getString("ServiceID")).isEqualTo("redis1");
        assertThat(entry.getString("ServiceName")).isEqualTo("redis");
        assertThat(entry.getInteger("ServicePort")).isEqualTo(8000);
        assertThat(entry.getJsonObject("ServiceMeta")).isEqualTo(new JsonObject().put("redis_version", "4.0"));
        assertThat(entry.getJsonArray("ServiceTags")).containsExactly("primary", "v1");
        assertThat(entry.getJsonObject("ServiceWeights"))
                .isEqualTo(new JsonObject().put("Passing", 10).put("Warning", 1));
        assertThat(entry.getLong("ModifyIndex")).isPositive();
    }

    @Test
    void healthServiceHasDocumentedShape() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());

        // when
        JsonArray entries = http.get("/v1/health/service/redis").array();

        // then
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.getJsonObject(0);
        assertShape(entry, Map.of("Node", OBJECT, "Service", OBJECT, "Checks", ARRAY));
        assertShape(
                entry.getJsonObject("Node"),
                Map.of(
                        "ID", STRING,
                        "Node", STRING,
                        "Address", STRING,
                        "Datacenter", STRING,
                        "TaggedAddresses", OBJECT,
                        "Meta", OBJECT));
        assertThat(entry.getJsonObject("Node").getString("Datacenter")).isEqualTo("eu-west-1");
        assertShape(
                entry.getJsonObject("Service"),
                Map.of(
                        "ID", STRING,
                        "Service", STRING,
                        "Tags", ARRAY,
                        "Address", STRING,
                        "Meta", OBJECT,
                        "Port", NUMBER,
                        "Weights", OBJECT));
        JsonArray checks = entry.getJsonArray("Checks");
        assertThat(checks).hasSize(2);
        for (Object check : checks) {
            assertShape(
                    (JsonObject) check,
                    Map.of(
                            "Node", STRING,
                            "CheckID", STRING,
                            "Name", STRING,
                            "Status", STRING,
                            "Notes", STRING,
                            "Output", STRING,
                            "ServiceID", STRING,
                            "ServiceName", STRING,
                            "ServiceTags", ARRAY));
        }
        JsonObject serviceCheck = checks.getJsonObject(0);
        assertThat(serviceCheck.getString("CheckID")).isEqualTo("service:redis1");
        assertThat(serviceCheck.getString("Name")).isEqualTo("Service 'redis' check");
        assertThat(serviceCheck.getString("Status")).isEqualTo("passing");
        assertThat(serviceCheck.getJsonArray("ServiceTags")).containsExactly("primary", "v1");
        JsonObject nodeCheck = checks.getJsonObject(1);
        assertThat(nodeCheck.getString("CheckID")).isEqualTo("serfHealth");
        assertThat(nodeCheck.getString("ServiceID")).isEmpty();
        assertThat(nodeCheck.getJsonArray("ServiceTags")).isEmpty();
    }

    @Test
    void agentServicesListsOnlyAgentRegistrations() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());

        // when
        JsonObject services = http.get("/v1/agent/services").object();

        // then
        assertThat(services.fieldNames()).containsExactly("redis1");
        JsonObject redis = services.getJsonObject("redis1");
        assertShape(
                redis,
                Map.of(
                        "ID", STRING,
                        "Service", STRING,
                        "Tags", ARRAY,
                        "Meta", OBJECT,
                        "Port", NUMBER,
                        "Address", STRING,
                        "EnableTagOverride", BOOLEAN,
                        "Datacenter", STRING,
                        "Weights", OBJECT));
        assertThat(redis.getString("Datacenter")).isEqualTo("eu-west-1");
    }

    @Test
    void passingFilterDropsUnhealthyInstances() {
        // given
        http.put("/v1/agent/service/register", instance("web-1", "passing"));
        http.put("/v1/agent/service/register", instance("web-2", "warning"));
        http.put("/v1/agent/service/register", instance("web-3", "critical"));

        // when
        JsonArray all = http.get("/v1/health/service/web").array();
        JsonArray passing = http.get("/v1/health/service/web?passing").array();
        JsonArray passingFalse =
                http.get("/v1/health/service/web?passing=false").array();

        // then
        assertThat(serviceIds(all)).containsExactly("web-1", "web-2", "web-3");
        assertThat(serviceIds(passing)).containsExactly("web-1");
        assertThat(serviceIds(passingFalse)).containsExactly("web-1", "web-2", "web-3");
    }

    @Test
    void checkWithoutStatusStartsCritical() {
        // given
        JsonObject registration = new JsonObject().put("Name", "api").put("Check", new JsonObject().put("TTL", "10s"));

        // when
        http.put("/v1/agent/service/register", registration);

        // then
        JsonObject check = http.get("/v1/health/checks/api").array().getJsonObject(0);
        assertThat(check.getString("CheckID")).isEqualTo("service:api");
        assertThat(check.getString("Status")).isEqualTo("critical");
        assertThat(http.get("/v1/health/service/api?passing").array()).isEmpty();
    }

    @Test
    void severalChecksGetNumberedIds() {
        // given
        JsonObject registration = new JsonObject()
                .put("ID", "api-7")
                .put("Name", "api")
                .put(
                        "Checks",
                        new JsonArray()
                                .add(new JsonObject().put("TTL", "10s"))
                                .add(new JsonObject()
                                        .put("CheckID", "api-http")
                                        .put("HTTP", "http://127.0.0.1:1/h")
                                        .put("Interval", "10s")));

        // when
        http.put("/v1/agent/service/register", registration);

        // then
        JsonObject checks = http.get("/v1/agent/checks").object();
        assertThat(checks.fieldNames()).containsExactlyInAnyOrder("service:api-7:1", "api-http");
        assertThat(checks.getJsonObject("api-http").getString("Type")).isEqualTo("http");
        assertThat(checks.getJsonObject("api-http").getJsonObject("Definition").getString("Interval"))
                .isEqualTo("10s");
    }

    @Test
    void deregistrationRemovesServiceAndItsChecks() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());
        http.put("/v1/agent/service/maintenance/redis1?enable=true", "");

        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/service/deregister/redis1", "");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(http.get("/v1/catalog/service/redis").array()).isEmpty();
        assertThat(http.get("/v1/health/service/redis").array()).isEmpty();
        assertThat(http.get("/v1/health/checks/redis").array()).isEmpty();
        assertThat(http.get("/v1/agent/checks").object().fieldNames()).isEmpty();
        assertThat(http.get("/v1/catalog/services").object().fieldNames()).containsExactly("consul");
    }

    @Test
    void deregisteringUnknownServiceChangesNothing() {
        // given
        long before = fake.currentIndex();

        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/service/deregister/nothing-here", "");

        // then
        assertThat(reply.status()).isEqualTo(200);
        assertThat(fake.currentIndex()).isEqualTo(before);
    }

    @Test
    void identicalRegistrationKeepsTheIndex() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());
        long first = http.get("/v1/health/service/redis").index();

        // when
        http.put("/v1/agent/service/register", redisRegistration());

        // then
        assertThat(http.get("/v1/health/service/redis").index()).isEqualTo(first);
    }

    @Test
    void changedTagsReachTheChecks() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());

        // when
        http.put("/v1/agent/service/register", redisRegistration().put("Tags", new JsonArray().add("replica")));

        // then
        JsonObject check = http.get("/v1/health/checks/redis").array().getJsonObject(0);
        assertThat(check.getJsonArray("ServiceTags")).containsExactly("replica");
    }

    @Test
    void replaceExistingChecksDropsUnlisted() {
        // given
        http.put("/v1/agent/service/register", redisRegistration());
        JsonObject withOtherCheck = redisRegistration()
                .put("Check", new JsonObject().put("CheckID", "redis-ttl-2").put("TTL", "30s"));

        // when
        http.put("/v1/agent/service/register", withOtherCheck);
        List<String> afterPlainUpdate =
                List.copyOf(http.get("/v1/agent/checks").object().fieldNames());
        http.put("/v1/agent/service/register?replace-existing-checks", withOtherCheck);
        List<String> afterReplace =
                List.copyOf(http.get("/v1/agent/checks").object().fieldNames());

        // then
        assertThat(afterPlainUpdate).containsExactlyInAnyOrder("service:redis1", "redis-ttl-2");
        assertThat(afterReplace).containsExactly("redis-ttl-2");
    }

    @Test
    void fieldNamesMatchLikeGoDecoder() {
        // given
        JsonObject registration = new JsonObject()
                .put("name", "billing")
                .put("id", "billing-1")
                .put("port", 9000)
                .put("enable_tag_override", true)
                .put("check", new JsonObject().put("ttl", "5s").put("status", "warning"));

        // when
        http.put("/v1/agent/service/register", registration);

        // then
        JsonObject entry = http.get("/v1/health/service/billing").array().getJsonObject(0);
        assertThat(entry.getJsonObject("Service").getString("ID")).isEqualTo("billing-1");
        assertThat(entry.getJsonObject("Service").getInteger("Port")).isEqualTo(9000);
        assertThat(entry.getJsonObject("Service").getBoolean("EnableTagOverride"))
                .isTrue();
        assertThat(entry.getJsonArray("Checks").getJsonObject(0).getString("Status"))
                .isEqualTo("warning");
    }

    @Test
    void tagFilterKeepsInstancesWithEveryTag() {
        // given
        http.put("/v1/agent/service/register", instance("web-1", "passing").put("Tags", new JsonArray().add("a")));
        http.put(
                "/v1/agent/service/register",
                instance("web-2", "passing")
                        .put("Tags", new JsonArray().add("a").add("b")));

        // when
        JsonArray tagged = http.get("/v1/catalog/service/web?tag=a&tag=b").array();

        // then
        assertThat(tagged).hasSize(1);
        assertThat(tagged.getJsonObject(0).getString("ServiceID")).isEqualTo("web-2");
    }

    @Test
    void builderSetsTheNodeName() {
        // given
        try (ConsulFake named =
                ConsulFake.builder("us-east-1").nodeName("consul-7").start()) {
            ConsulHttp client = new ConsulHttp(named);

            // when
            JsonObject node = client.get("/v1/catalog/nodes").array().getJsonObject(0);

            // then
            assertThat(node.getString("Node")).isEqualTo("consul-7");
            assertThat(node.getString("Datacenter")).isEqualTo("us-east-1");
            assertThat(named.nodeName()).isEqualTo("consul-7");
        }
    }

    @Test
    void missingServiceNameIsRejected() {
        // when
        ConsulHttp.Reply reply = http.put("/v1/agent/service/register", new JsonObject().put("Port", 80));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("Missing service name");
        assertThat(reply.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void checkWithoutTypeIsRejected() {
        // when
        ConsulHttp.Reply reply = http.put(
                "/v1/agent/service/register",
                new JsonObject().put("Name", "api").put("Check", new JsonObject().put("Interval", "10s")));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).startsWith("Invalid check");
    }

    static JsonObject instance(String id, String status) {
        return new JsonObject()
                .put("ID", id)
                .put("Name", "web")
                .put("Port", 8080)
                .put("Check", new JsonObject().put("TTL", "60s").put("Status", status));
    }

    static List<String> serviceIds(JsonArray healthEntries) {
        return healthEntries.stream()
                .map(entry -> ((JsonObject) entry).getJsonObject("Service").getString("ID"))
                .toList();
    }
}
