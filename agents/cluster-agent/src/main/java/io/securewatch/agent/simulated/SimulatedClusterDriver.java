package io.securewatch.agent.simulated;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.ClusterWriteException;
import io.securewatch.agent.core.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster kept in memory, for the demo and load tests. It stores objects like an API server (with resource
 * versions and conflict checks) and simulates nodes and workloads: each managed tenant namespace runs one
 * workload whose replicas and utilization vary slowly and deterministically with the namespace name and time.
 */
public final class SimulatedClusterDriver implements ClusterDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Map<ObjectKey, Map<String, Object>> objects = new ConcurrentSkipListMap<>();
    private final Map<ObjectKey, Long> versions = new ConcurrentHashMap<>();
    private final AtomicLong nextVersion = new AtomicLong(1);
    private final AtomicLong writes = new AtomicLong();
    private final long cpuMillis;
    private final long memoryBytes;

    /** Creates a cluster with the given allocatable capacity. */
    public SimulatedClusterDriver(long cpuMillis, long memoryBytes) {
        this.cpuMillis = cpuMillis;
        this.memoryBytes = memoryBytes;
    }

    @Override
    public Optional<Map<String, Object>> get(ObjectKey key) {
        Map<String, Object> stored = objects.get(key);
        if (stored == null) {
            return Optional.empty();
        }
        Map<String, Object> copy = copy(stored);
        metadata(copy).put("resourceVersion", String.valueOf(versions.get(key)));
        return Optional.of(copy);
    }

    @Override
    public void create(Map<String, Object> manifest) {
        ObjectKey key = keyOf(manifest);
        if (objects.putIfAbsent(key, copy(manifest)) != null) {
            throw new ClusterWriteException("Conflict", key + " already exists");
        }
        versions.put(key, nextVersion.getAndIncrement());
        writes.incrementAndGet();
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
        objects.put(key, copy(manifest));
        versions.put(key, nextVersion.getAndIncrement());
        writes.incrementAndGet();
    }

    @Override
    public void delete(ObjectKey key) {
        if (objects.remove(key) != null) {
            versions.remove(key);
            writes.incrementAndGet();
        }
    }

    @Override
    public List<ObjectKey> listLabelled(String label, String value) {
        List<ObjectKey> found = new ArrayList<>();
        objects.forEach((key, manifest) -> {
            Object labels = metadata(manifest).get("labels");
            if (labels instanceof Map<?, ?> map && value.equals(map.get(label))) {
                found.add(key);
            }
        });
        return found;
    }

    @Override
    public ClusterFacts facts() {
        List<WorkloadFacts> workloads = new ArrayList<>();
        long minute = System.currentTimeMillis() / 60_000;
        for (ObjectKey key : objects.keySet()) {
            if (!key.isNamespace()) {
                continue;
            }
            int seed = Math.floorMod((key.name() + minute).hashCode(), 1000);
            int replicas = 2 + seed % 3;
            workloads.add(new WorkloadFacts(
                    key.name(), "securewatch-api", replicas, replicas, 35 + seed % 40, 40 + seed % 30));
        }
        return new ClusterFacts(cpuMillis, memoryBytes, workloads);
    }

    /** Returns how many creates, updates and deletes the cluster has seen, for tests. */
    public long writes() {
        return writes.get();
    }

    /** Changes a stored object without going through the agent, as an operator editing it by hand would. */
    public void editByHand(ObjectKey key, Map<String, Object> manifest) {
        objects.put(key, copy(manifest));
        versions.put(key, nextVersion.getAndIncrement());
    }

    private static Map<String, Object> copy(Map<String, Object> manifest) {
        return JSON.convertValue(manifest, MAP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> manifest) {
        return (Map<String, Object>) manifest.computeIfAbsent("metadata", ignored -> new java.util.LinkedHashMap<>());
    }

    private static ObjectKey keyOf(Map<String, Object> manifest) {
        Map<String, Object> metadata = metadata(manifest);
        Object namespace = metadata.get("namespace");
        return new ObjectKey(
                String.valueOf(manifest.get("apiVersion")),
                String.valueOf(manifest.get("kind")),
                namespace == null ? "" : namespace.toString(),
                String.valueOf(metadata.get("name")));
    }
}
