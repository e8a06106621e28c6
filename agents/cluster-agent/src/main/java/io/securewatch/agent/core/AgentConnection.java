package io.securewatch.agent.core;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.AgentChannelGrpc;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.AgentRegistrationGrpc;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.DriftPolicy;
import io.securewatch.agent.v1.DrillResult;
import io.securewatch.agent.v1.GoodbyeReason;
import io.securewatch.agent.v1.Hello;
import io.securewatch.agent.v1.Nack;
import io.securewatch.agent.v1.RegisterRequest;
import io.securewatch.agent.v1.RegisterResponse;
import io.securewatch.agent.v1.RotateCredentialRequest;
import io.securewatch.agent.v1.Welcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The agent side of the channel for one cluster: registers when it has no credential, keeps one stream open,
 * applies bundles, acknowledges each with Ack or Nack, sends heartbeats with facts and drift, and reconnects with
 * jittered exponential backoff.
 *
 * <p>All work runs one task at a time on a serial executor, so the applied state needs no locking; gRPC callbacks
 * only hand messages over. Callbacks of a stream that was replaced are ignored by comparing the stream epoch.
 *
 * <p>Static stability: the agent changes the cluster only when it applies a bundle or corrects drift, and both
 * happen only while connected. Without the control plane it keeps what it has.
 */
