package io.securewatch.controlplane.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for workload tests: a small web service Deployment with its Service. */
final class WorkloadFixtures {

    private WorkloadFixtures() {}

    static Map<String, Object> deployment(String app) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "web");
        container.put("image", "registry.example.com/" + app + ":1.0.0");
        container.put("ports", List.of(Map.of("name", "http", "containerPort", 8080)));
        container.put(
                "resources",
                Map.of("requests", Map.of("cpu", "250m", "memory", "256Mi"), "limits", Map.of("memory", "512Mi")));
        container.put(
                "readinessProbe", Map.of("httpGet", Map.of("path", "/ready", "port", "http"), "periodSeconds", 5));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 2);
        spec.put("selector", Map.of("matchLabels", Map.of("app", app)));
        spec.put(
                "template",
                Map.of(
                        "metadata",
                        Map.of("labels", Map.of("app", app)),
                        "spec",
                        Map.of("containers", List.of(container))));
        return spec;
    }

    static Map<String, Object> service(String app) {
        return Map.of(
                "spec",
                Map.of(
                        "selector",
                        Map.of("app", app),
                        "ports",
                        List.of(Map.of("name", "http", "port", 80, "targetPort", "http"))));
    }

    static Map<String, Object> workload(String name, String tenant, List<String> regions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        if (tenant != null) {
            body.put("tenant", tenant);
        }
        body.put("regions", regions);
        body.put("deployment", deployment(name));
        body.put("service", service(name));
        return body;
    }

    static Map<String, Object> policy(int min, int max) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minReplicas", min);
        body.put("maxReplicas", max);
        body.put("targetCpuUtilization", 70);
        body.put("targetMemoryUtilization", 80);
        return body;
    }
}
