package io.securewatch.agent.simulated;

import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import io.securewatch.agent.core.TrafficShares;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A cluster kept in memory, for the demo and load tests. It stores objects like an API server: with resource
 * versions and conflict checks, a Deployment's {@code spec.replicas} defaulted to 1, HorizontalPodAutoscalers
 * validated, and the status kept apart from the agent's writes (create drops it, update keeps the stored one, as
 * for kinds with a status subresource).
 *
 * <p>Its Deployments and HorizontalPodAutoscalers are simulated by {@link WorkloadSimulation}. Every call of
 * {@link #facts()}, made at each heartbeat, advances the simulation to the time of the clock. The controllers'
 * changes bump the objects' resource versions, as in a real cluster, but do not count as {@link #writes()}.
 *
 * <p>As {@link TrafficShares}, it receives the weights of its region's edge, so that the simulated load of a
 * service's Deployments follows routing: a region drained at the edge gets no load, and the others get more.
 */
public final class SimulatedClusterDriver implements ClusterDriver, TrafficShares {

    private final Map<ObjectKey, Map<String, Object>> objects = new TreeMap<>();
    private final Map<ObjectKey, Long> versions = new HashMap<>();
    private final long cpuMillis;
    private final long memoryBytes;
    private final Clock clock;
    private final LoadModel load = new LoadModel();
    private final WorkloadSimulation simulation = new WorkloadSimulation(load);
    private long nextVersion = 1;
    private long writes;

    /** Creates a cluster with the given allocatable capacity, simulated in the time of the system clock. */
    public SimulatedClusterDriver(long cpuMillis, long memoryBytes) {
        this(cpuMillis, memoryBytes, Clock.systemUTC());
    }

    /**
     * Creates a cluster with the given allocatable capacity.
     *
     * @param clock the time the workload simulation advances to at each {@link #facts()}
     */
    public SimulatedClusterDriver(long cpuMillis, long memoryBytes, Clock clock) {
        this.cpuMillis = cpuMillis;
        this.memoryBytes = memoryBytes;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Map<String, Object>> get(ObjectKey key) {
        Map<String, Object> stored = objects.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        Map<String, Object> copy = Manifests.copy(stored);
        metadata(copy).put("resourceVersion", String.valueOf(versions.get(key)));
        return Optional.of(copy);
    }

    @Override
    public synchronized void create(Map<String, Object> manifest) {
        ObjectKey key = keyOf(manifest);
        if (objects.containsKey(key)) {
            throw new ClusterWriteException("Conflict", key + " already exists");
        }
        Map<String, Object> admitted = admit(key, manifest);
        admitted.remove("status");
        store(key, admitted);
        writes++;
    }

    @Override
    public synchronized void update(Map<String, Object> manifest, String resourceVersion) {
        ObjectKey key = keyOf(manifest);
        Long current = versions.get(key);
        if (current == null) {
            throw new ClusterWriteException("NotFound", key + " does not exist");
        }
        if (resourceVersion != null && !resourceVersion.equals(String.valueOf(current))) {
            throw new ClusterWriteException("Conflict", key + " was changed concurrently");
        }
        Map<String, Object> admitted = admit(key, manifest);
        Object status = objects.get(key).get("status");
        if (status == null) {
            admitted.remove("status");
        } else {
            admitted.put("status", status);
        }
        store(key, admitted);
        writes++;
    }

    @Override
    public synchronized void delete(ObjectKey key) {
        if (objects.remove(key) != null) {
            versions.remove(key);
            writes++;
        }
    }

    @Override
    public synchronized List<ObjectKey> listLabelled(String label, String value) {
        List<ObjectKey> found = new ArrayList<>();
        objects.forEach((key, manifest) -> {
            Object labels = Manifests.map(manifest.get("metadata")).get("labels");
            if (labels instanceof Map<?, ?> map && value.equals(map.get(label))) {
                found.add(key);
            }
        });
        return found;
    }

    /** Advances the workload simulation to the clock's time, then reports the capacity and the managed Deployments. */
    @Override
    public synchronized ClusterFacts facts() {
        Instant now = clock.instant();
        for (ObjectKey changed : simulation.advanceTo(now, objects)) {
            versions.put(changed, nextVersion++);
        }
        return new ClusterFacts(cpuMillis, memoryBytes, simulation.facts(now, objects));
    }

    /**
     * Fixes the total CPU demand of a Deployment's pods, replacing the load model for it, so that a test
     * can push a workload to scale. Its memory demand keeps following the model.
     *
     * @param cpuMillis CPU use summed over all pods, in millicores
     * @throws IllegalArgumentException when the demand is negative
     */
    public void setDemand(String namespace, String name, long cpuMillis) {
        load.setDemand(namespace, name, cpuMillis);
    }

    /**
     * Fixes the total CPU and memory demand of a Deployment's pods, replacing the load model for it.
     *
     * @param cpuMillis CPU use summed over all pods, in millicores
     * @param memoryBytes memory use summed over all pods, in bytes
     * @throws IllegalArgumentException when a demand is negative
     */
    public void setDemand(String namespace, String name, long cpuMillis, long memoryBytes) {
        load.setDemand(namespace, name, cpuMillis, memoryBytes);
    }

    /**
     * Fixes the request rate of a Deployment's pods, replacing the load model for it. Unlike a fixed CPU or memory
     * demand, the rate is the one at traffic factor 1 and still follows the region's share of the service's traffic,
     * so that a test can observe requests move when routing changes.
     *
     * @param requestsPerSecond requests summed over all pods, per second
     * @throws IllegalArgumentException when the rate is negative or not finite
     */
    public void setRequestRate(String namespace, String name, double requestsPerSecond) {
        load.setRequestRate(namespace, name, requestsPerSecond);
    }

    /**
     * Sets the percent of a Deployment's requests that fail with a server error, 0 until set. The heartbeat reports
     * it while the Deployment receives requests.
     *
     * @throws IllegalArgumentException when the percent is not between 0 and 100
     */
    public void setErrorRate(String namespace, String name, double percent) {
        load.setErrorRate(namespace, name, percent);
    }

    /**
     * Multiplies the modelled load of every Deployment, 1 until set, such as to run a demo at a fraction of its
     * workloads' maximum replicas. Fixed demands and request rates are not scaled.
     *
     * @throws IllegalArgumentException when the scale is negative or not finite
     */
    public void setLoadScale(double scale) {
        load.setScale(scale);
    }

    /** Scales the simulated load of the service's Deployments by this region's share of the edge's weights. */
    @Override
    public void setEdgeWeights(String service, String region, Map<String, Integer> weightByRegion) {
        load.setEdgeWeights(service, region, weightByRegion);
    }

    @Override
    public void removeEdgeWeights(String service) {
        load.removeEdgeWeights(service);
    }

    /**
     * Returns how many creates, updates and deletes the agent made, for tests. The simulated controllers' changes
     * are not counted.
     */
    public synchronized long writes() {
        return writes;
    }

    /** Changes a stored object without going through the agent, as an operator editing it by hand would. */
    public synchronized void editByHand(ObjectKey key, Map<String, Object> manifest) {
        store(key, Manifests.copy(manifest));
    }

    private void store(ObjectKey key, Map<String, Object> manifest) {
        objects.put(key, manifest);
        versions.put(key, nextVersion++);
    }

    /** Returns a copy of the manifest with the API server's defaults applied, or rejects an invalid autoscaler. */
    private static Map<String, Object> admit(ObjectKey key, Map<String, Object> manifest) {
        Map<String, Object> admitted = Manifests.copy(manifest);
        if (WorkloadSimulation.isDeployment(key)) {
            Object spec = admitted.computeIfAbsent("spec", ignored -> new LinkedHashMap<String, Object>());
            if (spec instanceof Map<?, ?>) {
                Manifests.map(spec).putIfAbsent("replicas", 1);
            }
        }
        if (WorkloadSimulation.isAutoscaler(key)) {
            try {
                AutoscalerSpec.fromManifest(admitted);
            } catch (IllegalArgumentException e) {
                throw new ClusterWriteException("Invalid", key + ": " + e.getMessage(), e);
            }
        }
        return admitted;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.computeIfAbsent("metadata", ignored -> new LinkedHashMap<>());
    }

    private static ObjectKey keyOf(Map<String, Object> manifest) {
        Map<String, Object> metadata = Manifests.map(manifest.get("metadata"));
        Object namespace = metadata.get("namespace");
        return new ObjectKey(
                String.valueOf(manifest.get("apiVersion")),
                String.valueOf(manifest.get("kind")),
                namespace == null ? "" : namespace.toString(),
                String.valueOf(metadata.get("name")));
    }
}
