package io.securewatch.controlplane.desiredstate;

/**
 * Platform-wide values the compiler puts into every tenant environment.
 *
 * @param ingressNamespace namespace of the platform's ingress controllers, allowed to reach tenant pods
 * @param defaultCpuRequest CPU request of a container that sets none, as a Kubernetes quantity
 * @param defaultMemoryRequest memory request of a container that sets none
 * @param defaultCpuLimit CPU limit of a container that sets none
 * @param defaultMemoryLimit memory limit of a container that sets none
 */
public record PlatformSettings(
        String ingressNamespace,
        String defaultCpuRequest,
        String defaultMemoryRequest,
        String defaultCpuLimit,
        String defaultMemoryLimit) {}
