package io.securewatch.controlplane.agentchannel;

import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.securewatch.agent.v1.GoodbyeReason;
import io.securewatch.controlplane.clusterstate.ClusterStateConfig;
import io.securewatch.controlplane.leadership.ReplicaIdentity;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The agent streams this replica holds, one per cluster. Routes notifications to the right stream, closes
 * streams that fell silent, and on shutdown sends every agent a Goodbye asking it to reconnect, so that they move to another
 * replica instead of waiting for a timeout.
 */
@ApplicationScoped
public class ConnectedAgents {

    private static final Logger LOG = Logger.getLogger(ConnectedAgents.class);

    /** Heartbeats an agent may miss before its stream is closed. */
    static final int MISSED_HEARTBEATS = 3;

    private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(5);

    private final Map<String, AgentSession> byCluster = new ConcurrentHashMap<>();

    @Inject
    AgentRegistry registry;

    @Inject
    AgentStateStore state;

    @Inject
    BundleCache bundles;

    @Inject
    ClusterStateConfig clusterStateConfig;

    @Inject
    AgentChannelConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    ReplicaIdentity replica;

    private volatile boolean draining;

    /** Starts a session for a new stream. */
    AgentSession newSession(String presentedCredential, String sourceAddress) {
        int heartbeatSeconds = (int) clusterStateConfig.heartbeatInterval().toSeconds();
        SessionServices services = new SessionServices(registry, state, bundles, this, replicaId(), heartbeatSeconds);
        return new AgentSession(services, presentedCredential, sourceAddress);
    }

    /** Registers an authenticated session; an older stream of the same cluster on this replica is closed. */
    void attach(AgentSession session) {
        AgentSession previous = byCluster.put(session.identity().cluster(), session);
        if (previous != null && previous != session) {
            previous.close(
                    GoodbyeReason.GOODBYE_REASON_REPLACED,
                    Status.ABORTED.withDescription("a newer stream of the same cluster replaced this one"));
        }
    }

    void detach(AgentSession session) {
        if (session.identity() != null) {
            byCluster.remove(session.identity().cluster(), session);
        }
    }

    /**
     * Pushes to the cluster's agent if it is connected here. The payload is {@code <cluster> <revision> <hash>} for
     * a new revision, or the cluster name alone when its settings changed or it was deleted.
     */
    void onClusterChanged(String payload) {
        String[] parts = payload.split(" ");
        AgentSession session = byCluster.get(parts[0]);
        if (session == null) {
            return;
        }
        if (parts.length == 3) {
            session.requestPush(Long.parseLong(parts[1]), parts[2]);
        } else {
            session.requestRefresh();
        }
    }

    /** Handles a credential event: {@code revoked:<id>} or {@code rotate:<id>}. */
    void onCredentialEvent(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        String event = payload.substring(0, colon);
        String credentialId = payload.substring(colon + 1);
        for (AgentSession session : List.copyOf(byCluster.values())) {
            if (!credentialId.equals(session.identity().credentialId())) {
                continue;
            }
            if ("revoked".equals(event)) {
                LogFields.info(
                        LOG,
                        "Closing stream of revoked credential",
                        LogKeys.CLUSTER,
                        session.identity().cluster());
                session.close(
                        GoodbyeReason.GOODBYE_REASON_CREDENTIAL_REVOKED,
                        Status.UNAUTHENTICATED.withDescription(
                                "the agent credential was revoked; register the agent again with a new registration token"));
            } else if ("rotate".equals(event)) {
                session.requestRotation(credentialId);
            }
        }
    }

    /** Pushes to every stream, after notifications may have been missed while the listener reconnected. */
    void resyncAll() {
        byCluster.values().forEach(AgentSession::requestPush);
    }

    int size() {
        return byCluster.size();
    }

    @Scheduled(
            identity = "agent-silence-check",
            every = "${securewatch.agents.silence-check-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeSilentStreams() {
        long limit = clusterStateConfig
                .heartbeatInterval()
                .multipliedBy(MISSED_HEARTBEATS)
                .toNanos();
        for (AgentSession session : List.copyOf(byCluster.values())) {
            if (session.silentNanos() > limit) {
                LogFields.info(
                        LOG,
                        "Closing silent agent stream",
                        LogKeys.CLUSTER,
                        session.identity().cluster());
                session.close(
                        null,
                        Status.DEADLINE_EXCEEDED.withDescription(
                                "no message for " + MISSED_HEARTBEATS + " heartbeat intervals; reconnect"));
            }
        }
    }

    /**
     * Runs early in shutdown, while the database is still reachable: asks every agent to reconnect elsewhere.
     * It records all disconnects in one statement and waits for it, because the connection pool closes next.
     */
    void drain(@Observes @Priority(1) ShutdownEvent event) {
        draining = true;
        List<AgentSession> sessions = List.copyOf(byCluster.values());
        for (AgentSession session : sessions) {
            session.close(
                    GoodbyeReason.GOODBYE_REASON_SHUTTING_DOWN,
                    Status.UNAVAILABLE.withDescription("this control-plane replica is shutting down; reconnect"));
        }
        List<String> sessionIds =
                sessions.stream().map(session -> session.sessionId).toList();
        if (sessionIds.isEmpty()) {
            return;
        }
        try {
            state.markDisconnected(sessionIds).await().atMost(DRAIN_TIMEOUT);
            LogFields.info(LOG, "Agent streams drained", LogKeys.COUNT, sessionIds.size());
        } catch (RuntimeException e) {
            LogFields.warn(LOG, e, "Recording the disconnects at shutdown failed", LogKeys.COUNT, sessionIds.size());
        }
    }

    /** Tells whether shutdown is closing the streams, which then records their disconnects itself. */
    boolean draining() {
        return draining;
    }

    public String replicaId() {
        return replica.id();
    }

    @PostConstruct
    void registerMetrics() {
        meters.gaugeMapSize("securewatch.agents.connected", List.<Tag>of(), byCluster);
    }
}
