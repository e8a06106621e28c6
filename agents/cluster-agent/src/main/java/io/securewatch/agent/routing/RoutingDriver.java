package io.securewatch.agent.routing;

import io.securewatch.agent.core.AppliedTarget;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.Reconciler;
import io.securewatch.agent.core.TrafficShares;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the objects of the {@code routing.securewatch.io} API group to their targets, Consul config entries to the
 * region's Consul and edge backends to the region's HAProxy, and every other object to the cluster. The reconciler
 * uses one driver, so routing objects get the same create, update, delete and drift handling as Kubernetes objects.
 *
 * <p>When the wrapped cluster driver implements {@link TrafficShares}, every edge backend this driver writes or
 * deletes also passes its region weights to it, whether or not an HAProxy edge is configured. The {@code EdgeBackend}
 * is named after its service, so the weights are passed under that name.
 */
public final class RoutingDriver implements ClusterDriver {

    public static final String API_VERSION = "routing.securewatch.io/v1";
    public static final String CONSUL_CONFIG_ENTRY = "ConsulConfigEntry";
    public static final String EDGE_BACKEND = "EdgeBackend";

    private final ClusterDriver cluster;
    private final ObjectTarget consul;
    private final ObjectTarget edge;

    /**
     * Creates the driver.
     *
     * @param consul the region's Consul; {@link KeptObjects} when the agent has none configured
     * @param edge the region's HAProxy edge; {@link KeptObjects} when the agent has none configured
     */
    public RoutingDriver(ClusterDriver cluster, ObjectTarget consul, ObjectTarget edge) {
        this.cluster = cluster;
        this.consul = consul;
        this.edge = edge;
    }

    /** Wraps a cluster driver, keeping routing objects in memory for each target that is not configured. */
    public static RoutingDriver wrap(
            ClusterDriver cluster, Optional<ObjectTarget> consul, Optional<ObjectTarget> edge) {
        return new RoutingDriver(
                cluster,
                consul.orElseGet(() -> new KeptObjects("consul")),
                edge.orElseGet(() -> new KeptObjects("haproxy")));
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        Optional<ObjectTarget> target = target(key);
        return target.isPresent() ? target.get().get(key) : cluster.get(key);
    }

    @Override
    public void create(Map<String, Object> manifest) {
        Optional<ObjectTarget> target = target(keyOf(manifest));
        if (target.isPresent()) {
            target.get().create(manifest);
            shareEdgeWeights(manifest);
        } else {
            cluster.create(manifest);
        }
    }

    @Override
    public void update(Map<String, Object> manifest, String resourceVersion) {
        Optional<ObjectTarget> target = target(keyOf(manifest));
        if (target.isPresent()) {
            target.get().update(manifest, resourceVersion);
            shareEdgeWeights(manifest);
        } else {
            cluster.update(manifest, resourceVersion);
        }
    }

    @Override
    public void delete(ObjectKey key) {
        Optional<ObjectTarget> target = target(key);
        if (target.isPresent()) {
            target.get().delete(key);
            if (EDGE_BACKEND.equals(key.kind()) && cluster instanceof TrafficShares shares) {
                shares.removeEdgeWeights(key.name());
            }
        } else {
            cluster.delete(key);
        }
    }

    @Override
    public List<ObjectKey> listLabelled(String label, String value) {
        List<ObjectKey> keys = new ArrayList<>(cluster.listLabelled(label, value));
        if (Reconciler.MANAGED_BY_LABEL.equals(label) && Reconciler.MANAGED_BY_VALUE.equals(value)) {
            keys.addAll(consul.listManaged());
            keys.addAll(edge.listManaged());
        }
        return keys;
    }

    @Override
    public ClusterFacts facts() {
        return cluster.facts();
    }

    @Override
    public List<AppliedTarget> appliedTargets(Collection<ObjectKey> keys) {
        Map<ObjectTarget, List<ObjectKey>> byTarget = new LinkedHashMap<>();
        byTarget.put(consul, new ArrayList<>());
        byTarget.put(edge, new ArrayList<>());
        for (ObjectKey key : keys) {
            target(key).ifPresent(target -> byTarget.get(target).add(key));
        }
        List<AppliedTarget> applied = new ArrayList<>();
        byTarget.forEach((target, objects) -> {
            if (!objects.isEmpty()) {
                applied.add(new AppliedTarget(target.name(), target.address(), objects));
            }
        });
        return applied;
    }

    /**
     * Passes the region weights of an edge backend that was just written to the cluster driver, when it wants them.
     * Weights that cannot be read remove the service's earlier weights, so the driver does not keep a stale split.
     */
    private void shareEdgeWeights(Map<String, Object> manifest) {
        ObjectKey key = keyOf(manifest);
        if (!EDGE_BACKEND.equals(key.kind()) || !(cluster instanceof TrafficShares shares)) {
            return;
        }
        Optional<EdgeWeights> weights = EdgeWeights.of(manifest);
        if (weights.isPresent()) {
            shares.setEdgeWeights(
                    key.name(), weights.get().region(), weights.get().weightByRegion());
        } else {
            shares.removeEdgeWeights(key.name());
        }
    }

    /** Returns the target of a routing object, or empty for an object of the cluster. */
    private Optional<ObjectTarget> target(ObjectKey key) {
        if (!API_VERSION.equals(key.apiVersion())) {
            return Optional.empty();
        }
        return switch (key.kind()) {
            case CONSUL_CONFIG_ENTRY -> Optional.of(consul);
            case EDGE_BACKEND -> Optional.of(edge);
            default ->
                throw new ClusterWriteException(
                        "Invalid",
                        key + " has kind " + key.kind() + " of " + API_VERSION
                                + ", which this agent does not know; upgrade the agent");
        };
    }

    /** Returns the identity of a manifest; routing objects are cluster-scoped. */
    static ObjectKey keyOf(Map<String, Object> manifest) {
        Object metadata = manifest.get("metadata");
        Object name = metadata instanceof Map<?, ?> map ? map.get("name") : null;
        Object namespace = metadata instanceof Map<?, ?> map ? map.get("namespace") : null;
        return new ObjectKey(
                String.valueOf(manifest.get("apiVersion")),
                String.valueOf(manifest.get("kind")),
                namespace == null ? "" : namespace.toString(),
                String.valueOf(name));
    }

    /** Tells whether the manifest's metadata carries the label with the value. */
    static boolean isLabelled(Map<String, Object> manifest, String label, String value) {
        return manifest.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("labels") instanceof Map<?, ?> labels
                && value.equals(labels.get(label));
    }
}
