package io.securewatch.controlplane.agentchannel;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.CredentialRotation;
import io.securewatch.agent.v1.DriftPolicy;
import io.securewatch.agent.v1.Goodbye;
import io.securewatch.agent.v1.GoodbyeReason;
import io.securewatch.agent.v1.Heartbeat;
import io.securewatch.agent.v1.Hello;
import io.securewatch.agent.v1.Nack;
import io.securewatch.agent.v1.Welcome;
import io.securewatch.controlplane.clusterstate.StoredBundle;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One agent stream. The agent must start with Hello; after authentication the session replies with Welcome and
 * brings the agent to the cluster's current revision, then pushes every new revision when the cluster's
 * notification arrives. Pushes are serialized: a request that arrives during a push causes one more push after
 * it, with whatever is current then.
 *
 * <p>A bundle is sent as the changes since the revision the agent holds when that revision is still stored and
 * its hash matches, and complete otherwise or after the agent rejected a revision.
 *
 * <p>An agent that reports, in Hello or in an Ack, a revision that the desired state does not account for receives
 * nothing until an operator confirms the rollback (see {@link AheadHold}). The next bundle after that is complete.
 */
final class AgentSession {

    private static final Logger LOG = Logger.getLogger(AgentSession.class);

    final String sessionId = UUID.randomUUID().toString();

    private final SessionServices services;
    private final String presentedCredential;
    private final String sourceAddress;
    private final UnicastProcessor<ControlPlaneMessage> outbound = UnicastProcessor.create();
    private final Multi<ControlPlaneMessage> serializedOutbound;
    private final AtomicBoolean helloReceived = new AtomicBoolean();
    private final AtomicBoolean pushing = new AtomicBoolean();
    private final AtomicBoolean pushRequested = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean readClusterState = new AtomicBoolean();

    private volatile AgentIdentity identity;

    /** Latest revision announced by a notification, pushed without a database read; null until one arrives. */
    private volatile Revision announcedRevision;

    private volatile long lastMessageNanos = System.nanoTime();

    /** Keeps bundles from an agent that is ahead; set together with {@link #identity}. */
    private volatile AheadHold aheadHold;

    /** Revision and hash the agent holds or will hold once it applied what was sent; guarded by {@link #pushing}. */
    private long baseRevision;

    private String baseHash;

    /** Whether the agent reported a revision above its last recorded Ack in its Hello; guarded by {@code this}. */
    private boolean ackLost;

    private String sentDriftPolicy;

    AgentSession(SessionServices services, String presentedCredential, String sourceAddress) {
        this.services = services;
        this.presentedCredential = presentedCredential;
        this.sourceAddress = sourceAddress;
        this.serializedOutbound = outbound.onTermination().invoke(this::onOutboundEnd);
    }

    Multi<ControlPlaneMessage> outbound() {
        return serializedOutbound;
    }

    AgentIdentity identity() {
        return identity;
    }

    long silentNanos() {
        return System.nanoTime() - lastMessageNanos;
    }

    void onMessage(AgentMessage message) {
        lastMessageNanos = System.nanoTime();
        if (message.hasHello()) {
            onHello(message.getHello());
            return;
        }
        AgentIdentity current = identity;
        if (current == null) {
            close(null, Status.FAILED_PRECONDITION.withDescription("send Hello first and wait for Welcome"));
            return;
        }
        switch (message.getMessageCase()) {
            case ACK -> onAck(current, message.getAck());
            case NACK -> onNack(current, message.getNack());
            case HEARTBEAT -> onHeartbeat(current, message.getHeartbeat());
            case DRILL_RESULT ->
                LogFields.debug(
                        LOG,
                        "Drill result ignored; no drill is running",
                        LogKeys.CLUSTER,
                        current.cluster(),
                        LogKeys.COMMAND_ID,
                        message.getDrillResult().getCommandId());
            default -> close(null, Status.INVALID_ARGUMENT.withDescription("empty agent message"));
        }
    }

    /** Called when the agent's side of the stream ends, with the error or null for a normal end. */
    void onInboundEnd(Throwable failure) {
        if (failure != null && !(failure instanceof StatusRuntimeException)) {
            logFailure("Agent stream failed", failure);
        }
        close(null, null);
    }

    /**
     * Asks for a push of a revision that a notification announced; a newer announcement replaces an older one.
     */
    void requestPush(long revision, String contentHash) {
        synchronized (this) {
            Revision current = announcedRevision;
            if (current == null || revision > current.revision()) {
                announcedRevision = new Revision(revision, contentHash);
            }
        }
        requestPush();
    }

