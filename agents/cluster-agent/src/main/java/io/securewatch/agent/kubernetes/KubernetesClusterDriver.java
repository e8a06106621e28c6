package io.securewatch.agent.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies objects to a Kubernetes cluster with the fabric8 client, by create and update (no server-side apply,
 * so that any API server, and fabric8's mock server, works). Manages namespaces, resource quotas, limit ranges,
 * network policies, Deployments, Services and HorizontalPodAutoscalers (autoscaling/v2).
 *
 * <p>Heartbeat facts list every managed Deployment. CPU and memory utilization come from the status of the
 * managed HorizontalPodAutoscaler that targets the Deployment, which the autoscaler fills from the metrics API.
 *
 * <p>NOTE: a Deployment without such an autoscaler, or whose autoscaler has no current metrics yet, reports 0 %
 * utilization, because the agent does not read the metrics API itself.
 */
public final class KubernetesClusterDriver implements ClusterDriver {

    private final KubernetesClient client;

    public KubernetesClusterDriver(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        HasMetadata found = call(key, () -> client.resource(reference(key)).get());
        return Optional.ofNullable(found).map(KubernetesClusterDriver::toMap);
    }

    @Override
    public void create(Map<String, Object> manifest) {
        HasMetadata object = toObject(manifest);
        call(keyOf(object), () -> client.resource(object).create());
    }

    @Override
    public void update(Map<String, Object> manifest, String resourceVersion) {
        HasMetadata object = toObject(manifest);
        object.getMetadata().setResourceVersion(resourceVersion);
        call(keyOf(object), () -> client.resource(object).update());
    }

    @Override
    public void delete(ObjectKey key) {
        call(key, () -> client.resource(reference(key)).delete());
    }

    @Override
    public List<ObjectKey> listLabelled(String label, String value) {
        List<HasMetadata> found = new ArrayList<>();
        ObjectKey any = new ObjectKey("v1", "List", "", "managed objects");
        call(any, () -> {
            found.addAll(client.namespaces().withLabel(label, value).list().getItems());
            found.addAll(client.resourceQuotas()
                    .inAnyNamespace()
                    .withLabel(label, value)
                    .list()
                    .getItems());
            found.addAll(client.limitRanges()
                    .inAnyNamespace()
                    .withLabel(label, value)
                    .list()
                    .getItems());
            found.addAll(client.network()
                    .v1()
                    .networkPolicies()
                    .inAnyNamespace()
                    .withLabel(label, value)
                    .list()
                    .getItems());
            found.addAll(client.apps()
                    .deployments()
                    .inAnyNamespace()
                    .withLabel(label, value)
                    .list()
                    .getItems());
            found.addAll(client.services()
                    .inAnyNamespace()
                    .withLabel(label, value)
                    .list()
                    .getItems());
            found.addAll(client.autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inAnyNamespace()
                    .withLabel(label, value)
                    .list()
                    .getItems());
            return null;
        });
        return found.stream().map(KubernetesClusterDriver::keyOf).toList();
    }

    @Override
    public ClusterFacts facts() {
        Capacity capacity = call(new ObjectKey("v1", "NodeList", "", "nodes"), this::allocatable);
        List<WorkloadFacts> workloads =
                call(new ObjectKey("apps/v1", "DeploymentList", "", "managed deployments"), this::workloads);
        return new ClusterFacts(capacity.cpuMillis(), capacity.memoryBytes(), workloads);
    }

    private Capacity allocatable() {
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        for (Node node : client.nodes().list().getItems()) {
            Map<String, Quantity> allocatable =
                    node.getStatus() == null ? null : node.getStatus().getAllocatable();
            if (allocatable == null) {
                continue;
            }
            if (allocatable.get("cpu") != null) {
                cpu = cpu.add(allocatable.get("cpu").getNumericalAmount());
            }
            if (allocatable.get("memory") != null) {
                memory = memory.add(allocatable.get("memory").getNumericalAmount());
            }
        }
        return new Capacity(cpu.movePointRight(3).longValue(), memory.longValue());
    }

    /** Returns one entry per managed Deployment, with the utilization its managed autoscaler last observed. */
    private List<WorkloadFacts> workloads() {
        Map<String, HorizontalPodAutoscaler> autoscalers = new HashMap<>();
        for (HorizontalPodAutoscaler autoscaler : client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inAnyNamespace()
                .withLabel(Reconciler.MANAGED_BY_LABEL, Reconciler.MANAGED_BY_VALUE)
                .list()
                .getItems()) {
            CrossVersionObjectReference target =
                    autoscaler.getSpec() == null ? null : autoscaler.getSpec().getScaleTargetRef();
            if (target != null && "Deployment".equals(target.getKind())) {
                // Kubernetes does not scale a target that two autoscalers select; the first one listed is used here.
                autoscalers.putIfAbsent(autoscaler.getMetadata().getNamespace() + "/" + target.getName(), autoscaler);
            }
        }
        List<WorkloadFacts> workloads = new ArrayList<>();
        for (Deployment deployment : client.apps()
                .deployments()
                .inAnyNamespace()
                .withLabel(Reconciler.MANAGED_BY_LABEL, Reconciler.MANAGED_BY_VALUE)
                .list()
                .getItems()) {
            String namespace = deployment.getMetadata().getNamespace();
            String name = deployment.getMetadata().getName();
            HorizontalPodAutoscaler autoscaler = autoscalers.get(namespace + "/" + name);
            workloads.add(new WorkloadFacts(
                    namespace,
                    name,
                    replicas(deployment),
                    readyReplicas(deployment),
                    utilization(autoscaler, "cpu"),
                    utilization(autoscaler, "memory"),
                    // NOTE: no metrics source for request and error rates is wired yet, so both are reported as
                    // 0, which the heartbeat cannot tell apart from an idle workload.
                    0,
                    0));
        }
        return List.copyOf(workloads);
    }

    /**
     * Returns the desired replicas, {@code spec.replicas}. The API server always sets it, so the status count is
     * only a fallback for fabric8's mock server, which does no defaulting.
     */
    private static int replicas(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec();
        if (spec != null && spec.getReplicas() != null) {
            return spec.getReplicas();
        }
        DeploymentStatus status = deployment.getStatus();
        return status == null || status.getReplicas() == null ? 0 : status.getReplicas();
    }

    private static int readyReplicas(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        return status == null || status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }

    /**
     * Returns the average utilization of a resource, in percent of the pods' requests, as the autoscaler last
     * recorded it in {@code status.currentMetrics}, or 0 when there is no autoscaler or no such metric.
     */
    private static double utilization(HorizontalPodAutoscaler autoscaler, String resource) {
        if (autoscaler == null
                || autoscaler.getStatus() == null
                || autoscaler.getStatus().getCurrentMetrics() == null) {
            return 0;
        }
        for (MetricStatus metric : autoscaler.getStatus().getCurrentMetrics()) {
            ResourceMetricStatus resourceMetric = metric.getResource();
            if (resourceMetric != null
                    && resource.equals(resourceMetric.getName())
                    && resourceMetric.getCurrent() != null
                    && resourceMetric.getCurrent().getAverageUtilization() != null) {
                return resourceMetric.getCurrent().getAverageUtilization();
            }
        }
        return 0;
    }

    private static <T> T call(ObjectKey key, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            throw new ClusterWriteException(reason(e.getCode()), key + ": " + message(e), e);
        }
    }

    private static String reason(int code) {
        return switch (code) {
            case 400, 422 -> "Invalid";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 0 -> "Unavailable";
            default -> "Failed";
        };
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage();
    }

    private static HasMetadata reference(ObjectKey key) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", key.name());
        if (!key.namespace().isEmpty()) {
            metadata.put("namespace", key.namespace());
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("apiVersion", key.apiVersion());
        manifest.put("kind", key.kind());
        manifest.put("metadata", metadata);
        return toObject(manifest);
    }

    private static HasMetadata toObject(Map<String, Object> manifest) {
        return Serialization.unmarshal(Serialization.asJson(manifest), HasMetadata.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(HasMetadata object) {
        return Serialization.unmarshal(Serialization.asJson(object), Map.class);
    }

    private static ObjectKey keyOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return new ObjectKey(
                object.getApiVersion(),
                object.getKind(),
                namespace == null ? "" : namespace,
                object.getMetadata().getName());
    }

    /** Allocatable capacity summed over all nodes. */
    private record Capacity(long cpuMillis, long memoryBytes) {}
}
