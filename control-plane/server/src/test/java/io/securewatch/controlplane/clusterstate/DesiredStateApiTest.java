package io.securewatch.controlplane.clusterstate;

import static io.securewatch.controlplane.support.Api.as;
import static io.securewatch.controlplane.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.securewatch.controlplane.support.Api;
import io.securewatch.controlplane.support.Fixtures;
import io.securewatch.controlplane.support.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@QuarkusTest
class DesiredStateApiTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void tenantCreationGivesEveryClusterOfItsRegionsAnEnvironment() throws IOException {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String first = Fixtures.createCluster(region);
        String second = Fixtures.createCluster(region);
        String otherRegion = Fixtures.createRegion(zone);
        String bystander = Fixtures.createCluster(otherRegion);

        // when
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));

        // then
        for (String cluster : List.of(first, second)) {
            List<JsonNode> objects = desiredState(cluster);
            assertThat(names(objects))
                    .containsExactly(
                            "Namespace/tenant-" + slug,
                            "LimitRange/tenant-defaults",
                            "NetworkPolicy/allow-platform-ingress",
                            "NetworkPolicy/allow-same-namespace",
                            "NetworkPolicy/default-deny-ingress",
                            "ResourceQuota/tenant-quota");
            assertThat(revision(cluster))
                    .as("revision 1 is the empty bundle of the new cluster")
                    .isEqualTo(2);
        }
        assertThat(desiredState(bystander)).isEmpty();
        assertThat(revision(bystander)).isEqualTo(1);
    }

    @Test
    void perClusterQuotasAddUpToTenantQuota() throws IOException {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        List<String> clusters =
                List.of(Fixtures.createCluster(region), Fixtures.createCluster(region), Fixtures.createCluster(region));
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));
        Map<String, Object> change = new HashMap<>(Fixtures.tenantBody(slug, List.of(zone), List.of(region)));
        change.put("quota", Map.of("cpuMillis", 10_001, "memoryBytes", 1_000_003, "pods", 101));

        // when
        asAdmin()
                .header("If-Match", "\"1\"")
                .body(change)
                .put("/api/v1/tenants/" + slug)
                .then()
                .statusCode(200);

        // then
        long cpu = 0;
        long pods = 0;
        long memory = 0;
        for (String cluster : clusters) {
            JsonNode hard = quota(desiredState(cluster)).path("spec").path("hard");
            cpu += Long.parseLong(hard.path("requests.cpu").asText().replace("m", ""));
            memory += Long.parseLong(hard.path("requests.memory").asText());
            pods += Long.parseLong(hard.path("pods").asText());
            assertThat(revision(cluster)).isEqualTo(3);
        }
        assertThat(cpu).isEqualTo(10_001);
        assertThat(memory).isEqualTo(1_000_003);
        assertThat(pods).isEqualTo(101);
    }

    @Test
    void addingClusterReshapesSharesOfItsNeighbours() throws IOException {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String existing = Fixtures.createCluster(region);
        Fixtures.createTenant(List.of(zone), List.of(region));
        String before = quota(desiredState(existing))
                .path("spec")
                .path("hard")
                .path("pods")
                .asText();

        // when
        Fixtures.createCluster(region);

        // then
        String after = quota(desiredState(existing))
                .path("spec")
                .path("hard")
                .path("pods")
                .asText();
        assertThat(before).isEqualTo("50");
        assertThat(after).isEqualTo("25");
        assertThat(revision(existing)).isEqualTo(3);
    }

    @Test
    void deletedTenantLeavesTheBundle() throws IOException {
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));

        asAdmin().delete("/api/v1/tenants/" + slug).then().statusCode(204);

        assertThat(desiredState(cluster)).isEmpty();
        assertThat(revision(cluster)).isEqualTo(3);
    }

    @Test
    void updateWithoutEffectKeepsRevision() throws IOException {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        Fixtures.createTenant(List.of(zone), List.of(region));
        Map<String, Object> relabel = new HashMap<>(Fixtures.clusterBody(cluster, region));
        relabel.put("labels", Map.of("tier", "gold"));

        // when
        asAdmin()
                .header("If-Match", "\"0\"")
                .body(relabel)
                .put("/api/v1/clusters/" + cluster)
                .then()
                .statusCode(200);

        // then
        assertThat(revision(cluster)).isEqualTo(2);
    }

    @Test
    void revisionChangeIsNotifiedAfterCommit() throws Exception {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        try (Connection listener = TestDatabase.appConnection();
                Statement statement = listener.createStatement()) {
            statement.execute("listen " + DesiredStateRefresher.CHANNEL);

            // when
            Fixtures.createTenant(List.of(zone), List.of(region));

            // then
            List<String> payloads = new ArrayList<>();
            PGConnection pg = listener.unwrap(PGConnection.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] notifications = pg.getNotifications(500);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        payloads.add(notification.getParameter());
                    }
                }
                return payloads.stream().anyMatch(payload -> payload.startsWith(cluster + " "));
            });
            assertThat(payloads)
                    .filteredOn(payload -> payload.startsWith(cluster + " "))
                    .allMatch(payload ->
                            payload.matches(java.util.regex.Pattern.quote(cluster) + " [0-9]+ [0-9a-f]{64}"));
        }
    }

    @Test
    void statusOfClusterWithoutAgentShowsLag() {
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        Fixtures.createTenant(List.of(zone), List.of(region));

        as(Api.VIEWER)
                .get("/api/v1/clusters/" + cluster + "/status")
                .then()
                .statusCode(200)
                .body("connected", equalTo(false))
                .body("desiredRevision", equalTo(2))
                .body("appliedRevision", equalTo(0))
                .body("revisionLag", equalTo(2));
    }

    @Test
    void tenantAdminCannotSeeClusterState() {
        as(Api.ACME_ADMIN).get("/api/v1/clusters/eu-west-1-a/status").then().statusCode(403);
        as(Api.ACME_ADMIN)
                .get("/api/v1/clusters/eu-west-1-a/desired-state")
                .then()
                .statusCode(403);
    }

    @Test
    void desiredStateIsAvailableAsJson() {
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));

        asAdmin()
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("revision", equalTo(2))
                .body("objects[0].metadata.name", equalTo("tenant-" + slug));
    }

    @Test
    void desiredStateAnswersOlderYamlMediaTypes() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        String slug = Fixtures.createTenant(List.of(zone), List.of(region));

        for (String type : List.of("text/yaml", "application/x-yaml")) {
            // when / then
            asAdmin()
                    .accept(type)
                    .get("/api/v1/clusters/" + cluster + "/desired-state")
                    .then()
                    .statusCode(200)
                    .contentType(type)
                    .body(containsString("name: tenant-" + slug));
        }
    }

    @Test
    void unchangedDesiredStateAnswersNotModified() {
        // given
        String zone = Api.uniqueZone();
        String region = Fixtures.createRegion(zone);
        String cluster = Fixtures.createCluster(region);
        Fixtures.createTenant(List.of(zone), List.of(region));
        String path = "/api/v1/clusters/" + cluster + "/desired-state";
        String yamlTag = asAdmin().accept("application/yaml").get(path).header("ETag");
        String jsonTag = asAdmin().get(path).header("ETag");

        // when / then
        assertThat(yamlTag).isNotEqualTo(jsonTag);
        asAdmin()
                .accept("application/yaml")
                .header("If-None-Match", yamlTag)
                .get(path)
                .then()
                .statusCode(304)
                .header("ETag", yamlTag);
        asAdmin().header("If-None-Match", jsonTag).get(path).then().statusCode(304);
        asAdmin().header("If-None-Match", yamlTag).get(path).then().statusCode(200);
        Fixtures.createTenant(List.of(zone), List.of(region));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> asAdmin()
                        .header("If-None-Match", jsonTag)
                        .get(path)
                        .then()
                        .statusCode(200));
        asAdmin()
                .header("If-None-Match", "not-a-tag")
                .get(path)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-None-Match"));
    }

    @Test
    void unknownClusterStateIsNotFound() {
        asAdmin().get("/api/v1/clusters/no-such-cluster/status").then().statusCode(404);
        asAdmin().get("/api/v1/clusters/no-such-cluster/desired-state").then().statusCode(404);
    }

    private static List<JsonNode> desiredState(String cluster) throws IOException {
        Response response = asAdmin().accept("application/yaml").get("/api/v1/clusters/" + cluster + "/desired-state");
        response.then().statusCode(200);
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(response.asString())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    objects.add(document);
                }
            }
        }
        return objects;
    }

    private static long revision(String cluster) {
        return Long.parseLong(asAdmin()
                .accept("application/yaml")
                .get("/api/v1/clusters/" + cluster + "/desired-state")
                .header("X-Desired-Revision"));
    }

    private static List<String> names(List<JsonNode> objects) {
        return objects.stream()
                .map(object -> object.path("kind").asText() + "/"
                        + object.path("metadata").path("name").asText())
                .toList();
    }

    private static JsonNode quota(List<JsonNode> objects) {
        return objects.stream()
                .filter(object -> object.path("kind").asText().equals("ResourceQuota"))
                .findFirst()
                .orElseThrow();
    }
}
