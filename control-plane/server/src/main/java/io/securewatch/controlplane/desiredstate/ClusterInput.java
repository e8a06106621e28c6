package io.securewatch.controlplane.desiredstate;

/** A cluster as the compiler needs it: where it runs and how big it is. */
public record ClusterInput(String name, String region, long cpuMillis, long memoryBytes) {}
