package io.securewatch.agent.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.testsupport.consul.ConsulFake;
import io.vertx.core.Vertx;
import io.vertx.ext.consul.ConsulClient;
import io.vertx.ext.consul.ConsulClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registrar against a Consul fake: registrations follow the applied objects, checks follow readiness. */
class ConsulRegistrarTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConsulFake consul;
    private Vertx vertx;
    private ConsulRegistrar registrar;

    @BeforeEach
    void startConsul() {
        consul = ConsulFake.start("eu-west-1");
        vertx = Vertx.vertx();
        registrar = new ConsulRegistrar(ConsulClient.create(
                vertx, new ConsulClientOptions().setHost("127.0.0.1").setPort(consul.port())));
    }

    @AfterEach
    void stopConsul() {
        vertx.close();
        consul.close();
    }

    @Test
    void registrationCarriesTheAclToken() {
        // given: Consul enforces ACLs, and the registrar has the token
        String token = "7d2e4b9c-0000-4000-8000-000000000004";
        consul.requireToken(token);
        ConsulRegistrar withToken = new ConsulRegistrar(ConsulClient.create(
                vertx,
                new ConsulClientOptions()
                        .setHost("127.0.0.1")
                        .setPort(consul.port())
                        .setAclToken(token)));

        // when
        withToken.appliedObjects("eu-west-1-a", List.of(service("checkout", "tenant-acme", "acme"), deployment()));

        // then: the registration arrived, as read with the token
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(consul.baseUrl() + "/v1/health/service/checkout"))
                                                .header("X-Consul-Token", token)
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .contains("eu-west-1-a/tenant-acme/checkout"));
    }

    @Test
    void platformServiceIsRegisteredCriticalThenFollowsReadiness() {
        // when
        registrar.appliedObjects("eu-west-1-a", List.of(service("checkout", "tenant-acme", "acme"), deployment()));

        // then: registered, critical until the Deployment has ready replicas
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode entries = health("checkout");
            assertThat(entries).hasSize(1);
            JsonNode service = entries.get(0).path("Service");
            assertThat(service.path("ID").asText()).isEqualTo("eu-west-1-a/tenant-acme/checkout");
            assertThat(service.path("Address").asText()).isEqualTo("checkout.tenant-acme.svc");
            assertThat(service.path("Port").asInt()).isEqualTo(80);
            assertThat(service.path("Tags").toString()).contains("tenant=acme", "cluster=eu-west-1-a");
            assertThat(checkStatus(entries.get(0))).isEqualTo("critical");
        });

        // when
        registrar.factsRead("eu-west-1-a", facts(2));

        // then
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(checkStatus(health("checkout").get(0))).isEqualTo("passing"));

        // when
        registrar.factsRead("eu-west-1-a", facts(0));

        // then
        await().atMost(WITHIN)
                .untilAsserted(
                        () -> assertThat(checkStatus(health("checkout").get(0))).isEqualTo("critical"));
    }

    @Test
    void departedServicesAreDeregistered() {
        // given: this cluster's service and one of another cluster in the same region
        registrar.appliedObjects("eu-west-1-a", List.of(service("checkout", "tenant-acme", "acme")));
        new ConsulRegistrar(ConsulClient.create(
                        vertx, new ConsulClientOptions().setHost("127.0.0.1").setPort(consul.port())))
                .appliedObjects("eu-west-1-b", List.of(service("checkout", "tenant-acme", "acme")));
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(health("checkout")).hasSize(2));

        // when
        registrar.appliedObjects("eu-west-1-a", List.of());

        // then
        await().atMost(WITHIN).untilAsserted(() -> {
            JsonNode entries = health("checkout");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("Service").path("ID").asText()).startsWith("eu-west-1-b/");
        });
    }

    @Test
    void servicesWithoutWorkloadLabelAreNotRegistered() throws Exception {
        // given: a Service that is not a platform workload's, applied with one that is
        String manifest = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"other\","
                + "\"namespace\":\"default\",\"labels\":{}},\"spec\":{\"ports\":[{\"port\":80}]}}";
        DesiredObject other = new DesiredObject(new ObjectKey("v1", "Service", "default", "other"), manifest, "0");

        // when
        registrar.appliedObjects("eu-west-1-a", List.of(other, service("checkout", "tenant-acme", "acme")));

        // then: once the platform service is there, the other one is not
        await().atMost(WITHIN)
                .untilAsserted(() -> assertThat(health("checkout")).hasSize(1));
        assertThat(health("other")).isEmpty();
    }

    private static DesiredObject service(String workload, String namespace, String tenant) {
        String manifest = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + workload
                + "\",\"namespace\":\"" + namespace + "\",\"labels\":{\"app.kubernetes.io/managed-by\":\"securewatch\","
                + "\"securewatch.io/workload\":\"" + workload + "\",\"securewatch.io/tenant\":\"" + tenant + "\"}},"
                + "\"spec\":{\"selector\":{\"app\":\"" + workload
                + "\"},\"ports\":[{\"port\":80,\"targetPort\":8080}]}}";
        return new DesiredObject(new ObjectKey("v1", "Service", namespace, workload), manifest, "0");
    }

    private static DesiredObject deployment() {
        String manifest = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"checkout\","
                + "\"namespace\":\"tenant-acme\"}}";
        return new DesiredObject(new ObjectKey("apps/v1", "Deployment", "tenant-acme", "checkout"), manifest, "0");
    }

    private static ClusterDriver.ClusterFacts facts(int readyReplicas) {
        return new ClusterDriver.ClusterFacts(
                64_000,
                1L << 38,
                List.of(new ClusterDriver.WorkloadFacts("tenant-acme", "checkout", 2, readyReplicas, 50, 40, 120, 0)));
    }

    private JsonNode health(String service) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(consul.baseUrl() + "/v1/health/service/" + service))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static String checkStatus(JsonNode entry) {
        for (JsonNode check : entry.path("Checks")) {
            if (check.path("CheckID").asText().startsWith("service:")) {
                return check.path("Status").asText();
            }
        }
        return "none";
    }
}