    /**
     * Asks for a push after the cluster's settings changed or it was deleted: the next push reads the cluster's
     * state from the database instead of trusting the last announced revision.
     */
    void requestRefresh() {
        readClusterState.set(true);
        requestPush();
    }

    /** Asks for a push of the cluster's current desired state; cheap to call often. */
    void requestPush() {
        if (identity == null || closed.get()) {
            return;
        }
        pushRequested.set(true);
        if (pushing.compareAndSet(false, true)) {
            pushRequested.set(false);
            push().subscribe().with(ignored -> afterPush(), failure -> {
                logFailure("Pushing the desired state failed", failure);
                afterPush();
            });
        }
    }

    /** Tells the agent to fetch a new credential and reconnect with it. */
    void requestRotation(String credentialId) {
        send(ControlPlaneMessage.newBuilder()
                .setCredentialRotation(CredentialRotation.newBuilder().setCredentialId(credentialId))
                .build());
    }

    /**
     * Ends the stream.
     *
     * @param reason sent to the agent in a Goodbye first, or null for none
     * @param status the gRPC status to end with, or null to end normally
     */
    void close(GoodbyeReason reason, Status status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (reason != null) {
            outbound.onNext(ControlPlaneMessage.newBuilder()
                    .setGoodbye(Goodbye.newBuilder()
                            .setReason(reason)
                            .setMessage(status == null ? "" : String.valueOf(status.getDescription())))
                    .build());
        }
        if (status == null || status.isOk()) {
            outbound.onComplete();
        } else {
            outbound.onError(status.asRuntimeException());
        }
    }

    private void onHello(Hello hello) {
        if (!helloReceived.compareAndSet(false, true)) {
            close(null, Status.FAILED_PRECONDITION.withDescription("Hello may be sent only once per stream"));
            return;
        }
        services.registry()
                .authenticate(presentedCredential, sourceAddress)
                .chain(authenticated -> {
                    if (!authenticated.cluster().equals(hello.getCluster())) {
                        return Uni.createFrom()
                                .failure(Status.PERMISSION_DENIED
                                        .withDescription("the credential belongs to cluster '" + authenticated.cluster()
                                                + "', not '" + hello.getCluster() + "'")
                                        .asRuntimeException());
                    }
                    return services.state()
                            .markConnected(
                                    authenticated.clusterId(), sessionId, services.replicaId(), hello.getAgentVersion())
                            .map(acknowledged -> new Connected(authenticated, acknowledged));
                })
                .subscribe()
                .with(
                        connected -> {
                            AgentIdentity authenticated = connected.identity();
                            synchronized (this) {
                                baseRevision = hello.getAppliedRevision();
                                baseHash = hello.getAppliedBundleHash();
                                // An agent that applied a revision whose Ack was lost, as when its previous stream
                                // closed before the Ack arrived, would leave the cluster with a revision lag until
                                // the next change. Unless it is ahead, it gets its revision again as a complete
                                // bundle and acknowledges it on this stream.
                                ackLost = hello.getAppliedRevision() > connected.acknowledgedRevision();
                            }
                            aheadHold = new AheadHold(services.state(), authenticated.cluster());
                            identity = authenticated;
                            services.connected().attach(this);
                            LogFields.info(
                                    LOG,
                                    "Agent connected",
                                    LogKeys.CLUSTER,
                                    authenticated.cluster(),
                                    LogKeys.AGENT_VERSION,
                                    hello.getAgentVersion(),
                                    LogKeys.REVISION,
                                    hello.getAppliedRevision(),
                                    LogKeys.SOURCE_ADDRESS,
                                    sourceAddress);
                            requestPush();
                        },
                        failure -> {
                            Status status = failure instanceof StatusRuntimeException grpc
                                    ? grpc.getStatus()
                                    : Status.UNAVAILABLE.withDescription(
                                            "the control plane cannot check credentials now; retry later");
                            LogFields.log(
                                    LOG,
                                    Logger.Level.WARN,
                                    failure instanceof StatusRuntimeException ? null : failure,
                                    "Agent rejected",
                                    LogKeys.CLUSTER,
                                    hello.getCluster(),
                                    LogKeys.STATUS,
                                    status.getCode(),
                                    LogKeys.SOURCE_ADDRESS,
                                    sourceAddress);
                            close(null, status);
                        });
    }

