package io.securewatch.agent.simulated;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource demand of each simulated workload: deterministic, so that a demo or a test run twice behaves the
 * same, and slowly varying, so that autoscalers have something to follow.
 *
 * <p>A workload's demand is measured in pods' worth of its requests. Its name (through {@link String#hashCode()},
 * whose value the Java specification fixes) picks a base of 1 to 4 pods' worth, a period of 20 to 60 minutes and a
 * phase. CPU demand then swings between 0.3 and 1.5 times the base along a sine wave of that period, and memory
 * demand between 0.4 and 0.8 times the base, a quarter period later. A CPU or memory demand set with
 * {@link #setDemand} replaces the model for that resource of that workload.
 */
final class LoadModel {

    private final Map<String, Long> fixedCpuMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> fixedMemoryBytes = new ConcurrentHashMap<>();

    /**
     * Fixes the CPU demand of a workload, summed over all its pods, until it is set again. Its memory demand keeps
     * following the model.
     */
    void setDemand(String namespace, String name, long cpuMillis) {
        requireNotNegative(namespace, name, "CPU", cpuMillis, "millicores");
        fixedCpuMillis.put(namespace + "/" + name, cpuMillis);
    }

    /** Fixes the CPU and memory demand of a workload, summed over all its pods, until they are set again. */
    void setDemand(String namespace, String name, long cpuMillis, long memoryBytes) {
        requireNotNegative(namespace, name, "CPU", cpuMillis, "millicores");
        requireNotNegative(namespace, name, "memory", memoryBytes, "bytes");
        fixedCpuMillis.put(namespace + "/" + name, cpuMillis);
        fixedMemoryBytes.put(namespace + "/" + name, memoryBytes);
    }

    /**
     * Returns the demand of a workload at a time, summed over all its pods.
     *
     * @param podRequests what one pod of the workload requests
     */
    Resources demand(String namespace, String name, Resources podRequests, Instant at) {
        String workload = namespace + "/" + name;
        int hash = workload.hashCode();
        double base = 1 + Math.floorMod(hash, 300) / 100.0;
        long periodSeconds = 1200 + Math.floorMod(hash / 7, 2400);
        double phase = 2 * Math.PI * Math.floorMod(hash / 13, 1000) / 1000.0;
        double angle = 2 * Math.PI * (at.toEpochMilli() / 1000.0) / periodSeconds + phase;

        double cpuLevel = 0.9 + 0.6 * Math.sin(angle);
        double memoryLevel = 0.6 + 0.2 * Math.sin(angle + Math.PI / 2);
        long cpuMillis = fixedCpuMillis.getOrDefault(workload, Math.round(podRequests.cpuMillis() * base * cpuLevel));
        long memoryBytes =
                fixedMemoryBytes.getOrDefault(workload, Math.round(podRequests.memoryBytes() * base * memoryLevel));
        return new Resources(cpuMillis, memoryBytes);
    }

    private static void requireNotNegative(String namespace, String name, String resource, long amount, String unit) {
        if (amount < 0) {
            throw new IllegalArgumentException(resource + " demand of " + namespace + "/" + name
                    + " must not be negative, got " + amount + " " + unit);
        }
    }

    /** An amount of CPU, in millicores, and of memory, in bytes. */
    record Resources(long cpuMillis, long memoryBytes) {}
}
