package io.securewatch.agent.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's access to its cluster. Implemented for Kubernetes and, for demos and load tests, by a simulated
 * cluster. Manifests are plain maps in the JSON shape Kubernetes uses. Every method may throw
 * {@link ClusterWriteException}.
 */
public interface ClusterDriver {

    /** Returns the object as stored in the cluster, or empty when it does not exist. */
    Optional<Map<String, Object>> get(ObjectKey key);

    void create(Map<String, Object> manifest);

    /**
     * Replaces an existing object.
     *
     * @param resourceVersion the version read just before, so a concurrent change makes the update fail
     */
    void update(Map<String, Object> manifest, String resourceVersion);

    /** Deletes the object; deleting a missing object is not an error. */
    void delete(ObjectKey key);

    /** Lists every object of the kinds the agent manages that carries the given label. */
    List<ObjectKey> listLabelled(String label, String value);

    /** Returns capacity and workload facts for heartbeats. */
    ClusterFacts facts();

    /**
     * Groups the objects that this driver writes outside Kubernetes by where it writes them, for the Ack. A plain
     * cluster driver writes everything to Kubernetes and returns an empty list.
     */
    default List<AppliedTarget> appliedTargets(java.util.Collection<ObjectKey> keys) {
        return List.of();
    }

    /** Cluster capacity and the state of its workloads. */
    record ClusterFacts(long allocatableCpuMillis, long allocatableMemoryBytes, List<WorkloadFacts> workloads) {}

    /**
     * Replicas and utilization of one workload, a Deployment.
     *
     * @param replicas its desired replicas ({@code spec.replicas}), which its HorizontalPodAutoscaler sets when it
     *     has one
     * @param readyReplicas its pods that are ready ({@code status.readyReplicas})
     * @param cpuUtilizationPercent average CPU use of its pods, in percent of their CPU requests; 0 when unknown
     * @param memoryUtilizationPercent average memory use of its pods, in percent of their memory requests; 0 when
     *     unknown
     * @param requestsPerSecond requests per second that its pods in this cluster serve, summed over the pods, or 0
     *     when unknown
     * @param errorRatePercent percent of those requests that fail with a server error, or 0 when unknown or when
     *     the pods serve no requests
     */
    record WorkloadFacts(
            String namespace,
            String name,
            int replicas,
            int readyReplicas,
            double cpuUtilizationPercent,
            double memoryUtilizationPercent,
            double requestsPerSecond,
            double errorRatePercent) {}
}