public final class AgentConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentConnection.class);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String REGISTER_AGAIN = "register the agent again";

    private final AgentSettings settings;
    private final ClusterDriver driver;
    private final Reconciler reconciler;
    private final StateStore store;
    private final ManagedChannel channel;
    private final ScheduledExecutorService scheduler;
    private final SerialExecutor worker;
    private final Backoff backoff;
    private final Backoff retryBackoff;
    private final AgentEvents events;

    // Touched only by tasks on the worker.
    private AppliedState applied = AppliedState.EMPTY;
    private DriftPolicy driftPolicy = DriftPolicy.DRIFT_POLICY_REPORT;
    private StreamObserver<AgentMessage> requests;
    private long streamEpoch;
    private boolean welcomed;
    private GoodbyeReason goodbye;
    private boolean credentialRejected;
    private String rejectedCredential;
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> welcomeTimeout;
    private ScheduledFuture<?> retry;
    private String lastFactsError;

    private volatile boolean connected;
    private volatile boolean closed;
    private volatile long appliedRevision;
    private volatile String lastError;

    /**
     * Creates a connection; {@link #start()} opens it.
     *
     * @param executor shared pool for the agent's work; each connection runs its tasks one at a time on it
     */
    public AgentConnection(
            AgentSettings settings,
            ClusterDriver driver,
            StateStore store,
            ManagedChannel channel,
            ScheduledExecutorService scheduler,
            Executor executor,
            AgentEvents events) {
        this.settings = settings;
        this.driver = driver;
        this.reconciler = new Reconciler(driver);
        this.store = store;
        this.channel = channel;
        this.scheduler = scheduler;
        this.worker = new SerialExecutor(executor);
        this.backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
        this.retryBackoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
        this.events = events;
    }

    public void start() {
        worker.execute(() -> {
            applied = store.loadApplied();
            appliedRevision = applied.revision();
            connect();
        });
    }

    public boolean connected() {
        return connected;
    }

    public long appliedRevision() {
        return appliedRevision;
    }

    /** Returns the last error that keeps the agent from its control plane, or null. */
    public String lastError() {
        return lastError;
    }

    public String cluster() {
        return settings.cluster();
    }

    @Override
    public void close() {
        closed = true;
        worker.execute(() -> {
            cancelTimers();
            if (retry != null) {
                retry.cancel(false);
            }
            endStream();
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        Optional<String> credential = credential();
        if (credential.isEmpty()) {
            return;
        }
        long epoch = ++streamEpoch;
        welcomed = false;
        goodbye = null;
        requests = AgentChannelGrpc.newStub(channel)
                .withCallCredentials(bearer(credential.get()))
                .connect(new ResponseObserver(epoch));
        send(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setCluster(settings.cluster())
                        .setAgentVersion(settings.agentVersion())
                        .setAppliedRevision(applied.revision())
                        .setAppliedBundleHash(applied.contentHash()))
                .build());
        welcomeTimeout = scheduler.schedule(
                () -> worker.execute(() -> {
                    if (epoch == streamEpoch && !welcomed) {
                        fail("no Welcome within " + settings.welcomeTimeout().toSeconds() + " s after Hello");
                        endStream();
                        reconnectAfter(backoff.next());
                    }
                }),
                settings.welcomeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the credential to connect with, registering first when there is none or the stored one was rejected
     * and a registration token is configured. Schedules the next attempt itself when it returns empty.
     */
    private Optional<String> credential() {
        Optional<String> stored = store.loadCredential();
        boolean usable =
                stored.isPresent() && !(credentialRejected && stored.get().equals(rejectedCredential));
        if (usable) {
            return stored;
        }
        Optional<String> token = settings.registrationToken().filter(candidate -> !store.isSpentToken(candidate));
        if (token.isEmpty()) {
            fail(
                    stored.isPresent()
                            ? "agent credential rejected (revoked or unknown); set a new registration token"
                                    + " (SECUREWATCH_AGENT_REGISTRATION_TOKEN) or replace " + store.credentialFile()
                            : "no agent credential and no unused registration token; create a token with"
                                    + " POST /api/v1/clusters/" + settings.cluster() + "/registration-tokens");
            reconnectAfter(backoff.longest());
            return Optional.empty();
        }
        try {
            RegisterResponse registered = AgentRegistrationGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .register(RegisterRequest.newBuilder()
                            .setCluster(settings.cluster())
                            .setRegistrationToken(token.get())
                            .setAgentVersion(settings.agentVersion())
                            .build());
            store.saveCredential(registered.getCredential());
            store.markTokenSpent(token.get());
            credentialRejected = false;
            Logs.log(
                    LOG,
                    Logger.Level.INFO,
                    null,
                    "Agent registered",
                    "cluster",
                    settings.cluster(),
                    "credentialId",
                    registered.getCredentialId());
            return Optional.of(registered.getCredential());
        } catch (StatusRuntimeException e) {
            boolean permanent = e.getStatus().getCode() == Status.Code.UNAUTHENTICATED;
            fail("registration failed: " + e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription());
            reconnectAfter(permanent ? backoff.longest() : backoff.next());
            return Optional.empty();
        }
    }

    private void handle(ControlPlaneMessage message) {
        switch (message.getMessageCase()) {
            case WELCOME -> onWelcome(message.getWelcome());
            case BUNDLE -> applyBundle(message.getBundle());
            case CREDENTIAL_ROTATION -> rotateCredential();
            case GOODBYE -> {
                goodbye = message.getGoodbye().getReason();
                Logs.log(
                        LOG,
                        Logger.Level.INFO,
                        null,
                        "Control plane said goodbye",
                        "cluster",
                        settings.cluster(),
                        "reason",
                        goodbye,
                        "message",
                        message.getGoodbye().getMessage());
            }
            case DRILL_COMMAND ->
                send(AgentMessage.newBuilder()
                        .setDrillResult(DrillResult.newBuilder()
                                .setCommandId(message.getDrillCommand().getCommandId())
                                .setSucceeded(false)
                                .setMessage("this agent version does not run drill commands"))
                        .build());
            default ->
                Logs.log(
                        LOG,
                        Logger.Level.DEBUG,
                        null,
                        "Unknown control-plane message ignored",
                        "cluster",
                        settings.cluster());
        }
    }

    private void onWelcome(Welcome welcome) {
        boolean first = !welcomed;
        welcomed = true;
        connected = true;
        lastError = null;
        backoff.reset();
        driftPolicy = welcome.getDriftPolicy();
        if (welcomeTimeout != null) {
            welcomeTimeout.cancel(false);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        long interval = Math.max(1, welcome.getHeartbeatIntervalSeconds());
        heartbeat = scheduler.scheduleAtFixedRate(
                () -> worker.execute(this::sendHeartbeat), interval, interval, TimeUnit.SECONDS);
        if (first) {
            Logs.log(
                    LOG,
                    Logger.Level.INFO,
                    null,
                    "Connected to the control plane",
                    "cluster",
                    settings.cluster(),
                    "appliedRevision",
                    applied.revision());
            events.connected(settings.cluster());
        }
    }

    private void applyBundle(Bundle bundle) {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (!bundle.getFull() && bundle.getBaseRevision() != applied.revision()) {
            send(AgentMessage.newBuilder()
                    .setNack(Nack.newBuilder().setRevision(bundle.getRevision()).setNeedsFullBundle(true))
                    .build());
            return;
        }

        List<DesiredObject> changed = bundle.getObjectsList().stream()
                .map(object ->
                        new DesiredObject(key(object.getRef()), object.getManifestJson(), object.getContentHash()))
                .toList();
        List<ObjectKey> removed =
                bundle.getRemovedList().stream().map(AgentConnection::key).toList();
        List<DesiredObject> target = bundle.getFull() ? sorted(changed) : applied.withChanges(changed, removed);
        ApplyResult result;
        try {
            result = reconciler.apply(bundle.getFull() ? target : changed, deletions(bundle, target, removed));
        } catch (ClusterWriteException e) {
            // Listing the managed objects failed, so the cluster's state is unknown: reject and retry.
            ObjectKey listed = new ObjectKey("v1", "List", "", "managed objects of cluster " + settings.cluster());
            result = new ApplyResult(0, 0, 0, 0, List.of(new ApplyResult.Failure(listed, e.reason(), e.getMessage())));
        }

        if (!result.succeeded()) {
            rejectAndRetry(bundle, result);
            return;
        }
        retryBackoff.reset();
        applied = new AppliedState(bundle.getRevision(), bundle.getContentHash(), target);
        store.saveApplied(applied);
        events.appliedObjects(settings.cluster(), applied.objects());
        appliedRevision = applied.revision();
        Ack.Builder ack = Ack.newBuilder().setRevision(bundle.getRevision()).setContentHash(bundle.getContentHash());
        for (AppliedTarget outside :
                driver.appliedTargets(target.stream().map(DesiredObject::key).toList())) {
            io.securewatch.agent.v1.AppliedTarget.Builder reported = io.securewatch.agent.v1.AppliedTarget.newBuilder()
                    .setTarget(outside.target())
                    .setAddress(outside.address());
            outside.objects().forEach(key -> reported.addObjects(toProto(key)));
            ack.addAppliedTargets(reported);
        }
        send(AgentMessage.newBuilder().setAck(ack).build());
        Logs.log(
                LOG,
                Logger.Level.DEBUG,
                null,
                "Bundle applied",
                "cluster",
                settings.cluster(),
                "revision",
                bundle.getRevision(),
                "created",
                result.created(),
                "updated",
                result.updated(),
                "unchanged",
                result.unchanged(),
                "deleted",
                result.deleted(),
                "traceparent",
                bundle.getTraceparent().isEmpty() ? null : bundle.getTraceparent());
        events.applied(settings.cluster(), bundle.getRevision());
    }

    /**
     * Returns what to delete: for a delta the removed objects; for a full bundle everything applied before that is
     * not in the target, and every managed object in the cluster that no bundle accounts for.
     */
    private Set<ObjectKey> deletions(Bundle bundle, List<DesiredObject> target, List<ObjectKey> removed) {
        Set<ObjectKey> delete = new TreeSet<>();
        if (!bundle.getFull()) {
            delete.addAll(removed);
            return delete;
        }
        delete.addAll(applied.byKey().keySet());
        target.forEach(object -> delete.remove(object.key()));
        delete.addAll(reconciler.strays(target));
        return delete;
    }

    /** Sends a Nack naming every refused object and tries the same bundle again after a backoff. */
    private void rejectAndRetry(Bundle bundle, ApplyResult result) {
        Nack.Builder nack = Nack.newBuilder().setRevision(bundle.getRevision());
        result.failures()
                .forEach(failure -> nack.addErrors(io.securewatch.agent.v1.ObjectError.newBuilder()
                        .setRef(toProto(failure.key()))
                        .setReason(failure.reason())
                        .setMessage(failure.message())));
        send(AgentMessage.newBuilder().setNack(nack).build());
        Duration delay = retryBackoff.next();
        Logs.log(
                LOG,
                Logger.Level.WARN,
                null,
                "Bundle rejected by the cluster; retrying",
                "cluster",
                settings.cluster(),
                "revision",
                bundle.getRevision(),
                "failures",
                result.failures().size(),
                "delayMillis",
                delay.toMillis());
        retry = scheduler.schedule(
                () -> worker.execute(() -> applyBundle(bundle)), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sendHeartbeat() {
        if (!connected) {
            return;
        }
        List<Reconciler.DriftReport> drift =
                reconciler.detectDrift(applied.objects(), driftPolicy == DriftPolicy.DRIFT_POLICY_CORRECT);
        ClusterDriver.ClusterFacts facts;
        try {
            facts = driver.facts();
            events.factsRead(settings.cluster(), facts);
        } catch (ClusterWriteException e) {
            // The heartbeat still goes out, so the control plane sees that the agent is alive.
            if (!e.getMessage().equals(lastFactsError)) {
                Logs.log(
                        LOG,
                        Logger.Level.WARN,
                        null,
                        "Reading cluster facts failed; sending the heartbeat without them",
                        "cluster",
                        settings.cluster(),
                        "error",
                        e.getMessage());
            }
            lastFactsError = e.getMessage();
            facts = new ClusterDriver.ClusterFacts(0, 0, List.of());
        }
        io.securewatch.agent.v1.ClusterFacts.Builder proto = io.securewatch.agent.v1.ClusterFacts.newBuilder()
                .setAllocatableCpuMillis(facts.allocatableCpuMillis())
                .setAllocatableMemoryBytes(facts.allocatableMemoryBytes());
        facts.workloads()
                .forEach(workload -> proto.addWorkloads(io.securewatch.agent.v1.WorkloadFacts.newBuilder()
                        .setNamespace(workload.namespace())
                        .setName(workload.name())
                        .setReplicas(workload.replicas())
                        .setReadyReplicas(workload.readyReplicas())
                        .setCpuUtilizationPercent(workload.cpuUtilizationPercent())
                        .setMemoryUtilizationPercent(workload.memoryUtilizationPercent())
                        .setRequestsPerSecond(workload.requestsPerSecond())
                        .setErrorRatePercent(workload.errorRatePercent())));
        io.securewatch.agent.v1.Heartbeat.Builder heartbeatMessage = io.securewatch.agent.v1.Heartbeat.newBuilder()
                .setAppliedRevision(applied.revision())
                .setFacts(proto);
        drift.forEach(entry -> heartbeatMessage.addDrift(io.securewatch.agent.v1.Drift.newBuilder()
                .setRef(toProto(entry.key()))
                .setDescription(entry.description())
                .setCorrected(entry.corrected())));
        send(AgentMessage.newBuilder().setHeartbeat(heartbeatMessage).build());
    }

    private void rotateCredential() {
        Optional<String> current = store.loadCredential();
        if (current.isEmpty()) {
            return;
        }
        try {
            RegisterResponse successor = AgentRegistrationGrpc.newBlockingStub(channel)
                    .withCallCredentials(bearer(current.get()))
                    .withDeadlineAfter(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .rotateCredential(RotateCredentialRequest.newBuilder()
                            .setCluster(settings.cluster())
                            .build());
            store.saveCredential(successor.getCredential());
            Logs.log(
                    LOG,
                    Logger.Level.INFO,
                    null,
                    "Agent credential rotated; reconnecting with the new one",
                    "cluster",
                    settings.cluster(),
                    "credentialId",
                    successor.getCredentialId());
            endStream();
            connect();
        } catch (StatusRuntimeException e) {
            Logs.log(
                    LOG,
                    Logger.Level.WARN,
                    null,
                    "Credential rotation failed; keeping the current credential",
                    "cluster",
                    settings.cluster(),
                    "status",
                    e.getStatus().getCode());
        }
    }

    private void onStreamEnd(Status status) {
        boolean wasConnected = connected;
        connected = false;
        cancelTimers();
        requests = null;
        if (closed) {
            return;
        }
        String description = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        if (goodbye == GoodbyeReason.GOODBYE_REASON_CREDENTIAL_REVOKED
                || status.getCode() == Status.Code.UNAUTHENTICATED) {
            credentialRejected = true;
            rejectedCredential = store.loadCredential().orElse(null);
            fail(credentialRejectedError(description));
            reconnectAfter(backoff.next());
        } else if (goodbye == GoodbyeReason.GOODBYE_REASON_SHUTTING_DOWN) {
            reconnectAfter(settings.minBackoff());
        } else if (goodbye == GoodbyeReason.GOODBYE_REASON_REPLACED) {
            fail("another agent for cluster " + settings.cluster() + " connected and took over the stream;"
                    + " run one agent per cluster");
            reconnectAfter(backoff.longest());
        } else if (goodbye == GoodbyeReason.GOODBYE_REASON_CLUSTER_DELETED) {
            fail("cluster " + settings.cluster() + " was deleted from the control plane's inventory");
            reconnectAfter(backoff.longest());
        } else if (status.getCode() == Status.Code.PERMISSION_DENIED) {
            // Retrying soon cannot help: the credential belongs to another cluster.
            fail("the control plane denied the stream: " + description);
            reconnectAfter(backoff.longest());
        } else {
            Duration delay = backoff.next();
            Logs.log(
                    LOG,
                    Logger.Level.WARN,
                    null,
                    wasConnected
                            ? "Disconnected from the control plane; reconnecting"
                            : "Connecting to the control plane failed; retrying",
                    "cluster",
                    settings.cluster(),
                    "status",
                    status.getCode(),
                    "reason",
                    description,
                    "delayMillis",
                    delay.toMillis());
            lastError = (wasConnected ? "disconnected: " : "cannot connect: ") + description;
            reconnectAfter(delay);
        }
    }

    private void reconnectAfter(Duration delay) {
        if (closed) {
            return;
        }
        scheduler.schedule(() -> worker.execute(this::connect), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the error for a stream that the control plane ended because it rejected the credential. The control
     * plane's description usually contains the advice to register the agent again, so the advice is added only when
     * the description lacks it, as when the status carries no description.
     */
    private static String credentialRejectedError(String description) {
        String error = "agent credential rejected (revoked or unknown): " + description;
        return description.contains(REGISTER_AGAIN)
                ? error
                : error + "; " + REGISTER_AGAIN + " with a new registration token";
    }

    /** Records and logs, once per distinct cause, an error that keeps the agent off its control plane. */
    private void fail(String error) {
        if (!error.equals(lastError)) {
            Logs.log(
                    LOG,
                    Logger.Level.ERROR,
                    null,
                    "Agent is not connected to its control plane",
                    "cluster",
                    settings.cluster(),
                    "error",
                    error);
        }
        lastError = error;
    }

    private void endStream() {
        StreamObserver<AgentMessage> current = requests;
        requests = null;
        streamEpoch++;
        connected = false;
        cancelTimers();
        if (current != null) {
            try {
                current.onCompleted();
            } catch (RuntimeException e) {
                // The stream is already closed.
            }
        }
    }

    private void cancelTimers() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
            heartbeat = null;
        }
        if (welcomeTimeout != null) {
            welcomeTimeout.cancel(false);
            welcomeTimeout = null;
        }
    }

    private void send(AgentMessage message) {
        StreamObserver<AgentMessage> current = requests;
        if (current != null) {
            current.onNext(message);
        }
    }

    private static List<DesiredObject> sorted(List<DesiredObject> objects) {
        return objects.stream()
                .sorted((left, right) -> left.key().compareTo(right.key()))
                .toList();
    }

    private static ObjectKey key(io.securewatch.agent.v1.ObjectRef ref) {
        return new ObjectKey(ref.getApiVersion(), ref.getKind(), ref.getNamespace(), ref.getName());
    }

    private static io.securewatch.agent.v1.ObjectRef toProto(ObjectKey key) {
        return io.securewatch.agent.v1.ObjectRef.newBuilder()
                .setApiVersion(key.apiVersion())
                .setKind(key.kind())
                .setNamespace(key.namespace())
                .setName(key.name())
                .build();
    }

    private static CallCredentials bearer(String credential) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + credential);
                applier.apply(headers);
            }
        };
    }

    /** Hands the stream's callbacks to the worker, tagged with the stream they belong to. */
    private final class ResponseObserver implements StreamObserver<ControlPlaneMessage> {

        private final long epoch;

        ResponseObserver(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public void onNext(ControlPlaneMessage message) {
            worker.execute(() -> {
                if (epoch == streamEpoch) {
                    handle(message);
                }
            });
        }

        @Override
        public void onError(Throwable error) {
            worker.execute(() -> {
                if (epoch == streamEpoch) {
                    onStreamEnd(Status.fromThrowable(error));
                }
            });
        }

        @Override
        public void onCompleted() {
            worker.execute(() -> {
                if (epoch == streamEpoch) {
                    onStreamEnd(Status.OK);
                }
            });
        }
    }
}