    /**
     * Records the Ack. An Ack of a revision this stream did not send, or of a sent revision with another hash, means
     * the agent got that state elsewhere, so it becomes the base and the desired state is read again.
     */
    private void onAck(AgentIdentity current, io.securewatch.agent.v1.Ack ack) {
        // NOTE: an Ack whose recording fails, as while PostgreSQL is down, stays lost until the agent connects
        // again or applies a newer revision, and the cluster shows a revision lag until then.
        services.state()
                .recordAck(
                        current.clusterId(), ack.getRevision(), ack.getContentHash(), AgentReports.appliedTargets(ack))
                .subscribe()
                .with(ignored -> {}, failure -> logFailure("Recording an Ack failed", failure));
        boolean unsent;
        synchronized (this) {
            unsent = ack.getRevision() > baseRevision
                    || (ack.getRevision() == baseRevision
                            && !ack.getContentHash().equals(baseHash));
            if (unsent) {
                baseRevision = ack.getRevision();
                baseHash = ack.getContentHash();
            }
        }
        if (unsent) {
            requestRefresh();
        }
    }

    private void onNack(AgentIdentity current, Nack nack) {
        List<Map<String, Object>> errors = AgentReports.objectErrors(nack);
        LogFields.info(
                LOG,
                "Agent rejected a revision",
                LogKeys.CLUSTER,
                current.cluster(),
                LogKeys.REVISION,
                nack.getRevision(),
                LogKeys.COUNT,
                errors.size());
        synchronized (this) {
            baseRevision = 0;
            baseHash = null;
        }
        Uni<Void> recorded = nack.getNeedsFullBundle() && errors.isEmpty()
                ? Uni.createFrom().voidItem()
                : services.state().recordNack(current.clusterId(), nack.getRevision(), errors);
        recorded.subscribe()
                .with(
                        ignored -> {
                            if (nack.getNeedsFullBundle()) {
                                forcePush();
                            }
                        },
                        failure -> logFailure("Recording a Nack failed", failure));
    }

    private void onHeartbeat(AgentIdentity current, Heartbeat heartbeat) {
        Map<String, Object> facts = AgentReports.facts(heartbeat);
        List<Map<String, Object>> drift = AgentReports.drift(heartbeat);
        services.state()
                .recordHeartbeat(current.clusterId(), facts, drift)
                .subscribe()
                .with(ignored -> {}, failure -> logFailure("Recording a heartbeat failed", failure));
    }

    private void forcePush() {
        synchronized (this) {
            baseRevision = 0;
            baseHash = null;
        }
        requestPush();
    }

    private void afterPush() {
        pushing.set(false);
        if (pushRequested.get()) {
            requestPush();
        }
    }

    /**
     * Sends what the agent lacks: settings when they changed, then the current bundle if it is newer. A revision
     * announced by a notification is pushed without asking the database for the cluster's current state.
     */
    private Uni<Void> push() {
        AgentIdentity current = identity;
        Revision announced = announcedRevision;
        boolean settingsChanged = readClusterState.getAndSet(false);
        if (announced != null && sentDriftPolicy != null && !settingsChanged && !aheadHold.holding()) {
            return pushRevision(
                    current,
                    new AgentStateStore.ClusterTarget(
                            current.clusterId(), announced.revision(), announced.contentHash(), sentDriftPolicy, false),
                    false);
        }
        return services.state().target(current.cluster()).chain(target -> {
            if (target == null) {
                close(
                        GoodbyeReason.GOODBYE_REASON_CLUSTER_DELETED,
                        Status.NOT_FOUND.withDescription(
                                "cluster '" + current.cluster() + "' was deleted from the inventory"));
                return Uni.createFrom().voidItem();
            }
            if (!target.driftPolicy().equals(sentDriftPolicy)) {
                boolean first = sentDriftPolicy == null;
                sentDriftPolicy = target.driftPolicy();
                send(welcome(target.driftPolicy()));
                if (first && current.rotationRequested()) {
                    // The rotation was requested while the agent was away.
                    requestRotation(current.credentialId());
                }
            }
            return pushRevision(current, target, true);
        });
    }

