package io.securewatch.controlplane.routing;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoutingPolicyApiTest {

    private String first;
    private String second;
    private String firstCluster;
    private String secondCluster;
    private String service;
    private String policy;

    @Inject
    Pool pool;

    @BeforeEach
    void createServiceInTwoRegions() {
        String zone = Api.uniqueZone();
        first = Fixtures.createRegion(zone);
        second = Fixtures.createRegion(zone);
        firstCluster = Fixtures.createCluster(first);
        secondCluster = Fixtures.createCluster(second);
        service = Api.uniqueName("svc");
        asAdmin()
                .body(Fixtures.workloadBody(service, List.of(first, second), true))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        asAdmin()
                .body(Map.of("minReplicas", 4, "maxReplicas", 8, "targetCpuUtilization", 70))
                .put("/api/v1/workloads/" + service + "/scaling-policy")
                .then()
                .statusCode(200);
        policy = "/api/v1/services/" + service + "/routing-policy";
    }

    @Test
    void weightsSplitTrafficAndReplicas() {
        // when
        Response created = asAdmin()
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 3, second, 1)))
                .put(policy);

        // then
        created.then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("strategy", equalTo("weighted"))
                .body("connectTimeoutMillis", equalTo(5000))
                .body("requestTimeoutMillis", equalTo(15000));
        asAdmin()
                .get(policy + "/rendered")
                .then()
                .statusCode(200)
                .body(
                        "consul.'" + first + "'.find { it.Kind == 'service-splitter' }.Splits.Weight",
                        containsInAnyOrder(75, 25))
                .body(
                        "haproxy.'" + second + "'.runtimeCommands",
                        hasItem("set server be_" + service + "/" + first + " weight 192"));
        // 4 to 8 replicas at 3:1 give the first region 3 to 6 and the second 1 to 2
        assertThat(autoscaler(firstCluster)).containsEntry("minReplicas", 3).containsEntry("maxReplicas", 6);
        assertThat(autoscaler(secondCluster)).containsEntry("minReplicas", 1).containsEntry("maxReplicas", 2);
        // and the workload cannot leave a region its traffic goes to
        Map<String, Object> narrowed = Fixtures.workloadBody(service, List.of(second), true);
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(narrowed)
                .put("/api/v1/workloads/" + service)
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("regions"));
        // nor drop its Service while the routing policy exists
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(Fixtures.workloadBody(service, List.of(first, second), false))
                .put("/api/v1/workloads/" + service)
                .then()
                .statusCode(409)
                .body("errors[0].field", equalTo("service"));
        asAdmin()
                .queryParam("objectKind", "routing-policy")
                .queryParam("objectId", service)
                .get("/api/v1/audit-events")
                .then()
                .body("items.action", equalTo(List.of("create")));
    }

    @Test
    void previewRendersADraftWithoutStoringIt() {
        // given
        asAdmin()
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 3, second, 1)))
                .put(policy)
                .then()
                .statusCode(200);

        // when
        Response preview = as("viewer")
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 1, second, 1)))
                .post(policy + "/preview");

        // then
        preview.then()
                .statusCode(200)
                .body(
                        "consul.'" + first + "'.find { it.Kind == 'service-splitter' }.Splits.Weight",
                        containsInAnyOrder(50.0f, 50.0f));
        asAdmin().get(policy).then().header("ETag", "\"0\"").body("weights.'" + first + "'", equalTo(3));
        asAdmin()
                .get(policy + "/rendered")
                .then()
                .body(
                        "consul.'" + first + "'.find { it.Kind == 'service-splitter' }.Splits.Weight",
                        containsInAnyOrder(75, 25));
        asAdmin()
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 0, "no-such-region", 1)))
                .post(policy + "/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("weights[no-such-region]"));
    }

    @Test
    void replaceNeedsIfMatch() {
        // given
        asAdmin()
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 3, second, 1)))
                .put(policy)
                .then()
                .statusCode(200);

        // when / then
        Map<String, Object> localityFirst =
                Map.of("strategy", "locality-first", "failoverOrder", List.of(second, first));
        asAdmin().body(localityFirst).put(policy).then().statusCode(428);
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(localityFirst)
                .put(policy)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("failoverOrder", equalTo(List.of(second, first)));
        asAdmin()
                .get(policy + "/rendered")
                .then()
                .body("haproxy.'" + first + "'.servers.backup", equalTo(List.of(false, true)));
        assertThat(autoscaler(firstCluster)).containsEntry("maxReplicas", 4);
        asAdmin().delete(policy).then().statusCode(204);
        asAdmin().get(policy).then().statusCode(404);
    }

    @Test
    void routingObjectsReachRegionBundles() {
        // when
        asAdmin()
                .body(Map.of(
                        "strategy",
                        "weighted",
                        "weights",
                        Map.of(first, 3, second, 1),
                        "limits",
                        Map.of("maxConnections", 300, "maxConcurrentRequests", 200)))
                .put(policy)
                .then()
                .statusCode(200);

        // then: every cluster has its region's config entries and edge servers
        Map<String, Object> edge = routingObject(secondCluster, "EdgeBackend", service);
        assertThat(edge).containsEntry("backend", "be_" + service);
        @SuppressWarnings("unchecked")
        List<Object> servers = (List<Object>) edge.get("servers");
        assertThat(servers)
                .containsExactlyInAnyOrder(
                        Map.of("name", first, "weight", 192, "state", "ready", "backup", false),
                        Map.of("name", second, "weight", 64, "state", "ready", "backup", false));
        Map<String, Object> splitter = routingObject(firstCluster, "ConsulConfigEntry", "service-splitter." + service);
        assertThat(splitter.get("entry"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("Kind", "service-splitter")
                .containsKey("Splits");

        // and when the policy is deleted, the objects leave the bundles
        asAdmin().delete(policy).then().statusCode(204);
        assertThat(routingObjects(firstCluster)).isEmpty();
        assertThat(routingObjects(secondCluster)).isEmpty();
    }

    @Test
    void droppedRegionLeavesPolicy() {
        // given: the second region weighs 0
        asAdmin()
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 1, second, 0)))
                .put(policy)
                .then()
                .statusCode(200);

        // when: the workload leaves the second region
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(Fixtures.workloadBody(service, List.of(first), true))
                .put("/api/v1/workloads/" + service)
                .then()
                .statusCode(200);

        // then: the policy no longer names it, so what GET returns can be sent back
        asAdmin().get(policy).then().statusCode(200).header("ETag", "\"1\"").body("weights", equalTo(Map.of(first, 1)));
        asAdmin()
                .header("If-Match", "\"1\"")
                .body(Map.of("strategy", "weighted", "weights", Map.of(first, 1)))
                .put(policy)
                .then()
                .statusCode(200);
    }

    @Test
    void invalidPoliciesAreRejectedAndNothingIsStored() {
        record Case(String label, Map<String, Object> body, String field) {}
        Map<String, Object> tooManyRetries = new LinkedHashMap<>();
        tooManyRetries.put("strategy", "weighted");
        tooManyRetries.put("weights", Map.of(first, 1));
        tooManyRetries.put("retries", Map.of("attempts", 11, "budgetPercent", 20));
        List<Case> cases = List.of(
                new Case("weights add up to 0", Map.of("strategy", "weighted", "weights", Map.of(first, 0)), "weights"),
                new Case("no weights", Map.of("strategy", "weighted"), "weights"),
                new Case(
                        "region outside the service",
                        Map.of("strategy", "weighted", "weights", Map.of("no-such-region", 1)),
                        "weights[no-such-region]"),
                new Case(
                        "negative weight",
                        Map.of("strategy", "weighted", "weights", Map.of(first, -1)),
                        "weights[" + first + "]"),
                new Case(
                        "weights with locality-first",
                        Map.of("strategy", "locality-first", "weights", Map.of(first, 1)),
                        "weights"),
                new Case(
                        "failover region twice",
                        Map.of("strategy", "locality-first", "failoverOrder", List.of(first, first)),
                        "failoverOrder[1]"),
                new Case("unknown strategy", Map.of("strategy", "random"), "strategy"),
                new Case(
                        "failover order with weighted",
                        Map.of("strategy", "weighted", "weights", Map.of(first, 1), "failoverOrder", List.of(second)),
                        "failoverOrder"),
                new Case(
                        "request timeout shorter than connect timeout",
                        Map.of(
                                "strategy",
                                "weighted",
                                "weights",
                                Map.of(first, 1),
                                "connectTimeoutMillis",
                                5000,
                                "requestTimeoutMillis",
                                100),
                        "requestTimeoutMillis"),
                new Case(
                        "retry condition twice",
                        Map.of(
                                "strategy",
                                "weighted",
                                "weights",
                                Map.of(first, 1),
                                "retries",
                                Map.of("attempts", 1, "budgetPercent", 10, "retryOn", List.of("5xx", "5xx"))),
                        "retries.retryOn"),
                new Case("too many retries", tooManyRetries, "retries.attempts"),
                new Case(
                        "no connections allowed",
                        Map.of(
                                "strategy",
                                "weighted",
                                "weights",
                                Map.of(first, 1),
                                "limits",
                                Map.of("maxConnections", 0)),
                        "limits.maxConnections"),
                new Case(
                        "pending requests not counted",
                        Map.of(
                                "strategy",
                                "weighted",
                                "weights",
                                Map.of(first, 1),
                                "limits",
                                Map.of("maxPendingRequests", "many")),
                        "limits.maxPendingRequests"));
        for (Case bad : cases) {
            asAdmin().body(bad.body()).put(policy).then().statusCode(400).body("errors.field", hasItem(bad.field()));
            asAdmin().get(policy).then().statusCode(404);
        }
        asAdmin()
                .body(Map.of("strategy", "random"))
                .put(policy)
                .then()
                .body("errors[0].message", equalTo("must be one of: weighted, locality-first"));
    }

    @Test
    void unknownServicesAndRolesAreRefused() {
        // given: a workload without a Service is not a service
        String bare = Api.uniqueName("bare");
        asAdmin()
                .body(Fixtures.workloadBody(bare, List.of(first), false))
                .post("/api/v1/workloads")
                .then()
                .statusCode(201);
        Map<String, Object> body = Map.of("strategy", "weighted", "weights", Map.of(first, 1));

        // when / then
        asAdmin()
                .body(body)
                .put("/api/v1/services/" + bare + "/routing-policy")
                .then()
                .statusCode(404);
        asAdmin()
                .body(body)
                .put("/api/v1/services/no-such-service/routing-policy")
                .then()
                .statusCode(404);
        as(Api.VIEWER).body(body).put(policy).then().statusCode(403);
        as(Api.ACME_ADMIN).get(policy).then().statusCode(404);
    }

    @Test
    void catalogOnlyServiceIsExplained() throws Throwable {
        // given: a platform service that Consul lists in the first region, without a workload behind it
        String catalogOnly = Api.uniqueName("consul-only");
        VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery("insert into catalog_instance (region_id,"
                        + " service, instance_id, node, address, port, health, updated_at) select id, $1,"
                        + " 'i-1', 'node-1', '10.0.0.1', 8080, 'passing', now() from region where name = $2")
                .execute(Tuple.of(catalogOnly, first)));
        Map<String, Object> body = Map.of("strategy", "weighted", "weights", Map.of(first, 1));
        String path = "/api/v1/services/" + catalogOnly + "/routing-policy";

        // when
        Response put = asAdmin().body(body).put(path);

        // then
        put.then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(
                        "detail",
                        equalTo("service '" + catalogOnly + "' is only in the Consul catalog, but routing policies"
                                + " apply only to a workload's Service; manage the service as a workload with a"
                                + " Service to give it a routing policy"));
        as(Api.ACME_ADMIN)
                .body(body)
                .put(path)
                .then()
                .statusCode(404)
                .body("detail", equalTo("service '" + catalogOnly + "' not found"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> routingObjects(String cluster) {
        List<Map<String, Object>> objects = asAdmin()
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("objects");
        return objects.stream()
                .filter(object -> "routing.securewatch.io/v1".equals(object.get("apiVersion")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> routingObject(String cluster, String kind, String name) {
        return routingObjects(cluster).stream()
                .filter(object -> kind.equals(object.get("kind")))
                .filter(object -> name.equals(((Map<String, Object>) object.get("metadata")).get("name")))
                .map(object -> (Map<String, Object>) object.get("spec"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " is not in the bundle of " + cluster));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> autoscaler(String cluster) {
        List<Map<String, Object>> objects = asAdmin()
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("objects");
        return objects.stream()
                .filter(object -> "HorizontalPodAutoscaler".equals(object.get("kind")))
                .filter(object -> service.equals(((Map<String, Object>) object.get("metadata")).get("name")))
                .map(object -> (Map<String, Object>) object.get("spec"))
                .findFirst()
                .orElseThrow();
    }
}
