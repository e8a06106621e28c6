package io.securewatch.controlplane.agentchannel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.securewatch.controlplane.clusterstate.DesiredStateRefresher;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listens on PostgreSQL for cluster and credential notifications and hands them to {@link ConnectedAgents}. The
 * subscriber has a connection of its own. It reconnects with backoff after losing the database, then pushes to
 * every local stream, because notifications sent while it was away are lost. The first connect is retried the
 * same way without holding up start-up.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    @Inject
    Vertx vertx;

    @Inject
    ConnectedAgents agents;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "")
    String password;

    private PgSubscriber subscriber;
    private volatile boolean stopping;

    void start(@Observes StartupEvent event) {
        PgConnectOptions options =
                PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(attempt -> stopping ? -1L : backoff(attempt).toMillis());
        subscriber
                .channel(DesiredStateRefresher.CHANNEL)
                .handler(agents::onClusterChanged)
                .subscribeHandler(() -> {
                    LogFields.info(
                            LOG, "Listening for cluster changes", LogKeys.CHANNEL, DesiredStateRefresher.CHANNEL);
                    agents.resyncAll();
                });
        subscriber.channel(AgentAccessService.CHANNEL).handler(agents::onCredentialEvent);
        connect(0);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private void connect(int attempt) {
        if (stopping) {
            return;
        }
        subscriber.connect().subscribe().with(ignored -> {}, failure -> {
            Duration delay = backoff(attempt);
            LogFields.warn(
                    LOG,
                    failure,
                    "Connecting the change listener failed; retrying",
                    LogKeys.DELAY_MILLIS,
                    delay.toMillis());
            vertx.setTimer(Math.max(1, delay.toMillis()), timer -> connect(attempt + 1));
        });
    }

    /** Doubles from 250 ms up to {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempt) {
        long millis = 250L << Math.min(attempt, 10);
        return millis > MAX_BACKOFF.toMillis() ? MAX_BACKOFF : Duration.ofMillis(millis);
    }
}
