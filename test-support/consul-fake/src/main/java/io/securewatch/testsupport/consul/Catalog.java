package io.securewatch.testsupport.consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node, its service instances and their health checks, with the index bookkeeping of Consul's catalog. Every
 * write that changes something takes one Raft index. Each service name has its own index, which every change to its
 * instances or their checks moves. Queries about a service that does not exist report table indexes.
 *
 * <p>Not thread-safe: the {@link Datacenter} lock guards every call.
 */
final class Catalog {

    /** Runs TTL expiry outside the lock: a scheduled expiry calls {@link #expireTtl} with the generation given. */
    interface TtlScheduler {
        void schedule(String checkId, long generation, Duration ttl);

        void cancel(String checkId);
    }

    private final RaftIndex index;
    private final TtlScheduler ttlScheduler;
    private Node node;
    private final TreeMap<String, ServiceInstance> services = new TreeMap<>();
    private final TreeMap<String, HealthCheck> checks = new TreeMap<>();
    private final Map<String, Long> serviceNameIndexes = new HashMap<>();
    private final Map<String, Long> ttlGenerations = new HashMap<>();

    /** Registers the node with its "serfHealth" check and the "consul" service, as a Consul server's catalog has. */
    Catalog(RaftIndex index, TtlScheduler ttlScheduler, String datacenter, String nodeName, String nodeId) {
        this.index = index;
        this.ttlScheduler = ttlScheduler;

        long nodeIndex = index.next(RaftIndex.NODES);
        node = new Node(nodeId, nodeName, "127.0.0.1", datacenter, nodeIndex, nodeIndex);

        long serfIndex = index.next(RaftIndex.CHECKS);
        checks.put(CatalogEntries.SERF_HEALTH_CHECK_ID, CatalogEntries.serfHealthCheck(serfIndex));

        long consulIndex = index.next(RaftIndex.SERVICES);
        ServiceInstance consul = CatalogEntries.consulService(consulIndex);
        services.put(consul.id(), consul);
        serviceNameIndexes.put(consul.name(), consulIndex);
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    /**
     * Adds or replaces a service instance and its checks. Checks of the instance that the request does not name are
     * kept, unless {@code replaceExistingChecks} is set. A write that changes nothing keeps every index.
     */
    void registerService(ServiceInstance requested, List<CheckSpec> requestedChecks, boolean replaceExistingChecks) {
        ServiceInstance existing = services.get(requested.id());
        if (existing != null && !existing.registeredThroughAgent()) {
            throw HttpError.badRequest("Service ID \"" + requested.id() + "\" belongs to the Consul servers");
        }
        long pending = index.current() + 1;

        boolean serviceChanged = !requested.sameDefinitionAs(existing);
        ServiceInstance stored = serviceChanged
                ? requested.withIndexes(existing == null ? pending : existing.createIndex(), pending)
                : existing;

        List<CheckSpec> resolvedChecks = CatalogEntries.resolveCheckIdentities(requested, requestedChecks);
        Map<String, HealthCheck> changedChecks = new LinkedHashMap<>();
        for (CheckSpec spec : resolvedChecks) {
            HealthCheck current = checks.get(spec.id());
            HealthCheck candidate = CatalogEntries.fromSpec(spec, stored, current, pending);
            if (!candidate.sameDefinitionAs(current)) {
                changedChecks.put(candidate.id(), candidate);
            }
        }

        Set<String> requestedIds = new LinkedHashSet<>();
        resolvedChecks.forEach(spec -> requestedIds.add(spec.id()));
        List<String> removedChecks = new ArrayList<>();
        for (HealthCheck check : checksOfInstance(requested.id())) {
            if (requestedIds.contains(check.id())) {
                continue;
            }
            if (replaceExistingChecks && !check.id().startsWith(CatalogEntries.SERVICE_MAINTENANCE_PREFIX)) {
                removedChecks.add(check.id());
            } else if (!check.serviceTags().equals(stored.tags())) {
                changedChecks.put(check.id(), check.withServiceTags(stored.tags(), pending));
            }
        }

        resolvedChecks.forEach(this::restartOrStopTtl);
        removedChecks.forEach(this::stopTtl);
        if (!serviceChanged && changedChecks.isEmpty() && removedChecks.isEmpty()) {
            return;
        }

        long written = index.next(RaftIndex.SERVICES, RaftIndex.CHECKS);
        services.put(stored.id(), stored);
        checks.putAll(changedChecks);
        removedChecks.forEach(checks::remove);
        serviceNameIndexes.put(stored.name(), written);
        if (existing != null && !existing.name().equals(stored.name())) {
            serviceNameIndexes.put(existing.name(), written);
        }
    }

    /** Removes a service instance and all its checks; an unknown ID changes nothing, as the agent API documents. */
    void deregisterService(String serviceId) {
        ServiceInstance existing = services.get(serviceId);
        if (existing == null || !existing.registeredThroughAgent()) {
            return;
        }
        long written = index.next(RaftIndex.SERVICES, RaftIndex.CHECKS);
        services.remove(serviceId);
        for (HealthCheck check : checksOfInstance(serviceId)) {
            checks.remove(check.id());
            stopTtl(check.id());
        }
        serviceNameIndexes.put(existing.name(), written);
    }

    /** Adds or removes the critical "_service_maintenance:ID" check; repeating the current mode changes nothing. */
    void setServiceMaintenance(String serviceId, boolean enable, String reason) {
        ServiceInstance service = services.get(serviceId);
        if (service == null || !service.registeredThroughAgent()) {
            throw HttpError.notFound("Unknown service ID \"" + serviceId + "\"");
        }
        String checkId = CatalogEntries.SERVICE_MAINTENANCE_PREFIX + serviceId;
        if (enable == checks.containsKey(checkId)) {
            return;
        }
        long written = index.next(RaftIndex.CHECKS);
        if (enable) {
            checks.put(checkId, CatalogEntries.serviceMaintenanceCheck(service, reason, written));
        } else {
            checks.remove(checkId);
        }
        serviceNameIndexes.put(service.name(), written);
    }

    /** Adds or removes the critical "_node_maintenance" check, which makes every service on the node unhealthy. */
    void setNodeMaintenance(boolean enable, String reason) {
        if (enable == checks.containsKey(CatalogEntries.NODE_MAINTENANCE_CHECK_ID)) {
            return;
        }
        long written = index.next(RaftIndex.CHECKS);
        if (enable) {
            checks.put(CatalogEntries.NODE_MAINTENANCE_CHECK_ID, CatalogEntries.nodeMaintenanceCheck(reason, written));
        } else {
            checks.remove(CatalogEntries.NODE_MAINTENANCE_CHECK_ID);
        }
        touchAllServiceNames(written);
    }

    /** Adds or replaces a check given through the agent's check endpoint. */
    void registerCheck(CheckSpec spec) {
        ServiceInstance service = null;
        if (!spec.serviceId().isEmpty()) {
            service = services.get(spec.serviceId());
            if (service == null) {
                throw HttpError.badRequest("ServiceID \"" + spec.serviceId() + "\" does not exist");
            }
        }
        HealthCheck current = checks.get(spec.id());
        if (current != null && !current.registeredThroughAgent()) {
            throw HttpError.badRequest("Check ID \"" + spec.id() + "\" belongs to the Consul servers");
        }
        long pending = index.current() + 1;
        HealthCheck candidate = CatalogEntries.fromSpec(spec, service, current, pending);
        restartOrStopTtl(spec);
        if (candidate.sameDefinitionAs(current)) {
            return;
        }
        long written = index.next(RaftIndex.CHECKS);
        checks.put(candidate.id(), candidate);
        touchServiceNamesOf(candidate, written);
        if (current != null && !current.serviceId().equals(candidate.serviceId())) {
            touchServiceNamesOf(current, written);
        }
    }

    /** Removes a check given through the agent; an unknown ID changes nothing, as the agent API documents. */
    void deregisterCheck(String checkId) {
        HealthCheck current = checks.get(checkId);
        if (current == null || !current.registeredThroughAgent()) {
            return;
        }
        long written = index.next(RaftIndex.CHECKS);
        checks.remove(checkId);
        stopTtl(checkId);
        touchServiceNamesOf(current, written);
    }

    /** Sets a TTL check's status and output and restarts its TTL, as the agent's pass, warn, fail and update do. */
    void updateTtlCheck(String checkId, CheckStatus status, String output) {
        HealthCheck current = checks.get(checkId);
        if (current == null || !current.registeredThroughAgent()) {
            throw HttpError.notFound("Unknown check ID \"" + checkId + "\"; pass the check ID, not the check name");
        }
        if (!current.definition().isTtl()) {
            throw new HttpError(500, "CheckID \"" + checkId + "\" does not have associated TTL");
        }
        restartTtl(checkId, current.definition().ttl());
        applyResult(current, status, output);
    }

    /** Sets any check's status and output directly, for tests of checks whose probes the fake does not run. */
    void setCheckResult(String checkId, CheckStatus status, String output) {
        HealthCheck current = checks.get(checkId);
        if (current == null) {
            throw new IllegalArgumentException("Unknown check ID \"" + checkId + "\"");
        }
        applyResult(current, status, output);
    }

    /** Marks a TTL check critical when no update restarted its TTL since the expiry was scheduled. */
    void expireTtl(String checkId, long generation) {
        HealthCheck current = checks.get(checkId);
        if (current == null || !Long.valueOf(generation).equals(ttlGenerations.get(checkId))) {
            return;
        }
        applyResult(current, CheckStatus.CRITICAL, CatalogEntries.TTL_EXPIRED_OUTPUT);
    }

    /** Lowers every stored index to {@link RaftIndex#RESET_INDEX}; the caller resets the {@link RaftIndex}. */
    void resetIndexes() {
        long reset = RaftIndex.RESET_INDEX;
        node = node.withIndexes(reset, reset);
        services.replaceAll((id, service) -> service.withIndexes(reset, reset));
        checks.replaceAll((id, check) -> check.withIndexes(reset, reset));
        serviceNameIndexes.replaceAll((name, serviceIndex) -> reset);
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    Node node() {
        return node;
    }

    /** Returns every service instance, ordered by service ID. */
    Collection<ServiceInstance> services() {
        return services.values();
    }

    /** Returns the agent-registered service instances, which the agent endpoints list. */
    List<ServiceInstance> agentServices() {
        return services.values().stream()
                .filter(ServiceInstance::registeredThroughAgent)
                .toList();
    }

    /** Returns each service name with the union of its instances' tags, ordered by name. */
    Map<String, List<String>> serviceNamesWithTags() {
        Map<String, Set<String>> tagsByName = new TreeMap<>();
        for (ServiceInstance service : services.values()) {
            tagsByName
                    .computeIfAbsent(service.name(), name -> new LinkedHashSet<>())
                    .addAll(service.tags());
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        tagsByName.forEach((name, tags) -> result.put(name, List.copyOf(tags)));
        return result;
    }

    List<ServiceInstance> instancesOf(String serviceName) {
        return services.values().stream()
                .filter(service -> service.name().equals(serviceName))
                .toList();
    }

    /** Returns the instance's own checks ordered by ID, then the node's checks, which apply to every instance. */
    List<HealthCheck> checksApplyingTo(ServiceInstance service) {
        List<HealthCheck> result = new ArrayList<>(checksOfInstance(service.id()));
        result.addAll(nodeChecks());
        return result;
    }

    List<HealthCheck> nodeChecks() {
        return checks.values().stream().filter(HealthCheck::isNodeCheck).toList();
    }

    /** Returns the service-level checks of every instance of the named service. */
    List<HealthCheck> checksOfServiceName(String serviceName) {
        return checks.values().stream()
                .filter(check -> !check.isNodeCheck() && check.serviceName().equals(serviceName))
                .sorted(Comparator.comparing(HealthCheck::serviceId).thenComparing(HealthCheck::id))
                .toList();
    }

    Collection<HealthCheck> checks() {
        return checks.values();
    }

    List<HealthCheck> agentChecks() {
        return checks.values().stream()
                .filter(HealthCheck::registeredThroughAgent)
                .toList();
    }

    /**
     * Returns the index of a query about one service name: the name's own index while an instance exists, else the
     * highest index of the tables a new instance would change, so that a query waiting for the service wakes.
     */
    long serviceNameIndex(String serviceName, boolean includeChecks) {
        if (services.values().stream().anyMatch(service -> service.name().equals(serviceName))) {
            return serviceNameIndexes.getOrDefault(serviceName, 0L);
        }
        return includeChecks
                ? index.maxOf(RaftIndex.NODES, RaftIndex.SERVICES, RaftIndex.CHECKS)
                : index.maxOf(RaftIndex.NODES, RaftIndex.SERVICES);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void applyResult(HealthCheck current, CheckStatus status, String output) {
        HealthCheck candidate = current.withResult(status, output, index.current() + 1);
        if (candidate.sameDefinitionAs(current)) {
            return;
        }
        long written = index.next(RaftIndex.CHECKS);
        checks.put(current.id(), candidate);
        touchServiceNamesOf(candidate, written);
    }

    private List<HealthCheck> checksOfInstance(String serviceId) {
        return checks.values().stream()
                .filter(check -> check.serviceId().equals(serviceId))
                .toList();
    }

    private void touchServiceNamesOf(HealthCheck check, long written) {
        if (check.isNodeCheck()) {
            touchAllServiceNames(written);
        } else {
            serviceNameIndexes.put(check.serviceName(), written);
        }
    }

    private void touchAllServiceNames(long written) {
        services.values().forEach(service -> serviceNameIndexes.put(service.name(), written));
    }

    /** Restarts the TTL of a registered TTL check, or stops the TTL of a check that is no longer one. */
    private void restartOrStopTtl(CheckSpec spec) {
        if (spec.definition().isTtl()) {
            restartTtl(spec.id(), spec.definition().ttl());
        } else {
            stopTtl(spec.id());
        }
    }

    private void restartTtl(String checkId, Duration ttl) {
        long generation = ttlGenerations.merge(checkId, 1L, Long::sum);
        ttlScheduler.schedule(checkId, generation, ttl);
    }

    private void stopTtl(String checkId) {
        if (ttlGenerations.remove(checkId) != null) {
            ttlScheduler.cancel(checkId);
        }
    }
}
