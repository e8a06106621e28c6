package io.securewatch.api.v1;

/**
 * Upper bounds on resource amounts. They are far above any real cluster or tenant and exist so that sums over
 * many clusters cannot overflow a {@code long}.
 */
public final class ResourceLimits {

    /** 100,000 cores. */
    public static final long MAX_CPU_MILLIS = 100_000_000L;

    /** 1 PiB. */
    public static final long MAX_MEMORY_BYTES = 1L << 50;

    /** Pods in one tenant's quota. */
    public static final long MAX_PODS = 1_000_000L;

    private ResourceLimits() {}
}
