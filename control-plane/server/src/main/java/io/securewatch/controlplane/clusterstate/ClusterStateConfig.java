package io.securewatch.controlplane.clusterstate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Settings of the desired state pushed to clusters and of the agents that apply it. */
@ConfigMapping(prefix = "securewatch.cluster-state")
public interface ClusterStateConfig {

    /** Namespace of the platform's ingress controllers, allowed to reach tenant pods. */
    @WithDefault("securewatch-ingress")
    String ingressNamespace();

    /** CPU request of a tenant container that sets none, as a Kubernetes quantity. */
    @WithDefault("100m")
    String defaultCpuRequest();

    /** Memory request of a tenant container that sets none. */
    @WithDefault("128Mi")
    String defaultMemoryRequest();

    /** CPU limit of a tenant container that sets none. */
    @WithDefault("500m")
    String defaultCpuLimit();

    /** Memory limit of a tenant container that sets none. */
    @WithDefault("512Mi")
    String defaultMemoryLimit();

    /** How many recent bundles are kept per cluster, so that agents a few revisions behind get only the changes. */
    @WithDefault("10")
    @Min(1)
    @Max(1000)
    int bundlesKept();

    /** How often agents send a heartbeat; an agent silent for three intervals counts as disconnected. */
    @WithDefault("10s")
    Duration heartbeatInterval();
}
