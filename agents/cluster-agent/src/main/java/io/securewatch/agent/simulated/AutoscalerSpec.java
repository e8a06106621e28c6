package io.securewatch.agent.simulated;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of an autoscaling/v2 HorizontalPodAutoscaler that the simulation uses, with the defaults Kubernetes
 * applies filled in: minReplicas 1, a CPU utilization target of 80 % when no metric is listed, and the default
 * scaling behavior of the HorizontalPodAutoscaler documentation for every field {@code spec.behavior} leaves out.
 *
 * <p>NOTE: when {@code spec.behavior} is absent, the Kubernetes controller ({@code normalizeDesiredReplicas} in
 * {@code pkg/controller/podautoscaler/horizontal.go}) does not apply these documented defaults but an older rule
 * with the same 300 s scale-down window: at most max(2 × current, 4) replicas after each run. With a run every 15 s
 * the two differ only in a limited scale-up from 1 to 3 replicas, where the documented defaults allow current + 4.
 *
 * <p>NOTE: only Resource metrics with a Utilization target are read. The control plane sends no other kind, and
 * the simulation has no data for them, so an autoscaler that lists only other metrics keeps its replicas, as a real
 * one does while its metrics are unavailable.
 *
 * @param targetKind kind of {@code spec.scaleTargetRef}; the simulation scales only a {@code Deployment}
 */
