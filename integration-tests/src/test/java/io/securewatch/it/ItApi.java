package io.securewatch.it;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** REST calls of the integration tests to a control plane in the demo profile, as its built-in admin. */
public final class ItApi {

    private ItApi() {}

    /** Returns a JSON request to the control plane, authenticated as {@code admin}. */
    public static RequestSpecification asAdmin(ControlPlaneProcess controlPlane) {
        return asAdmin(controlPlane.baseUrl());
    }

    /** Returns a JSON request to the control plane at the address, such as a load balancer's, as {@code admin}. */
    public static RequestSpecification asAdmin(String baseUrl) {
        return given().baseUri(baseUrl)
                .auth()
                .preemptive()
                .basic("admin", "admin")
                .contentType("application/json")
                .accept("application/json");
    }

    /** Creates a one-time registration token for the cluster's agent. */
    public static String registrationToken(ControlPlaneProcess controlPlane, String cluster) {
        return asAdmin(controlPlane)
                .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
    }

    /** Returns a name unique to this run, such as {@code ra-1f2e3d4c}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Returns a platform workload of 3 replicas that runs one web container in the regions, with a readiness probe
     * on {@code /healthz} and a Service on port 80.
     */
    public static Map<String, Object> workloadBody(String name, List<String> regions) {
        Map<String, Object> container = Map.of(
                "name",
                "web",
                "image",
                "registry.example.com/" + name + ":1.0",
                "ports",
                List.of(Map.of("name", "http", "containerPort", 8080)),
                "readinessProbe",
                Map.of("httpGet", Map.of("path", "/healthz", "port", "http")),
                "resources",
                Map.of("requests", Map.of("cpu", "100m")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("regions", regions);
        body.put(
                "deployment",
                Map.of(
                        "replicas",
                        3,
                        "selector",
                        Map.of("matchLabels", Map.of("app", name)),
                        "template",
                        Map.of(
                                "metadata", Map.of("labels", Map.of("app", name)),
                                "spec", Map.of("containers", List.of(container)))));
        body.put(
                "service",
                Map.of(
                        "spec",
                        Map.of(
                                "selector", Map.of("app", name),
                                "ports", List.of(Map.of("port", 80, "targetPort", "http")))));
        return body;
    }

    /** Waits until the agent of every cluster is connected and has applied its cluster's latest revision. */
    public static void awaitConverged(ControlPlaneProcess controlPlane, List<String> clusters) {
        awaitConverged(controlPlane.baseUrl(), clusters);
    }

    /** Waits until the agent of every cluster is connected and has applied its cluster's latest revision. */
    public static void awaitConverged(String baseUrl, List<String> clusters) {
        for (String cluster : clusters) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        io.restassured.path.json.JsonPath status = asAdmin(baseUrl)
                                .get("/api/v1/clusters/" + cluster + "/status")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath();
                        org.assertj.core.api.Assertions.assertThat(status.getBoolean("connected"))
                                .as(cluster)
                                .isTrue();
                        org.assertj.core.api.Assertions.assertThat(status.getLong("revisionLag"))
                                .as(cluster)
                                .isZero();
                    });
        }
    }
}
