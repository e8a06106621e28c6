package io.securewatch.controlplane.support;

import static io.securewatch.controlplane.support.Api.asAdmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates inventory through the API for tests; each call asserts that the create succeeded. */
public final class Fixtures {

    private Fixtures() {}

    public static Map<String, Object> regionBody(String name, String zone) {
        return Map.of("name", name, "displayName", "Region " + name, "residencyZone", zone);
    }

    public static Map<String, Object> clusterBody(String name, String region) {
        return Map.of(
                "name",
                name,
                "region",
                region,
                "labels",
                Map.of("tier", "general"),
                "capacity",
                Map.of("cpuMillis", 32000, "memoryBytes", 137438953472L));
    }

    public static Map<String, Object> tenantBody(String slug, List<String> zones, List<String> regions) {
        return Map.of(
                "slug",
                slug,
                "displayName",
                "Tenant " + slug,
                "tier",
                "shared",
                "residencyZones",
                zones,
                "regions",
                regions,
                "quota",
                Map.of("cpuMillis", 4000, "memoryBytes", 8589934592L, "pods", 50));
    }

    /**
     * Returns a platform workload that runs one small web container in the regions, with or without a Service that
     * exposes it on port 80.
     */
    public static Map<String, Object> workloadBody(String name, List<String> regions, boolean withService) {
        Map<String, Object> container = Map.of(
                "name",
                "web",
                "image",
                "registry.example.com/" + name + ":1.0",
                "ports",
                List.of(Map.of("name", "http", "containerPort", 8080)),
                "resources",
                Map.of("requests", Map.of("cpu", "100m")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("regions", regions);
        body.put(
                "deployment",
                Map.of(
                        "selector",
                        Map.of("matchLabels", Map.of("app", name)),
                        "template",
                        Map.of(
                                "metadata", Map.of("labels", Map.of("app", name)),
                                "spec", Map.of("containers", List.of(container)))));
        if (withService) {
            body.put(
                    "service",
                    Map.of(
                            "spec",
                            Map.of(
                                    "selector", Map.of("app", name),
                                    "ports", List.of(Map.of("port", 80, "targetPort", "http")))));
        }
        return body;
    }

    public static String createRegion(String zone) {
        String name = Api.uniqueName("r");
        asAdmin().body(regionBody(name, zone)).post("/api/v1/regions").then().statusCode(201);
        return name;
    }

    public static String createCluster(String region) {
        String name = Api.uniqueName("c");
        asAdmin()
                .body(clusterBody(name, region))
                .post("/api/v1/clusters")
                .then()
                .statusCode(201);
        return name;
    }

    public static String createTenant(List<String> zones, List<String> regions) {
        String slug = Api.uniqueName("t");
        asAdmin()
                .body(tenantBody(slug, zones, regions))
                .post("/api/v1/tenants")
                .then()
                .statusCode(201);
        return slug;
    }
}