record AutoscalerSpec(
        String targetKind,
        String targetName,
        int minReplicas,
        int maxReplicas,
        List<MetricTarget> metrics,
        ScalingRules scaleUp,
        ScalingRules scaleDown) {

    static final int DEFAULT_CPU_UTILIZATION = 80;

    /** Adds at most the larger of 4 pods and 100 % of the replicas per 15 s, without stabilization. */
    static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(
            0,
            SelectPolicy.MAX,
            List.of(new ScalingPolicy(PolicyType.PODS, 4, 15), new ScalingPolicy(PolicyType.PERCENT, 100, 15)));

    /** Removes up to 100 % of the replicas per 15 s, using the highest recommendation of the last 300 s. */
    static final ScalingRules DEFAULT_SCALE_DOWN =
            new ScalingRules(300, SelectPolicy.MAX, List.of(new ScalingPolicy(PolicyType.PERCENT, 100, 15)));

    private static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;
    private static final int MAX_POLICY_PERIOD_SECONDS = 1800;

    /**
     * Reads and validates the spec of a HorizontalPodAutoscaler manifest, with the limits the Kubernetes API
     * server checks.
     *
     * @throws IllegalArgumentException naming the invalid field, such as {@code spec.maxReplicas: is required}
     */
    static AutoscalerSpec fromManifest(Map<String, Object> manifest) {
        Map<String, Object> spec = map(manifest.get("spec"));
        Map<String, Object> target = map(spec.get("scaleTargetRef"));
        String targetKind = requiredText(target, "kind", "spec.scaleTargetRef.kind");
        String targetName = requiredText(target, "name", "spec.scaleTargetRef.name");

        int minReplicas = integer(spec, "minReplicas", "spec.minReplicas", 1);
        if (minReplicas < 1) {
            throw invalid("spec.minReplicas", "must be at least 1");
        }
        if (!spec.containsKey("maxReplicas")) {
            throw invalid("spec.maxReplicas", "is required");
        }
        int maxReplicas = integer(spec, "maxReplicas", "spec.maxReplicas", 0);
        if (maxReplicas < minReplicas) {
            throw invalid("spec.maxReplicas", "must be at least minReplicas (" + minReplicas + ")");
        }

        Map<String, Object> behavior = map(spec.get("behavior"));
        return new AutoscalerSpec(
                targetKind,
                targetName,
                minReplicas,
                maxReplicas,
                metrics(spec.get("metrics")),
                rules(behavior.get("scaleUp"), "spec.behavior.scaleUp", DEFAULT_SCALE_UP),
                rules(behavior.get("scaleDown"), "spec.behavior.scaleDown", DEFAULT_SCALE_DOWN));
    }

    private static List<MetricTarget> metrics(Object value) {
        List<?> entries = value instanceof List<?> list ? list : List.of();
        if (entries.isEmpty()) {
            return List.of(new MetricTarget("cpu", DEFAULT_CPU_UTILIZATION));
        }
        List<MetricTarget> metrics = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "spec.metrics[" + i + "]";
            Map<String, Object> metric = map(entries.get(i));
            Map<String, Object> resource = map(metric.get("resource"));
            Map<String, Object> target = map(resource.get("target"));
            if (!"Resource".equals(metric.get("type")) || !"Utilization".equals(target.get("type"))) {
                continue;
            }
            String name = requiredText(resource, "name", path + ".resource.name");
            int utilization = integer(target, "averageUtilization", path + ".resource.target.averageUtilization", 0);
            if (utilization < 1) {
                throw invalid(path + ".resource.target.averageUtilization", "must be at least 1");
            }
            metrics.add(new MetricTarget(name, utilization));
        }
        return List.copyOf(metrics);
    }

    /** Reads the rules of one direction; each field left out takes its value from the defaults. */
    private static ScalingRules rules(Object value, String path, ScalingRules defaults) {
        if (value == null) {
            return defaults;
        }
        Map<String, Object> rules = map(value);
        int window = integer(
                rules,
                "stabilizationWindowSeconds",
                path + ".stabilizationWindowSeconds",
                defaults.stabilizationWindowSeconds());
        if (window < 0 || window > MAX_STABILIZATION_WINDOW_SECONDS) {
            throw invalid(
                    path + ".stabilizationWindowSeconds",
                    "must be from 0 to " + MAX_STABILIZATION_WINDOW_SECONDS + " seconds");
        }
        SelectPolicy selectPolicy = defaults.selectPolicy();
        if (rules.get("selectPolicy") != null) {
            selectPolicy = SelectPolicy.fromWireName(String.valueOf(rules.get("selectPolicy")), path + ".selectPolicy");
        }
        List<ScalingPolicy> policies = defaults.policies();
        if (rules.get("policies") instanceof List<?> entries) {
            policies = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                policies.add(policy(map(entries.get(i)), path + ".policies[" + i + "]"));
            }
        }
        if (policies.isEmpty()) {
            throw invalid(path + ".policies", "must list at least one policy");
        }
        return new ScalingRules(window, selectPolicy, List.copyOf(policies));
    }

    private static ScalingPolicy policy(Map<String, Object> policy, String path) {
        PolicyType type = PolicyType.fromWireName(requiredText(policy, "type", path + ".type"), path + ".type");
        int amount = integer(policy, "value", path + ".value", 0);
        if (amount < 1) {
            throw invalid(path + ".value", "must be at least 1");
        }
        int period = integer(policy, "periodSeconds", path + ".periodSeconds", 0);
        if (period < 1 || period > MAX_POLICY_PERIOD_SECONDS) {
            throw invalid(path + ".periodSeconds", "must be from 1 to " + MAX_POLICY_PERIOD_SECONDS + " seconds");
        }
        return new ScalingPolicy(type, amount, period);
    }

    private static int integer(Map<String, Object> map, String field, String path, int fallback) {
        Object value = map.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw invalid(path, "must be an integer, not " + value);
        }
        long number = ((Number) value).longValue();
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw invalid(path, "is out of range: " + number);
        }
        return (int) number;
    }

    private static String requiredText(Map<String, Object> map, String field, String path) {
        Object value = map.get(field);
        if (value == null || value.toString().isEmpty()) {
            throw invalid(path, "is required");
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static IllegalArgumentException invalid(String path, String message) {
        return new IllegalArgumentException(path + ": " + message);
    }

    /**
     * A utilization target of one resource.
     *
     * @param resource {@code cpu} or {@code memory}
     * @param averageUtilization target average use, in percent of the pods' requests
     */
    record MetricTarget(String resource, int averageUtilization) {}

    /**
     * Limits on scaling in one direction.
     *
     * @param stabilizationWindowSeconds how far back recommendations count: scaling down uses the highest one
     *     within the window, scaling up the lowest one
     */
    record ScalingRules(int stabilizationWindowSeconds, SelectPolicy selectPolicy, List<ScalingPolicy> policies) {

        int longestPeriodSeconds() {
            return policies.stream()
                    .mapToInt(ScalingPolicy::periodSeconds)
                    .max()
                    .orElse(0);
        }
    }

    /**
     * A limit on the change within a sliding period.
     *
     * @param value pods, or percent of the replicas at the start of the period
     */
    record ScalingPolicy(PolicyType type, int value, int periodSeconds) {}

    /** The choice among policies that allow different changes. */
    enum SelectPolicy {
        /** The policy that allows the largest change. */
        MAX("Max"),
        /** The policy that allows the smallest change. */
        MIN("Min"),
        /** No scaling in this direction. */
        DISABLED("Disabled");

        private final String wireName;

        SelectPolicy(String wireName) {
            this.wireName = wireName;
        }

        static SelectPolicy fromWireName(String text, String path) {
            for (SelectPolicy policy : values()) {
                if (policy.wireName.equals(text)) {
                    return policy;
                }
            }
            throw invalid(path, "must be Max, Min or Disabled, not " + text);
        }
    }

    /** The unit of a policy's value. */
    enum PolicyType {
        PODS("Pods"),
        PERCENT("Percent");

        private final String wireName;

        PolicyType(String wireName) {
            this.wireName = wireName;
        }

        static PolicyType fromWireName(String text, String path) {
            for (PolicyType type : values()) {
                if (type.wireName.equals(text)) {
                    return type;
                }
            }
            throw invalid(path, "must be Pods or Percent, not " + text);
        }
    }
}
