package io.securewatch.controlplane.agentchannel;

import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.Heartbeat;
import io.securewatch.agent.v1.Nack;
import io.securewatch.agent.v1.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts what agents report in Acks, Nacks and heartbeats into the maps that {@link AgentStateStore} stores as
 * JSON, with the keys the cluster status reads. Rejected and drifted objects are named as
 * {@code <kind> <namespace>/<name>}, or {@code <kind> <name>} without a namespace.
 */
final class AgentReports {

    private AgentReports() {}

    /** Converts the Ack's targets outside Kubernetes for storage, naming objects as the cluster status does. */
    static List<Map<String, Object>> appliedTargets(Ack ack) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (io.securewatch.agent.v1.AppliedTarget applied : ack.getAppliedTargetsList()) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("target", applied.getTarget());
            target.put("address", applied.getAddress());
            target.put(
                    "objects",
                    applied.getObjectsList().stream()
                            .map(ref -> ref.getKind() + " " + ref.getName())
                            .toList());
            targets.add(target);
        }
        return targets;
    }

    /** Returns one map per rejected object, with the keys object, reason and message. */
    static List<Map<String, Object>> objectErrors(Nack nack) {
        List<Map<String, Object>> errors = new ArrayList<>();
        nack.getErrorsList().forEach(error -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", describe(error.getRef()));
            entry.put("reason", error.getReason());
            entry.put("message", error.getMessage());
            errors.add(entry);
        });
        return errors;
    }

    /** Returns the cluster facts of a heartbeat, with one map per workload. */
    static Map<String, Object> facts(Heartbeat heartbeat) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("allocatableCpuMillis", heartbeat.getFacts().getAllocatableCpuMillis());
        facts.put("allocatableMemoryBytes", heartbeat.getFacts().getAllocatableMemoryBytes());
        List<Map<String, Object>> workloads = new ArrayList<>();
        heartbeat.getFacts().getWorkloadsList().forEach(workload -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("namespace", workload.getNamespace());
            entry.put("name", workload.getName());
            entry.put("replicas", workload.getReplicas());
            entry.put("readyReplicas", workload.getReadyReplicas());
            entry.put("cpuUtilizationPercent", workload.getCpuUtilizationPercent());
            entry.put("memoryUtilizationPercent", workload.getMemoryUtilizationPercent());
            entry.put("requestsPerSecond", workload.getRequestsPerSecond());
            entry.put("errorRatePercent", workload.getErrorRatePercent());
            workloads.add(entry);
        });
        facts.put("workloads", workloads);
        return facts;
    }

    /** Returns one map per drifted object of a heartbeat, with the keys object, description and corrected. */
    static List<Map<String, Object>> drift(Heartbeat heartbeat) {
        List<Map<String, Object>> drift = new ArrayList<>();
        heartbeat.getDriftList().forEach(entry -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", describe(entry.getRef()));
            item.put("description", entry.getDescription());
            item.put("corrected", entry.getCorrected());
            drift.add(item);
        });
        return drift;
    }

    private static String describe(ObjectRef ref) {
        String namespace = ref.getNamespace().isEmpty() ? "" : ref.getNamespace() + "/";
        return ref.getKind() + " " + namespace + ref.getName();
    }
}
