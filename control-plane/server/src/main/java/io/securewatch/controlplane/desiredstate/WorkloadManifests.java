package io.securewatch.controlplane.desiredstate;

import io.securewatch.api.v1.ReplicaBounds;
import io.securewatch.api.v1.ScalingBehavior;
import io.securewatch.api.v1.ScalingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a workload's share in one cluster: its Deployment, its Service and, under a scaling policy, an
 * autoscaling/v2 HorizontalPodAutoscaler. Pure code.
 *
 * <p>Under an HPA the Deployment carries no {@code spec.replicas}, so that applying the bundle never resets
 * what the autoscaler chose. A cluster whose share allows no replica gets the Deployment at zero replicas and
 * no HPA, because an HPA cannot scale to zero. A cluster whose share has a maximum but a minimum of zero gets
 * an HPA with minimum 1 for the same reason.
 */
final class WorkloadManifests {

    static final String WORKLOAD_LABEL = "securewatch.io/workload";
    static final String PLATFORM_NAMESPACE_LABEL = "securewatch.io/platform";

    private WorkloadManifests() {}

    /** Renders the workload's objects for a cluster with the given share. */
    static List<Manifest> render(WorkloadInput workload, ReplicaBounds share) {
        List<Manifest> objects = new ArrayList<>();
        boolean autoscaled = workload.scaling() != null && share.maxReplicas() > 0;
        objects.add(deployment(workload, autoscaled ? null : share.maxReplicas()));
        if (workload.serviceName() != null) {
            objects.add(service(workload));
        }
        if (autoscaled) {
            objects.add(autoscaler(workload, share));
        }
        return objects;
    }

    /** Renders the namespace of platform workloads, which no tenant environment provides. */
    static Manifest platformNamespace(String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(DesiredStateCompiler.MANAGED_BY_LABEL, DesiredStateCompiler.MANAGED_BY_VALUE);
        labels.put(PLATFORM_NAMESPACE_LABEL, "true");
        Map<String, Object> body =
                DesiredStateCompiler.object("v1", "Namespace", DesiredStateCompiler.metadata(namespace, null, labels));
        return Manifest.of(new ObjectRef("v1", "Namespace", "", namespace), body);
    }

    private static Manifest deployment(WorkloadInput workload, Integer replicas) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (replicas != null) {
            spec.put("replicas", replicas);
        }
        workload.deployment().forEach((field, value) -> {
            if (!field.equals("replicas")) {
                spec.put(field, value);
            }
        });
        Map<String, Object> body = DesiredStateCompiler.object(
                "apps/v1",
                "Deployment",
                DesiredStateCompiler.metadata(workload.name(), workload.namespace(), labels(workload)));
        body.put("spec", spec);
        return Manifest.of(new ObjectRef("apps/v1", "Deployment", workload.namespace(), workload.name()), body);
    }

    private static Manifest service(WorkloadInput workload) {
        Map<String, Object> body = DesiredStateCompiler.object(
                "v1",
                "Service",
                DesiredStateCompiler.metadata(workload.serviceName(), workload.namespace(), labels(workload)));
        body.put("spec", workload.service());
        return Manifest.of(new ObjectRef("v1", "Service", workload.namespace(), workload.serviceName()), body);
    }

    private static Manifest autoscaler(WorkloadInput workload, ReplicaBounds share) {
        WorkloadInput.ScalingInput scaling = workload.scaling();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("apiVersion", "apps/v1");
        target.put("kind", "Deployment");
        target.put("name", workload.name());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("scaleTargetRef", target);
        spec.put("minReplicas", Math.max(1, share.minReplicas()));
        spec.put("maxReplicas", share.maxReplicas());
        List<Object> metrics = new ArrayList<>();
        if (scaling.targetCpuUtilization() != null) {
            metrics.add(resourceMetric("cpu", scaling.targetCpuUtilization()));
        }
        if (scaling.targetMemoryUtilization() != null) {
            metrics.add(resourceMetric("memory", scaling.targetMemoryUtilization()));
        }
        spec.put("metrics", metrics);
        if (scaling.behavior() != null) {
            Map<String, Object> behavior = new LinkedHashMap<>();
            ScalingBehavior given = scaling.behavior();
            if (given.scaleUp() != null) {
                behavior.put("scaleUp", rules(given.scaleUp()));
            }
            if (given.scaleDown() != null) {
                behavior.put("scaleDown", rules(given.scaleDown()));
            }
            spec.put("behavior", behavior);
        }
        String apiVersion = "autoscaling/v2";
        Map<String, Object> body = DesiredStateCompiler.object(
                apiVersion,
                "HorizontalPodAutoscaler",
                DesiredStateCompiler.metadata(workload.name(), workload.namespace(), labels(workload)));
        body.put("spec", spec);
        return Manifest.of(
                new ObjectRef(apiVersion, "HorizontalPodAutoscaler", workload.namespace(), workload.name()), body);
    }

    private static Map<String, Object> resourceMetric(String resource, int utilization) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("type", "Utilization");
        target.put("averageUtilization", utilization);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", resource);
        source.put("target", target);
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("type", "Resource");
        metric.put("resource", source);
        return metric;
    }

    /** Renders rules in autoscaling/v2 spelling: {@code Max}, {@code Pods}, {@code Percent}. */
    private static Map<String, Object> rules(ScalingRules given) {
        Map<String, Object> rules = new LinkedHashMap<>();
        if (given.stabilizationWindowSeconds() != null) {
            rules.put("stabilizationWindowSeconds", given.stabilizationWindowSeconds());
        }
        if (given.selectPolicy() != null) {
            rules.put("selectPolicy", capitalized(given.selectPolicy().wireName()));
        }
        if (given.policies() != null && !given.policies().isEmpty()) {
            List<Object> policies = new ArrayList<>();
            for (ScalingRules.ScalingRulePolicy policy : given.policies()) {
                Map<String, Object> rendered = new LinkedHashMap<>();
                rendered.put("type", capitalized(policy.type().wireName()));
                rendered.put("value", policy.value());
                rendered.put("periodSeconds", policy.periodSeconds());
                policies.add(rendered);
            }
            rules.put("policies", policies);
        }
        return rules;
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static Map<String, String> labels(WorkloadInput workload) {
        Map<String, String> labels = new LinkedHashMap<>(workload.labels());
        labels.put(DesiredStateCompiler.MANAGED_BY_LABEL, DesiredStateCompiler.MANAGED_BY_VALUE);
        labels.put(WORKLOAD_LABEL, workload.name());
        if (workload.tenant() != null) {
            labels.put(DesiredStateCompiler.TENANT_LABEL, workload.tenant());
        }
        return labels;
    }
}
