package io.securewatch.agent.app;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.securewatch.agent.consul.ConsulConfigEntries;
import io.securewatch.agent.consul.ConsulRegistrar;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.core.AgentSettings;
import io.securewatch.agent.core.AppliedState;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.StateStore;
import io.securewatch.agent.haproxy.EdgeBackends;
import io.securewatch.agent.haproxy.RuntimeApiClient;
import io.securewatch.agent.haproxy.StatsSocketAddress;
import io.securewatch.agent.kubernetes.KubernetesClusterDriver;
import io.securewatch.agent.routing.ObjectTarget;
import io.securewatch.agent.routing.RoutingDriver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.vertx.ext.consul.ConsulClient;
import io.vertx.ext.consul.ConsulClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Starts the agent connections at start-up, and closes them and the gRPC channel at shutdown. */
@ApplicationScoped
public class AgentRuntime {

    private static final Logger LOG = Logger.getLogger(AgentRuntime.class);

    @Inject
    AgentConfig config;

    @Inject
    Instance<KubernetesClient> kubernetes;

    @Inject
    io.vertx.core.Vertx vertx;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    private final List<AgentConnection> connections = new ArrayList<>();
    private ManagedChannel channel;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

    void start(@Observes StartupEvent event) throws IOException, InterruptedException {
        channel = channel(URI.create(config.controlPlaneUrl()));
        scheduler = Executors.newScheduledThreadPool(2);
        workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        if (config.mode() == AgentConfig.Mode.FLEET) {
            startFleet();
        } else {
            String cluster = config.cluster()
                    .orElseThrow(
                            () -> new IllegalStateException(
                                    "securewatch.agent.cluster is missing; set SECUREWATCH_AGENT_CLUSTER to the cluster's name"));
            StateStore store = new StateStore(config.stateDirectory());
            ClusterDriver driver = driver();
            if (driver instanceof SimulatedClusterDriver) {
                // A simulated cluster starts empty, so nothing the saved state lists is applied any more.
                store.saveApplied(AppliedState.EMPTY);
            }
            start(
                    cluster,
                    config.registrationToken(),
                    RoutingDriver.wrap(
                            driver,
                            config.consulAddress().map(this::configEntries),
                            config.edgeSocket().map(this::edge)),
                    store,
                    config.consulAddress().map(this::registrar));
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        connections.forEach(AgentConnection::close);
        if (channel != null) {
            channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            workers.shutdown();
        }
    }

    /** Returns the running connections, for health checks. */
    List<AgentConnection> connections() {
        return List.copyOf(connections);
    }

    private void startFleet() throws IOException, InterruptedException {
        FleetBootstrap bootstrap = new FleetBootstrap(
                config.controlPlaneUrl(),
                config.fleet()
                        .apiUser()
                        .orElseThrow(
                                () -> new IllegalStateException(
                                        "securewatch.agent.fleet.api-user is missing; fleet mode creates registration tokens through the API")),
                config.fleet().apiPassword().orElse(""));
        java.util.Map<String, String> regions = bootstrap.clusterRegions();
        List<String> clusters =
                config.fleet().clusters().filter(list -> !list.isEmpty()).orElse(List.copyOf(regions.keySet()));
        java.util.Map<String, URI> consul =
                regionAddresses(config.fleet().consulAddresses().orElse(List.of()));
        for (String cluster : clusters) {
            StateStore store = new StateStore(config.stateDirectory().resolve(cluster));
            store.saveApplied(AppliedState.EMPTY);
            Optional<String> token = store.loadCredential().isPresent()
                    ? Optional.empty()
                    : Optional.of(bootstrap.registrationToken(cluster));
            Optional<URI> regionConsul = Optional.ofNullable(consul.get(regions.get(cluster)));
            start(
                    cluster,
                    token,
                    RoutingDriver.wrap(simulatedDriver(), regionConsul.map(this::configEntries), Optional.empty()),
                    store,
                    regionConsul.map(this::registrar));
        }
        LOG.infof("Simulated agent fleet started: clusters=%d", clusters.size());
    }

    private void start(
            String cluster,
            Optional<String> token,
            ClusterDriver driver,
            StateStore store,
            Optional<AgentEvents> registrar) {
        AgentSettings settings = new AgentSettings(
                cluster,
                version,
                token,
                config.minBackoff(),
                config.maxBackoff(),
                config.welcomeTimeout(),
                config.callTimeout());
        AgentConnection connection = new AgentConnection(
                settings, driver, store, channel, scheduler, workers, registrar.orElse(AgentEvents.NONE));
        connections.add(connection);
        connection.start();
    }

    /** Parses {@code <region>=<url>} entries of the fleet's Consul addresses. */
    static java.util.Map<String, URI> regionAddresses(List<String> entries) {
        java.util.Map<String, URI> addresses = new java.util.HashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("securewatch.agent.fleet.consul-addresses entry '" + entry
                        + "' must be <region>=<url>, such as eu-west-1=http://127.0.0.1:8500");
            }
            addresses.put(
                    entry.substring(0, equals).trim(),
                    URI.create(entry.substring(equals + 1).trim()));
        }
        return addresses;
    }

    private AgentEvents registrar(URI consul) {
        boolean tls = "https".equalsIgnoreCase(consul.getScheme());
        int defaultPort = tls ? 443 : 8500;
        ConsulClientOptions options = new ConsulClientOptions()
                .setHost(consul.getHost())
                .setPort(consul.getPort() > 0 ? consul.getPort() : defaultPort)
                .setTimeout(TimeUnit.SECONDS.toMillis(10));
        options.setSsl(tls);
        config.consulToken().ifPresent(options::setAclToken);
        return new ConsulRegistrar(ConsulClient.create(vertx, options));
    }

    private ObjectTarget configEntries(URI consul) {
        return new ConsulConfigEntries(consul, config.routingCallTimeout(), config.consulToken());
    }

    private ObjectTarget edge(String socket) {
        try {
            return new EdgeBackends(
                    new RuntimeApiClient(StatsSocketAddress.parse(socket), config.routingCallTimeout()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "securewatch.agent.edge-socket (SECUREWATCH_AGENT_EDGE_SOCKET) is invalid: " + e.getMessage(), e);
        }
    }

    private ClusterDriver driver() {
        if (config.driver() == AgentConfig.Driver.SIMULATED) {
            return simulatedDriver();
        }
        return new KubernetesClusterDriver(kubernetes.get());
    }

    private SimulatedClusterDriver simulatedDriver() {
        SimulatedClusterDriver driver = new SimulatedClusterDriver(
                config.simulated().cpuMillis(), config.simulated().memoryBytes());
        driver.setLoadScale(config.simulated().loadScale());
        return driver;
    }

    private static ManagedChannel channel(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalStateException(
                    "securewatch.agent.control-plane-url (SECUREWATCH_AGENT_CONTROL_PLANE_URL) is '" + url
                            + "'; use http://host:port, or https://host for TLS");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = url.getPort() > 0 ? url.getPort() : defaultPort;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(url.getHost(), port)
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS);
        return tls
                ? builder.useTransportSecurity().build()
                : builder.usePlaintext().build();
    }
}
