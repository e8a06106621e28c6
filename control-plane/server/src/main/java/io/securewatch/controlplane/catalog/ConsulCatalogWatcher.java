package io.securewatch.controlplane.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.securewatch.controlplane.leadership.Leadership;
import io.securewatch.controlplane.leadership.LeadershipChanged;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.vertx.core.Vertx;
import io.vertx.ext.consul.ConsulClient;
import io.vertx.ext.consul.ConsulClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Starts one {@link RegionWatch} per configured Consul datacenter on the leader. A datacenter whose region does not
 * exist yet is looked up again every few seconds, so regions created after start-up are watched too.
 */
@ApplicationScoped
public class ConsulCatalogWatcher {

    private static final Logger LOG = Logger.getLogger(ConsulCatalogWatcher.class);
    private static final long ATTACH_INTERVAL_MILLIS = 5_000;

    @Inject
    CatalogConfig config;

    @Inject
    CatalogStore store;

    @Inject
    Leadership leadership;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry meters;

    private final Map<String, RegionWatch> watches = new ConcurrentHashMap<>();
    private Map<String, URI> addresses = Map.of();
    private long attachTimer = -1;

    void start(@Observes StartupEvent event) {
        addresses = parse(config.consulAddresses().orElse(List.of()));
        if (addresses.isEmpty()) {
            return;
        }
        attachTimer = vertx.setPeriodic(ATTACH_INTERVAL_MILLIS, id -> attach());
    }

    /** Starts the watches as soon as this replica leads, and stops them when it no longer does. */
    void onLeadershipChange(@Observes LeadershipChanged change) {
        if (!addresses.isEmpty()) {
            attach();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (attachTimer >= 0) {
            vertx.cancelTimer(attachTimer);
        }
        watches.values().forEach(RegionWatch::stop);
        watches.clear();
    }

    /**
     * Starts watches for the configured datacenters whose regions exist now, while this replica leads; stops them all
     * when it does not.
     */
    private void attach() {
        if (!leadership.isLeader()) {
            if (!watches.isEmpty()) {
                watches.values().forEach(RegionWatch::stop);
                watches.clear();
                LogFields.info(LOG, "Catalog watch stopped: this replica does not lead");
            }
            return;
        }
        if (watches.size() == addresses.size()) {
            return;
        }
        store.regionsByDatacenter()
                .subscribe()
                .with(
                        regions -> addresses.forEach((datacenter, address) -> {
                            Long regionId = regions.get(datacenter);
                            if (regionId == null || watches.containsKey(datacenter)) {
                                return;
                            }
                            RegionWatch watch = new RegionWatch(
                                    vertx, client(datacenter, address), regionId, datacenter, store, config);
                            if (watches.putIfAbsent(datacenter, watch) == null) {
                                meters.gauge(
                                        "securewatch.catalog.circuit.open",
                                        List.of(Tag.of("datacenter", datacenter)),
                                        watch,
                                        candidate -> candidate.circuitOpen() ? 1 : 0);
                                store.watching(regionId, address.toString())
                                        .subscribe()
                                        .with(
                                                ignored -> {
                                                    LogFields.info(
                                                            LOG,
                                                            "Watching Consul",
                                                            LogKeys.DATACENTER,
                                                            datacenter,
                                                            "address",
                                                            address);
                                                    watch.start();
                                                },
                                                error -> LogFields.warn(
                                                        LOG,
                                                        error,
                                                        "Starting a Consul watch failed",
                                                        LogKeys.DATACENTER,
                                                        datacenter));
                            }
                        }),
                        error -> LogFields.warn(LOG, error, "Looking up the regions of Consul datacenters failed"));
    }

    private ConsulClient client(String datacenter, URI address) {
        // A blocking query may take the whole wait and Consul's jitter of up to wait/16 before it responds.
        long timeout = config.blockingWait().toMillis()
                + config.blockingWait().toMillis() / 16
                + config.staleAfter().toMillis();
        ConsulClientOptions options = options(datacenter, address, timeout, config.consulToken())
                .setMaxPoolSize(config.maxConnectionsPerRegion());
        return ConsulClient.create(vertx, options);
    }

    /** Creates a client of the datacenter's Consul at an http or https address, with a request timeout. */
    static ConsulClient client(
            Vertx vertx, String datacenter, URI address, long timeoutMillis, Optional<String> token) {
        return ConsulClient.create(vertx, options(datacenter, address, timeoutMillis, token));
    }

    private static ConsulClientOptions options(
            String datacenter, URI address, long timeoutMillis, Optional<String> token) {
        boolean tls = "https".equals(address.getScheme());
        int defaultPort = tls ? 443 : 8500;
        int port = address.getPort() > 0 ? address.getPort() : defaultPort;
        ConsulClientOptions options = new ConsulClientOptions()
                .setHost(address.getHost())
                .setPort(port)
                .setDc(datacenter)
                .setTimeout(timeoutMillis);
        options.setSsl(tls);
        token.ifPresent(options::setAclToken);
        return options;
    }

    /** Parses {@code <datacenter>=<url>} entries; a malformed one stops the start with a clear message. */
    static Map<String, URI> parse(List<String> entries) {
        Map<String, URI> parsed = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("securewatch.catalog.consul-addresses entry '" + entry
                        + "' must be <datacenter>=<url>, such as eu-west-1=http://127.0.0.1:8500");
            }
            URI uri = URI.create(entry.substring(equals + 1).trim());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("securewatch.catalog.consul-addresses entry '" + entry
                        + "' needs an http or https URL with a host");
            }
            parsed.put(entry.substring(0, equals).trim(), uri);
        }
        return parsed;
    }
}
