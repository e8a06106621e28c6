package io.securewatch.controlplane.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the global service catalog's watch of every region's Consul. */
@ConfigMapping(prefix = "securewatch.catalog")
public interface CatalogConfig {

    /**
     * The Consul HTTP address of each datacenter, as {@code <datacenter>=<url>}, such as
     * {@code eu-west-1=http://consul.eu-west-1.internal:8500}. A region is watched when its Consul datacenter is
     * listed; none are by default.
     */
    Optional<List<String>> consulAddresses();

    /**
     * The ACL token the control plane sends to every region's Consul, when Consul enforces ACLs. It needs read access
     * to services and nodes, and write access to the control plane's own service for self-registration.
     */
    Optional<String> consulToken();

    /** How long a blocking query may wait for a change before Consul responds with the same index. */
    @WithDefault("5m")
    Duration blockingWait();

    /**
     * Maximum number of connections the watch opens to one region's Consul. Every watched service keeps one open for
     * a whole blocking wait, so in a region with more services, some changes arrive only after a wait ends. Consul's
     * {@code limits.http_max_conns_per_client} (200 by default since Consul 1.7.1) must allow it.
     */
    @WithDefault("128")
    @Min(1)
    int maxConnectionsPerRegion();

    /** Extra time, on top of the wait, after which a region whose Consul has not responded is shown as stale. */
    @WithDefault("15s")
    Duration staleAfter();

    /** First delay before retrying a failed query; doubles up to {@link #maxRetryDelay()}, with jitter. */
    @WithDefault("1s")
    Duration retryDelay();

    @WithDefault("30s")
    Duration maxRetryDelay();

    /**
     * How long a region's circuit breaker stays open, failing queries at once, before one trial query. It opens
     * when 3 of the last 4 queries to the region's Consul failed.
     */
    @WithDefault("30s")
    Duration circuitOpenFor();

    /**
     * The Consul datacenter this replica registers itself in, as service {@code securewatch-control-plane} with a
     * TTL check it keeps passing; one of {@link #consulAddresses()}. None by default.
     */
    Optional<String> registerIn();

    /** The address other components reach this replica at, as {@code host} or {@code host:port}. */
    Optional<String> advertiseAddress();
}
