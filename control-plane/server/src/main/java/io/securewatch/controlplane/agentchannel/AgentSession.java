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
import io.securewatch.agent.v1.ObjectRef;
import io.securewatch.agent.v1.Welcome;
import io.securewatch.controlplane.clusterstate.StoredBundle;
import io.securewatch.controlplane.logging.LogFields;
import io.securewatch.controlplane.logging.LogKeys;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** Revision and hash the agent holds or will hold once it applied what was sent; guarded by {@link #pushing}. */
    private long baseRevision;

    private String baseHash;
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
            // NOTE: an Ack whose recording fails, as while PostgreSQL is down, stays lost until the agent connects
            // again or applies a newer revision, and the cluster shows a revision lag until then.
            case ACK ->
                services.state()
                        .recordAck(
                                current.clusterId(),
                                message.getAck().getRevision(),
                                message.getAck().getContentHash(),
                                appliedTargets(message.getAck()))
                        .subscribe()
                        .with(ignored -> {}, failure -> logFailure("Recording an Ack failed", failure));
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
                                if (hello.getAppliedRevision() > connected.acknowledgedRevision()) {
                                    // The agent applied a revision whose Ack was lost, as when its previous stream
                                    // closed before the Ack arrived. Without a recorded Ack the cluster would show a
                                    // revision lag until the next change, so the agent gets the complete bundle
                                    // again and acknowledges it on this stream.
                                    baseRevision = 0;
                                    baseHash = null;
                                } else {
                                    baseRevision = hello.getAppliedRevision();
                                    baseHash = hello.getAppliedBundleHash();
                                }
                            }
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

    /** Converts the Ack's targets outside Kubernetes for storage, naming objects as the cluster status does. */
    private static List<Map<String, Object>> appliedTargets(io.securewatch.agent.v1.Ack ack) {
        List<Map<String, Object>> targets = new ArrayList<>();
        for (io.securewatch.agent.v1.AppliedTarget applied : ack.getAppliedTargetsList()) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("target", applied.getTarget());
            target.put("address", applied.getAddress());
            target.put(
                    "objects",
                    applied.getObjectsList().stream()
                            .map(ref -> ref.getKind() + " " + ref.getName())
                            .toList());
            targets.add(target);
        }
        return targets;
    }

    private void onNack(AgentIdentity current, Nack nack) {
        List<Map<String, Object>> errors = new ArrayList<>();
        nack.getErrorsList().forEach(error -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("object", describe(error.getRef()));
            entry.put("reason", error.getReason());
            entry.put("message", error.getMessage());
            errors.add(entry);
        });
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
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("allocatableCpuMillis", heartbeat.getFacts().getAllocatableCpuMillis());
        facts.put("allocatableMemoryBytes", heartbeat.getFacts().getAllocatableMemoryBytes());
        List<Map<String, Object>> workloads = new ArrayList<>();
        heartbeat.getFacts().getWorkloadsList().forEach(workload -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("namespace", workload.getNamespace());
            entry.put("name", workload.getName());
            entry.put("replicas", workload.getReplicas());
            entry.put("readyReplicas", workload.getReadyReplicas());
            entry.put("cpuUtilizationPercent", workload.getCpuUtilizationPercent());
            entry.put("memoryUtilizationPercent", workload.getMemoryUtilizationPercent());
            entry.put("requestsPerSecond", workload.getRequestsPerSecond());
            entry.put("errorRatePercent", workload.getErrorRatePercent());
            workloads.add(entry);
        });
        facts.put("workloads", workloads);
        List<Map<String, Object>> drift = new ArrayList<>();
        heartbeat.getDriftList().forEach(entry -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("object", describe(entry.getRef()));
            item.put("description", entry.getDescription());
            item.put("corrected", entry.getCorrected());
            drift.add(item);
        });
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
        if (announced != null && sentDriftPolicy != null && !settingsChanged) {
            return pushRevision(
                    current,
                    new AgentStateStore.ClusterTarget(
                            current.clusterId(), announced.revision(), announced.contentHash(), sentDriftPolicy),
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
     * Pushes the target revision unless the agent has it already.
     *
     * @param authoritative whether the target was read from the database just now; an announced revision older
     *     than the agent's is stale and skipped, while a stored one means the agent's revision belongs to
     *     an older inventory
     */
    private Uni<Void> pushRevision(AgentIdentity current, AgentStateStore.ClusterTarget target, boolean authoritative) {
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
        // An agent that claims a revision newer than the cluster's has one of an older inventory.
        long usableBase = target.desiredRevision() < base ? 0 : base;
        return services.bundles()
                .get(target.clusterId(), current.cluster(), target.desiredRevision(), target.desiredHash())
                .chain(bundle -> bundle == null
                        ? Uni.createFrom().voidItem()
                        : chooseMessage(target.clusterId(), bundle, usableBase, hash)
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

    private static String describe(ObjectRef ref) {
        String namespace = ref.getNamespace().isEmpty() ? "" : ref.getNamespace() + "/";
        return ref.getKind() + " " + namespace + ref.getName();
    }

    /** A revision of the cluster's desired state and its content hash. */
    private record Revision(long revision, String contentHash) {}

    /** An authenticated agent whose stream is recorded as open, with the last revision it acknowledged. */
    private record Connected(AgentIdentity identity, long acknowledgedRevision) {}
}