    /**
     * Pushes the target revision unless the agent has it already or is ahead of it.
     *
     * @param authoritative whether the target was read from the database just now. Only such a target is checked for
     *     an agent that is ahead. An announced target older than the agent's revision is stale and skipped.
     */
    private Uni<Void> pushRevision(AgentIdentity current, AgentStateStore.ClusterTarget target, boolean authoritative) {
        if (!authoritative) {
            return sendRevision(current, target, false);
        }
        long base;
        String hash;
        synchronized (this) {
            base = baseRevision;
            hash = baseHash;
        }
        return aheadHold.check(target, base, hash).chain(decision -> switch (decision) {
            case SEND -> {
                synchronized (this) {
                    if (ackLost) {
                        ackLost = false;
                        baseRevision = 0;
                        baseHash = null;
                    }
                }
                yield sendRevision(current, target, true);
            }
            case SEND_COMPLETE -> {
                synchronized (this) {
                    baseRevision = 0;
                    baseHash = null;
                }
                yield sendRevision(current, target, true);
            }
            case HOLD -> Uni.createFrom().voidItem();
            case READ_AGAIN -> {
                requestRefresh();
                yield Uni.createFrom().voidItem();
            }
        });
    }

    private Uni<Void> sendRevision(AgentIdentity current, AgentStateStore.ClusterTarget target, boolean authoritative) {
        long base;
        String hash;
        synchronized (this) {
            base = baseRevision;
            hash = baseHash;
        }
        boolean upToDate = target.desiredRevision() <= base
                && target.desiredHash() != null
                && target.desiredHash().equals(hash);
        boolean stale = !authoritative && target.desiredRevision() <= base;
        if (target.desiredRevision() == 0 || upToDate || stale) {
            return Uni.createFrom().voidItem();
        }
        return services.bundles()
                .get(target.clusterId(), current.cluster(), target.desiredRevision(), target.desiredHash())
                .chain(bundle -> bundle == null
                        ? Uni.createFrom().voidItem()
                        : chooseMessage(target.clusterId(), bundle, base, hash)
                                .invoke(message -> sendBundle(current, bundle, message))
                                .replaceWithVoid());
    }

    private void sendBundle(AgentIdentity current, StoredBundle bundle, io.securewatch.agent.v1.Bundle message) {
        synchronized (this) {
            baseRevision = bundle.revision();
            baseHash = bundle.contentHash();
        }
        send(ControlPlaneMessage.newBuilder().setBundle(message).build());
        LogFields.debug(
                LOG,
                "Bundle sent",
                LogKeys.CLUSTER,
                current.cluster(),
                LogKeys.REVISION,
                bundle.revision(),
                LogKeys.FULL,
                message.getFull());
    }

    private Uni<io.securewatch.agent.v1.Bundle> chooseMessage(
            long clusterId, StoredBundle bundle, long base, String hash) {
        if (base <= 0 || hash == null || hash.isEmpty()) {
            return Uni.createFrom().item(BundleMessages.full(bundle));
        }
        return services.bundles()
                .get(clusterId, bundle.cluster(), base, hash)
                .map(stored -> stored != null && stored.contentHash().equals(hash)
                        ? BundleMessages.delta(stored, bundle)
                        : BundleMessages.full(bundle));
    }

    private ControlPlaneMessage welcome(String driftPolicy) {
        DriftPolicy policy =
                "CORRECT".equals(driftPolicy) ? DriftPolicy.DRIFT_POLICY_CORRECT : DriftPolicy.DRIFT_POLICY_REPORT;
        return ControlPlaneMessage.newBuilder()
                .setWelcome(Welcome.newBuilder()
                        .setHeartbeatIntervalSeconds(services.heartbeatIntervalSeconds())
                        .setDriftPolicy(policy))
                .build();
    }

    private void send(ControlPlaneMessage message) {
        if (!closed.get()) {
            outbound.onNext(message);
        }
    }

    private void onOutboundEnd() {
        closed.set(true);
        AgentIdentity current = identity;
        if (current == null) {
            return;
        }
        services.connected().detach(this);
        if (services.connected().draining()) {
            return;
        }
        services.state()
                .markDisconnected(current.clusterId(), sessionId)
                .subscribe()
                .with(
                        ignored -> LogFields.info(LOG, "Agent disconnected", LogKeys.CLUSTER, current.cluster()),
                        failure -> logFailure("Recording a disconnect failed", failure));
    }

    private void logFailure(String message, Throwable failure) {
        AgentIdentity current = identity;
        LogFields.warn(LOG, failure, message, LogKeys.CLUSTER, current == null ? null : current.cluster());
    }

    /** A revision of the cluster's desired state and its content hash. */
    private record Revision(long revision, String contentHash) {}

    /** An authenticated agent whose stream is recorded as open, with the last revision it acknowledged. */
    private record Connected(AgentIdentity identity, long acknowledgedRevision) {}
}
