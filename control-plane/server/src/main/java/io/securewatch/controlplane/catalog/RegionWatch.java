package io.securewatch.controlplane.catalog;

import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.consul.BlockingQueryOptions;
import io.vertx.ext.consul.Check;
import io.vertx.ext.consul.CheckStatus;
import io.vertx.ext.consul.ConsulClient;
import io.vertx.ext.consul.Service;
import io.vertx.ext.consul.ServiceEntry;
import io.vertx.ext.consul.ServiceEntryList;
import io.vertx.ext.consul.ServiceList;
import io.vertx.ext.consul.ServiceQueryOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Watches one region's Consul with blocking queries: the list of services, and the healthy and unhealthy instances
 * of each, written to the catalog as they change. Follows the rules of Consul's documentation on blocking queries:
 * the next query carries the index of the last response; an index that goes backwards (a snapshot restore) starts over
 * from 0; an index below 1 is treated as 1; and responses that come back at once with the same index are spaced out,
 * so that a misbehaving server cannot cause a busy loop. Failures of Consul or of the catalog's database are retried
 * with exponential backoff and jitter.
 * Every region has its own client and callbacks, so a slow or unreachable region never holds up another.
 */
final class RegionWatch {

    private static final Logger LOG = Logger.getLogger(RegionWatch.class);

    /** Consul's own service, which every server registers; not part of the platform's catalog. */
    static final String CONSUL_SERVICE = "consul";

    private static final TypeLiteral<CompletionStage<ServiceList>> SERVICE_LIST = new TypeLiteral<>() {};
    private static final TypeLiteral<CompletionStage<ServiceEntryList>> SERVICE_ENTRY_LIST = new TypeLiteral<>() {};

    /** Shortest time between two queries of the same watch that return an unchanged index. */
    private static final long MIN_REPEAT_MILLIS = 100;

    private final Vertx vertx;
    private final ConsulClient client;
    private final long regionId;
    private final String datacenter;
    private final CatalogStore store;
    private final CatalogConfig config;
    private final Map<String, ServiceWatch> services = new ConcurrentHashMap<>();
    private final Guard guard;
    private volatile CircuitBreakerState circuit = CircuitBreakerState.CLOSED;
    private volatile boolean stopped;

    RegionWatch(
            Vertx vertx,
            ConsulClient client,
            long regionId,
            String datacenter,
            CatalogStore store,
            CatalogConfig config) {
        this.vertx = vertx;
        this.client = client;
        this.regionId = regionId;
        this.datacenter = datacenter;
        this.store = store;
        this.config = config;
        this.guard = Guard.create()
                .withDescription("Consul of " + datacenter)
                .withCircuitBreaker()
                .name("consul-" + datacenter)
                .requestVolumeThreshold(4)
                .failureRatio(0.75)
                .successThreshold(1)
                .delay(config.circuitOpenFor().toMillis(), ChronoUnit.MILLIS)
                .onStateChange(this::circuitChanged)
                .done()
                .withThreadOffload(false)
                .build();
    }

    /** Returns whether the circuit breaker around the region's Consul is open, failing queries at once. */
    boolean circuitOpen() {
        return circuit == CircuitBreakerState.OPEN;
    }

    private void circuitChanged(CircuitBreakerState state) {
        circuit = state;
        String wire = state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        LogFields.info(LOG, "Consul circuit breaker changed", LogKeys.DATACENTER, datacenter, "circuit", wire);
        store.circuit(regionId, wire).subscribe().with(ignored -> {}, this::storeFailed);
    }

    void start() {
        watchServices(0, 0);
    }

    void stop() {
        stopped = true;
        services.values().forEach(ServiceWatch::stop);
        client.close();
    }

    private void watchServices(long index, int failures) {
        if (stopped) {
            return;
        }
        long started = System.nanoTime();
        Future.fromCompletionStage(guard.get(
                        () -> client.catalogServicesWithOptions(blocking(index)).toCompletionStage(), SERVICE_LIST))
                .onSuccess(list -> {
                    Set<String> names = new TreeSet<>();
                    for (Service service : list.getList()) {
                        if (!CONSUL_SERVICE.equals(service.getName())) {
                            names.add(service.getName());
                        }
                    }
                    updateServiceWatches(names);
                    long next = nextIndex(index, list.getIndex());
                    store.contact(regionId)
                            .chain(() -> store.removeServicesExcept(regionId, List.copyOf(names)))
                            .subscribe()
                            .with(
                                    ignored -> repeat(started, index, next, () -> watchServices(next, 0)),
                                    error -> failed(error, failures, () -> watchServices(index, failures + 1)));
                })
                .onFailure(error -> failed(error, failures, () -> watchServices(index, failures + 1)));
    }

    private void updateServiceWatches(Set<String> names) {
        for (String name : names) {
            services.computeIfAbsent(name, service -> {
                ServiceWatch watch = new ServiceWatch(service);
                watch.start();
                return watch;
            });
        }
        for (String name : List.copyOf(services.keySet())) {
            if (!names.contains(name)) {
                ServiceWatch gone = services.remove(name);
                if (gone != null) {
                    gone.stop();
                }
            }
        }
    }

