package io.securewatch.agent.simulated;

import io.securewatch.agent.core.ClusterDriver.WorkloadFacts;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Quantities;
import io.securewatch.agent.core.Reconciler;
import io.securewatch.agent.simulated.AutoscalerSpec.MetricTarget;
import io.securewatch.agent.simulated.LoadModel.Resources;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The controllers of the simulated cluster that act on workloads. The HorizontalPodAutoscaler controller runs every
 * {@link #SYNC_PERIOD}: it measures each scaled Deployment's utilization against the {@link LoadModel}, writes the
 * replicas the {@link Autoscaler} computes into the Deployment's {@code spec.replicas}, and records what it saw in
 * its own status. The Deployment controller then reports {@code spec.replicas} as the Deployment's
 * {@code status.replicas} and {@code status.readyReplicas}.
 *
 * <p>NOTE: pods start and become ready at once, and every pod is scheduled whatever the cluster's allocatable
 * capacity, so ready replicas always equal replicas after a sync.
 */
final class WorkloadSimulation {

    /** Interval between autoscaler runs, Kubernetes' default {@code --horizontal-pod-autoscaler-sync-period}. */
    static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

    /** Maximum time one call catches up on, so that a long pause does not cost thousands of runs. */
    static final Duration MAX_CATCH_UP = Duration.ofHours(1);

    private static final String DEPLOYMENT_API_VERSION = "apps/v1";
    private static final String AUTOSCALER_API_VERSION = "autoscaling/v2";

    private final LoadModel load;
    private final Map<ObjectKey, Autoscaler> autoscalers = new HashMap<>();
    private Instant lastSync;

    WorkloadSimulation(LoadModel load) {
        this.load = load;
    }

    static boolean isDeployment(ObjectKey key) {
        return DEPLOYMENT_API_VERSION.equals(key.apiVersion()) && "Deployment".equals(key.kind());
    }

    static boolean isAutoscaler(ObjectKey key) {
        return AUTOSCALER_API_VERSION.equals(key.apiVersion()) && "HorizontalPodAutoscaler".equals(key.kind());
    }

    /**
     * Runs the controllers once per sync period up to {@code now}; the first call runs them once, at {@code now}.
     *
     * @param objects the stored objects; Deployments and HorizontalPodAutoscalers are changed in place
     * @return the keys of the objects that changed
     */
    Set<ObjectKey> advanceTo(Instant now, Map<ObjectKey, Map<String, Object>> objects) {
        Map<ObjectKey, Map<String, Object>> before = new HashMap<>();
        objects.forEach((key, object) -> {
            if (isDeployment(key) || isAutoscaler(key)) {
                before.put(key, Manifests.copy(object));
            }
        });

        if (lastSync == null) {
            lastSync = now;
            sync(now, objects);
        } else {
            if (Duration.between(lastSync, now).compareTo(MAX_CATCH_UP) > 0) {
                lastSync = now.minus(MAX_CATCH_UP);
            }
            while (!lastSync.plus(SYNC_PERIOD).isAfter(now)) {
                lastSync = lastSync.plus(SYNC_PERIOD);
                sync(lastSync, objects);
            }
        }

        Set<ObjectKey> changed = new HashSet<>();
        before.forEach((key, object) -> {
            if (!object.equals(objects.get(key))) {
                changed.add(key);
            }
        });
        return changed;
    }

    /**
     * Returns the facts of every managed Deployment: its desired replicas ({@code spec.replicas}), its ready
     * replicas, and its utilization, request rate and error rate at {@code now}. A Deployment without ready replicas
     * serves no requests, and one that serves none reports no errors.
     */
    List<WorkloadFacts> facts(Instant now, Map<ObjectKey, Map<String, Object>> objects) {
        List<WorkloadFacts> facts = new ArrayList<>();
        objects.forEach((key, deployment) -> {
            if (!isDeployment(key) || !isManaged(deployment)) {
                return;
            }
            int replicas = specReplicas(deployment);
            Map<String, Object> status = Manifests.map(deployment.get("status"));
            int ready = status.get("readyReplicas") instanceof Number count ? count.intValue() : 0;
            Map<String, Integer> utilization = utilization(key, deployment, replicas, now);
            double requestsPerSecond = ready > 0 ? load.requestsPerSecond(key.namespace(), key.name(), now) : 0;
            double errorRatePercent = requestsPerSecond > 0 ? load.errorRatePercent(key.namespace(), key.name()) : 0;
            facts.add(new WorkloadFacts(
                    key.namespace(),
                    key.name(),
                    replicas,
                    ready,
                    utilization.getOrDefault("cpu", 0),
                    utilization.getOrDefault("memory", 0),
                    requestsPerSecond,
                    errorRatePercent));
        });
        return facts;
    }

    private void sync(Instant at, Map<ObjectKey, Map<String, Object>> objects) {
        Map<ObjectKey, List<ObjectKey>> autoscalersByTarget = new HashMap<>();
        Map<ObjectKey, AutoscalerSpec> specs = new HashMap<>();
        objects.forEach((key, object) -> {
            if (!isAutoscaler(key)) {
                return;
            }
            AutoscalerSpec spec;
            try {
                spec = AutoscalerSpec.fromManifest(object);
            } catch (IllegalArgumentException e) {
                // The driver rejects invalid autoscalers, so only an object edited by hand gets here. Like an
                // autoscaler that Kubernetes cannot use, it scales nothing.
                return;
            }
            if ("Deployment".equals(spec.targetKind())) {
                ObjectKey target =
                        new ObjectKey(DEPLOYMENT_API_VERSION, "Deployment", key.namespace(), spec.targetName());
                autoscalersByTarget
                        .computeIfAbsent(target, ignored -> new ArrayList<>())
                        .add(key);
                specs.put(key, spec);
            }
        });
        autoscalers.keySet().retainAll(specs.keySet());

        autoscalersByTarget.forEach((target, keys) -> {
            Map<String, Object> deployment = objects.get(target);
            // Kubernetes does not scale a target that two autoscalers select (condition AmbiguousSelector).
            if (deployment != null && keys.size() == 1) {
                ObjectKey key = keys.get(0);
                autoscale(at, key, objects.get(key), specs.get(key), target, deployment);
            }
        });
        objects.forEach((key, deployment) -> {
            if (isDeployment(key)) {
                runDeployment(deployment);
            }
        });
    }

    /** Runs the autoscaler controller for one autoscaler and its Deployment. */
    private void autoscale(
            Instant at,
            ObjectKey key,
            Map<String, Object> autoscaler,
            AutoscalerSpec spec,
            ObjectKey target,
            Map<String, Object> deployment) {
        int current = specReplicas(deployment);
        Map<String, Integer> utilization = utilization(target, deployment, current, at);
        int next = autoscalers
                .computeIfAbsent(key, ignored -> new Autoscaler())
                .nextReplicas(spec, current, utilization, at);
        Manifests.map(deployment.computeIfAbsent("spec", ignored -> new LinkedHashMap<>()))
                .put("replicas", next);

        Map<String, Object> status = new LinkedHashMap<>(Manifests.map(autoscaler.get("status")));
        status.put("currentReplicas", current);
        status.put("desiredReplicas", next);
        status.put("currentMetrics", currentMetrics(spec, utilization, target, deployment, current, at));
        if (next != current) {
            status.put("lastScaleTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        autoscaler.put("status", status);
    }

    /** Returns the autoscaler's view of its metrics, in the shape of {@code status.currentMetrics}. */
    private List<Map<String, Object>> currentMetrics(
            AutoscalerSpec spec,
            Map<String, Integer> utilization,
            ObjectKey target,
            Map<String, Object> deployment,
            int replicas,
            Instant at) {
        Resources demand = load.demand(target.namespace(), target.name(), podRequests(deployment), at);
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (MetricTarget metric : spec.metrics()) {
            Integer percent = utilization.get(metric.resource());
            if (percent == null) {
                continue;
            }
            String averageValue = "cpu".equals(metric.resource())
                    ? demand.cpuMillis() / replicas + "m"
                    : String.valueOf(demand.memoryBytes() / replicas);
            metrics.add(Map.of(
                    "type",
                    "Resource",
                    "resource",
                    Map.of(
                            "name",
                            metric.resource(),
                            "current",
                            Map.of("averageUtilization", percent, "averageValue", averageValue))));
        }
        return metrics;
    }

    /** Runs the Deployment controller: every replica starts and is ready at once. */
    private static void runDeployment(Map<String, Object> deployment) {
        int replicas = specReplicas(deployment);
        Map<String, Object> status = new LinkedHashMap<>(Manifests.map(deployment.get("status")));
        status.put("replicas", replicas);
        status.put("readyReplicas", replicas);
        status.put("availableReplicas", replicas);
        deployment.put("status", status);
    }

    /**
     * Returns the average utilization per resource, in whole percent of the pods' requests as the metrics
     * pipeline of Kubernetes truncates it. A resource without requests, or a Deployment without replicas, has no
     * utilization and is left out.
     */
    private Map<String, Integer> utilization(ObjectKey key, Map<String, Object> deployment, int replicas, Instant at) {
        Map<String, Integer> utilization = new HashMap<>();
        if (replicas <= 0) {
            return utilization;
        }
        Resources requests = podRequests(deployment);
        Resources demand = load.demand(key.namespace(), key.name(), requests, at);
        if (requests.cpuMillis() > 0) {
            utilization.put("cpu", percent(demand.cpuMillis(), replicas * requests.cpuMillis()));
        }
        if (requests.memoryBytes() > 0) {
            utilization.put("memory", percent(demand.memoryBytes(), replicas * requests.memoryBytes()));
        }
        return utilization;
    }

    private static int percent(long used, long requested) {
        return (int) Math.min(Integer.MAX_VALUE, used * 100 / requested);
    }

    /**
     * Sums the CPU and memory requests of the containers in the pod template. A request that is not a valid
     * quantity counts as none; the real API server would have rejected the Deployment.
     */
    static Resources podRequests(Map<String, Object> deployment) {
        Map<String, Object> template =
                Manifests.map(Manifests.map(deployment.get("spec")).get("template"));
        Object containers = Manifests.map(template.get("spec")).get("containers");
        BigDecimal cpuCores = BigDecimal.ZERO;
        BigDecimal memoryBytes = BigDecimal.ZERO;
        for (Object container : containers instanceof List<?> list ? list : List.of()) {
            Map<String, Object> resources =
                    Manifests.map(Manifests.map(container).get("resources"));
            Map<String, Object> requests = Manifests.map(resources.get("requests"));
            cpuCores = cpuCores.add(quantity(requests.get("cpu")));
            memoryBytes = memoryBytes.add(quantity(requests.get("memory")));
        }
        return new Resources(
                cpuCores.movePointRight(3).setScale(0, RoundingMode.CEILING).longValue(),
                memoryBytes.setScale(0, RoundingMode.CEILING).longValue());
    }

    private static BigDecimal quantity(Object value) {
        return value == null
                ? BigDecimal.ZERO
                : Quantities.parse(value.toString()).orElse(BigDecimal.ZERO);
    }

    /** Returns {@code spec.replicas}, or 1, the API server's default, when it is not set. */
    static int specReplicas(Map<String, Object> deployment) {
        Object replicas = Manifests.map(deployment.get("spec")).get("replicas");
        return replicas instanceof Number count ? count.intValue() : 1;
    }

    private static boolean isManaged(Map<String, Object> object) {
        Object labels = Manifests.map(object.get("metadata")).get("labels");
        return labels instanceof Map<?, ?> map
                && Objects.equals(Reconciler.MANAGED_BY_VALUE, map.get(Reconciler.MANAGED_BY_LABEL));
    }
}
