package io.securewatch.controlplane.catalog;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.securewatch.controlplane.agentchannel.ConnectedAgents;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.vertx.core.Vertx;
import io.vertx.ext.consul.CheckOptions;
import io.vertx.ext.consul.CheckStatus;
import io.vertx.ext.consul.ConsulClient;
import io.vertx.ext.consul.ServiceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Registers this replica in its region's Consul as service {@code securewatch-control-plane}, with a TTL check that
 * it passes every {@link #TTL_PASS_SECONDS} seconds, and deregisters it at shutdown. A replica that stops without
 * deregistering turns critical when the TTL runs out, and Consul removes it after {@link #DEREGISTER_AFTER}.
 */
@ApplicationScoped
public class SelfRegistration {

    static final String SERVICE = "securewatch-control-plane";
    static final long TTL_PASS_SECONDS = 10;
    static final String TTL = "30s";
    static final String DEREGISTER_AFTER = "10m";

    private static final Logger LOG = Logger.getLogger(SelfRegistration.class);

    @Inject
    CatalogConfig config;

    @Inject
    ConnectedAgents agents;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.http.port")
    int httpPort;

    private ConsulClient client;
    private String serviceId;
    private long timer = -1;
    private volatile boolean registered;

    void start(@Observes StartupEvent event) {
        if (config.registerIn().isEmpty()) {
            return;
        }
        String datacenter = config.registerIn().get();
        URI address = ConsulCatalogWatcher.parse(config.consulAddresses().orElse(List.of()))
                .get(datacenter);
        if (address == null) {
            throw new IllegalArgumentException("securewatch.catalog.register-in names datacenter '" + datacenter
                    + "', which securewatch.catalog.consul-addresses does not list; add its address there");
        }
        client = ConsulCatalogWatcher.client(
                vertx, datacenter, address, TimeUnit.SECONDS.toMillis(10), config.consulToken());
        serviceId = SERVICE + ":" + agents.replicaId();
        register();
        timer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(TTL_PASS_SECONDS), id -> keepAlive());
    }

    void stop(@Observes ShutdownEvent event) {
        if (client == null) {
            return;
        }
        vertx.cancelTimer(timer);
        try {
            client.deregisterService(serviceId)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LogFields.warn(LOG, e, "Deregistering from Consul failed", "serviceId", serviceId);
        } finally {
            client.close();
        }
    }

    private void register() {
        String advertised = config.advertiseAddress().orElse("127.0.0.1");
        String host = advertised.contains(":") ? advertised.substring(0, advertised.lastIndexOf(':')) : advertised;
        int port = advertised.contains(":")
                ? Integer.parseInt(advertised.substring(advertised.lastIndexOf(':') + 1))
                : httpPort;
        ServiceOptions service = new ServiceOptions()
                .setId(serviceId)
                .setName(SERVICE)
                .setAddress(host)
                .setPort(port)
                .setTags(List.of("replica=" + agents.replicaId()))
                .setCheckOptions(new CheckOptions()
                        .setId(checkId())
                        .setName("replica heartbeat")
                        .setTtl(TTL)
                        .setStatus(CheckStatus.PASSING)
                        .setDeregisterAfter(DEREGISTER_AFTER));
        client.registerService(service)
                .onSuccess(ignored -> {
                    registered = true;
                    LogFields.info(LOG, "Registered in Consul", "serviceId", serviceId, "address", host + ":" + port);
                })
                .onFailure(error -> LogFields.warn(
                        LOG,
                        error,
                        "Registering in Consul failed; retrying",
                        LogKeys.DELAY_MILLIS,
                        TTL_PASS_SECONDS * 1000));
    }

    private void keepAlive() {
        if (!registered) {
            register();
            return;
        }
        client.passCheck(checkId()).onFailure(error -> {
            // Consul may have lost the registration, for example after a restore: register again.
            registered = false;
            LogFields.warn(LOG, error, "Passing the Consul check failed; registering again", "serviceId", serviceId);
        });
    }

    private String checkId() {
        return "service:" + serviceId;
    }
}
