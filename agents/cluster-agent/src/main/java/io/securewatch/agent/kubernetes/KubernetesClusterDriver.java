package io.securewatch.agent.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies objects to a Kubernetes cluster with the fabric8 client, by create and update (no server-side apply,
 * so that any API server, and fabric8's mock server, works). Manages namespaces, resource quotas, limit ranges
 * and network policies.
 *
 * <p>NOTE: workload utilization is reported as 0 until the agent reads the metrics API; replicas and ready
 * replicas come from the Deployments in managed namespaces.
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
            return null;
        });
        return found.stream().map(KubernetesClusterDriver::keyOf).toList();
    }

    @Override
    public ClusterFacts facts() {
        ObjectKey nodes = new ObjectKey("v1", "NodeList", "", "nodes");
        return call(nodes, () -> {
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
            List<WorkloadFacts> workloads = new ArrayList<>();
            for (Deployment deployment : client.apps()
                    .deployments()
                    .inAnyNamespace()
                    .withLabel("app.kubernetes.io/managed-by", "securewatch")
                    .list()
                    .getItems()) {
                int replicas =
                        deployment.getSpec() == null || deployment.getSpec().getReplicas() == null
                                ? 0
                                : deployment.getSpec().getReplicas();
                int ready =
                        deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
                                ? 0
                                : deployment.getStatus().getReadyReplicas();
                workloads.add(new WorkloadFacts(
                        deployment.getMetadata().getNamespace(),
                        deployment.getMetadata().getName(),
                        replicas,
                        ready,
                        0,
                        0));
            }
            return new ClusterFacts(cpu.movePointRight(3).longValue(), memory.longValue(), List.copyOf(workloads));
        });
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
}