    /** Watches the instances and health of one service of the region. */
    private final class ServiceWatch {

        private final String service;
        private volatile boolean serviceStopped;

        ServiceWatch(String service) {
            this.service = service;
        }

        void start() {
            watch(0, 0);
        }

        void stop() {
            serviceStopped = true;
        }

        private void watch(long index, int failures) {
            if (stopped || serviceStopped) {
                return;
            }
            long started = System.nanoTime();
            Future.fromCompletionStage(guard.get(
                            () -> client.healthServiceNodesWithOptions(
                                            service,
                                            false,
                                            new ServiceQueryOptions().setBlockingOptions(blocking(index)))
                                    .toCompletionStage(),
                            SERVICE_ENTRY_LIST))
                    .onSuccess(entries -> {
                        if (serviceStopped) {
                            return;
                        }
                        List<CatalogStore.Instance> instances = new ArrayList<>();
                        for (ServiceEntry entry : entries.getList()) {
                            instances.add(instance(entry));
                        }
                        long next = nextIndex(index, entries.getIndex());
                        store.replaceInstances(regionId, service, instances)
                                .chain(() -> store.contact(regionId))
                                .subscribe()
                                .with(
                                        ignored -> repeat(started, index, next, () -> watch(next, 0)),
                                        error -> failed(error, failures, () -> watch(index, failures + 1)));
                    })
                    .onFailure(error -> failed(error, failures, () -> watch(index, failures + 1)));
        }
    }

    static CatalogStore.Instance instance(ServiceEntry entry) {
        Service service = entry.getService();
        List<String> tags = service.getTags() == null ? List.of() : service.getTags();
        String address = service.getAddress() == null || service.getAddress().isEmpty()
                ? entry.getNode().getAddress()
                : service.getAddress();
        return new CatalogStore.Instance(
                service.getId(),
                entry.getNode().getName(),
                address == null ? "" : address,
                service.getPort(),
                tags,
                tag(tags, "tenant="),
                tag(tags, "cluster="),
                health(entry.getChecks()));
    }

    /** Returns the worst status of the checks: critical, then warning, else passing. */
    static String health(List<Check> checks) {
        String health = "passing";
        for (Check check : checks == null ? List.<Check>of() : checks) {
            if (check.getStatus() == CheckStatus.CRITICAL) {
                return "critical";
            }
            if (check.getStatus() == CheckStatus.WARNING) {
                health = "warning";
            }
        }
        return health;
    }

    private static String tag(List<String> tags, String prefix) {
        for (String tag : tags) {
            if (tag.startsWith(prefix) && tag.length() > prefix.length()) {
                String value = tag.substring(prefix.length());
                return value.length() > 63 ? null : value;
            }
        }
        return null;
    }

    /**
     * Returns the index for the next query: 0 when the index went backwards, so that the next query does not block
     * and reads everything again, and at least 1 otherwise.
     */
    static long nextIndex(long previous, long answered) {
        if (answered < previous) {
            return 0;
        }
        return Math.max(1, answered);
    }

    private BlockingQueryOptions blocking(long index) {
        return new BlockingQueryOptions()
                .setIndex(index)
                .setWait(config.blockingWait().toMillis() + "ms");
    }

    /** Runs the next query, after a short pause when the response came back at once with an unchanged index. */
    private void repeat(long started, long index, long next, Runnable query) {
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        if (next == index && elapsedMillis < MIN_REPEAT_MILLIS) {
            vertx.setTimer(MIN_REPEAT_MILLIS - elapsedMillis, id -> query.run());
        } else {
            query.run();
        }
    }

    private void failed(Throwable error, int failures, Runnable retry) {
        if (stopped) {
            return;
        }
        long delay = retryDelay(failures);
        LogFields.warn(
                LOG,
                null,
                "Consul query failed; retrying",
                LogKeys.DATACENTER,
                datacenter,
                LogKeys.DELAY_MILLIS,
                delay,
                "error",
                String.valueOf(error.getMessage()));
        store.failure(regionId, error.getClass().getSimpleName() + ": " + error.getMessage())
                .subscribe()
                .with(ignored -> vertx.setTimer(delay, id -> retry.run()), storeError -> {
                    storeFailed(storeError);
                    vertx.setTimer(delay, id -> retry.run());
                });
    }

    /** Returns the backoff delay: doubling from the first retry delay up to the maximum, with up to 25 % jitter. */
    private long retryDelay(int failures) {
        long base = config.retryDelay().toMillis();
        long max = config.maxRetryDelay().toMillis();
        long delay = Math.min(max, base << Math.min(failures, 20));
        long jitter = (long) (delay * 0.25 * ThreadLocalRandom.current().nextDouble());
        return Math.max(1, Duration.ofMillis(delay - jitter).toMillis());
    }

    private void storeFailed(Throwable error) {
        LogFields.warn(LOG, error, "Recording a Consul failure in the catalog failed", LogKeys.DATACENTER, datacenter);
    }
}
