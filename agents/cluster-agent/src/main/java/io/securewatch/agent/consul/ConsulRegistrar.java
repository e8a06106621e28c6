package io.securewatch.agent.consul;

import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.DesiredObject;
import io.securewatch.agent.core.Logs;
import io.vertx.core.Future;
import io.vertx.ext.consul.CheckOptions;
import io.vertx.ext.consul.CheckStatus;
import io.vertx.ext.consul.ConsulClient;
import io.vertx.ext.consul.ServiceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Registers a cluster's platform services in its region's Consul, with a TTL check per instance that follows the
 * readiness of the service's Deployment, and deregisters what left the cluster's bundle. Runs as agent events:
 * after every applied revision it reconciles the registrations, and after every facts read it passes or fails
 * the checks. Failures are logged and repaired by the next revision or heartbeat; the check's TTL turns an instance
 * critical when the agent stops reporting.
 */
public final class ConsulRegistrar implements AgentEvents {

    private static final Logger LOG = Logger.getLogger(ConsulRegistrar.class);

    /** Three heartbeat intervals of the default 10 s, so one missed heartbeat does not fail the check. */
    static final String CHECK_TTL = "30s";

    static final String DEREGISTER_AFTER = "10m";

    private final ConsulClient client;
    private final Map<String, ServiceRegistrations.Registration> registered = new ConcurrentHashMap<>();

    public ConsulRegistrar(ConsulClient client) {
        this.client = client;
    }

    @Override
    public void appliedObjects(String cluster, List<DesiredObject> objects) {
        List<ServiceRegistrations.Registration> desired = ServiceRegistrations.desired(cluster, objects);
        Set<String> desiredIds =
                desired.stream().map(ServiceRegistrations.Registration::id).collect(Collectors.toSet());
        List<Future<Void>> writes = new ArrayList<>();
        for (ServiceRegistrations.Registration registration : desired) {
            if (!registration.equals(registered.get(registration.id()))) {
                writes.add(client.registerService(options(registration)).onSuccess(ignored -> {
                    registered.put(registration.id(), registration);
                }));
            }
        }
        Future.join(writes)
                .compose(ignored -> client.localServices())
                .onSuccess(services -> services.forEach(service -> {
                    String id = service.getId();
                    if (id != null
                            && id.startsWith(ServiceRegistrations.idPrefix(cluster))
                            && !desiredIds.contains(id)) {
                        client.deregisterService(id)
                                .onSuccess(ignored -> registered.remove(id))
                                .onFailure(error -> warn("Deregistering a service from Consul failed", cluster, error));
                    }
                }))
                .onFailure(error -> warn("Registering services in Consul failed", cluster, error));
    }

    @Override
    public void factsRead(String cluster, ClusterDriver.ClusterFacts facts) {
        Map<String, Integer> ready = new ConcurrentHashMap<>();
        for (ClusterDriver.WorkloadFacts workload : facts.workloads()) {
            ready.put(workload.namespace() + "/" + workload.name(), workload.readyReplicas());
        }
        for (ServiceRegistrations.Registration registration : registered.values()) {
            int readyReplicas = ready.getOrDefault(registration.namespace() + "/" + registration.name(), 0);
            Future<Void> update = readyReplicas > 0
                    ? client.passCheckWithNote(registration.checkId(), readyReplicas + " ready replicas")
                    : client.failCheckWithNote(registration.checkId(), "no ready replicas");
            update.onFailure(error -> {
                // The registration is gone, for example after a Consul restore: register it again next time.
                registered.remove(registration.id());
                warn("Updating a Consul check failed", cluster, error);
            });
        }
    }

    static ServiceOptions options(ServiceRegistrations.Registration registration) {
        return new ServiceOptions()
                .setId(registration.id())
                .setName(registration.name())
                .setAddress(registration.address())
                .setPort(registration.port())
                .setTags(registration.tags())
                .setCheckOptions(new CheckOptions()
                        .setId(registration.checkId())
                        .setName("deployment ready")
                        .setTtl(CHECK_TTL)
                        .setStatus(CheckStatus.CRITICAL)
                        .setDeregisterAfter(DEREGISTER_AFTER));
    }

    private static void warn(String message, String cluster, Throwable error) {
        Logs.log(LOG, Logger.Level.WARN, null, message, "cluster", cluster, "error", error.getMessage());
    }
}
