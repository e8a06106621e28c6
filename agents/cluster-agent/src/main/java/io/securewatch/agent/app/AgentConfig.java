package io.securewatch.agent.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the cluster agent, under {@code securewatch.agent}. */
@ConfigMapping(prefix = "securewatch.agent")
public interface AgentConfig {

    /** Name of the cluster this agent runs in, as registered in the control plane; required in single mode. */
    Optional<String> cluster();

    /** Base URL of the control plane, such as {@code https://securewatch.example.com}; gRPC uses the same port. */
    String controlPlaneUrl();

    /** One-time token from {@code POST /api/v1/clusters/{cluster}/registration-tokens}; used when no credential is stored. */
    Optional<String> registrationToken();

    /**
     * HTTP address of the region's Consul, such as {@code http://127.0.0.1:8500}; when set, the agent registers the
     * cluster's platform services there. Single mode only.
     */
    Optional<URI> consulAddress();

    /**
     * The ACL token sent to Consul when it enforces ACLs, in single and fleet mode. It needs write access to the
     * services the agent registers and to the config entries of the services it routes.
     */
    Optional<String> consulToken();

    /**
     * The Runtime API socket of the region's HAProxy edge, {@code unix@/path} or {@code ipv4@address:port}; when set, the
     * agent applies the edge backends of its bundle there. Single mode only.
     */
    Optional<String> edgeSocket();

    /** Timeout of each call to Consul's HTTP API and HAProxy's Runtime API. */
    @WithDefault("5s")
    Duration routingCallTimeout();

    /** Directory for the credential and the last applied bundle; must survive restarts. */
    @WithDefault("agent-state")
    Path stateDirectory();

    /** {@code kubernetes} to apply to the cluster the agent runs in, or {@code simulated} for an in-memory one. */
    @WithDefault("kubernetes")
    Driver driver();

    /** {@code single} for one agent, {@code fleet} for one simulated agent per listed cluster (demo, load tests). */
    @WithDefault("single")
    Mode mode();

    /** First reconnect delay ceiling; it doubles with every failure up to max-backoff, with full jitter. */
    @WithDefault("1s")
    Duration minBackoff();

    @WithDefault("60s")
    Duration maxBackoff();

    /** How long to wait for Welcome after Hello before reconnecting. */
    @WithDefault("30s")
    Duration welcomeTimeout();

    /** Deadline of registration and credential rotation calls. */
    @WithDefault("10s")
    Duration callTimeout();

    Simulated simulated();

    Fleet fleet();

    /** The in-memory cluster of the simulated driver. */
    interface Simulated {

        @WithDefault("64000")
        long cpuMillis();

        @WithDefault("274877906944")
        long memoryBytes();

        /**
         * Multiplies the modelled load of every simulated workload. The demo lowers it, so that its workloads run well
         * below their maximum replicas and a region can be evacuated.
         */
        @WithDefault("1")
        double loadScale();
    }

    /**
     * Fleet mode: simulated agents for clusters of the control plane, registered with tokens that this process
     * creates through the REST API, so it needs a user allowed to create them.
     */
    interface Fleet {

        /** Clusters to simulate; all clusters of the control plane when empty. */
        Optional<List<String>> clusters();

        /** User for the REST API (HTTP basic, as in the demo). */
        Optional<String> apiUser();

        Optional<String> apiPassword();

        /**
         * The Consul HTTP address of each region, as {@code <region>=<url>}; the simulated agents of a listed
         * region register their services there. None by default.
         */
        Optional<List<String>> consulAddresses();
    }

    enum Driver {
        KUBERNETES,
        SIMULATED
    }

    enum Mode {
        SINGLE,
        FLEET
    }
}
