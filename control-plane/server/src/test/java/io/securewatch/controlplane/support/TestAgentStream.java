package io.securewatch.controlplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.restassured.RestAssured;
import io.securewatch.agent.v1.AgentChannelGrpc;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.AgentRegistrationGrpc;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.Hello;
import io.securewatch.agent.v1.RegisterRequest;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A hand-driven agent for tests: opens a stream to the test application, sends messages and lets the test take
 * what the control plane sends, one message at a time.
 */
public final class TestAgentStream implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final ManagedChannel channel;
    private final BlockingQueue<ControlPlaneMessage> received = new LinkedBlockingQueue<>();
    private final AtomicReference<Status> endStatus = new AtomicReference<>();
    private StreamObserver<AgentMessage> requests;

    private TestAgentStream(ManagedChannel channel) {
        this.channel = channel;
    }

    public static ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", RestAssured.port)
                .usePlaintext()
                .build();
    }

    public static AgentRegistrationGrpc.AgentRegistrationBlockingStub registration(
            ManagedChannel channel, String credential) {
        AgentRegistrationGrpc.AgentRegistrationBlockingStub stub = AgentRegistrationGrpc.newBlockingStub(channel)
                .withDeadlineAfter(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return credential == null ? stub : stub.withCallCredentials(bearer(credential));
    }

    /** Registers an agent for the cluster with a new registration token and returns its credential. */
    public static String register(String cluster) {
        String token = Api.asAdmin()
                .post("/api/v1/clusters/" + cluster + "/registration-tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        ManagedChannel channel = channel();
        try {
            return registration(channel, null)
                    .register(RegisterRequest.newBuilder()
                            .setCluster(cluster)
                            .setRegistrationToken(token)
                            .setAgentVersion("test")
                            .build())
                    .getCredential();
        } finally {
            channel.shutdownNow();
        }
    }

    /** Opens a stream with the credential and sends Hello for the cluster. */
    public static TestAgentStream connect(String credential, String cluster, long appliedRevision, String appliedHash) {
        TestAgentStream stream = new TestAgentStream(channel());
        stream.requests = AgentChannelGrpc.newStub(stream.channel)
                .withCallCredentials(bearer(credential))
                .connect(new StreamObserver<>() {
                    @Override
                    public void onNext(ControlPlaneMessage message) {
                        stream.received.add(message);
                    }

                    @Override
                    public void onError(Throwable error) {
                        stream.endStatus.set(Status.fromThrowable(error));
                    }

                    @Override
                    public void onCompleted() {
                        stream.endStatus.set(Status.OK);
                    }
                });
        stream.send(AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setCluster(cluster)
                        .setAgentVersion("test")
                        .setAppliedRevision(appliedRevision)
                        .setAppliedBundleHash(appliedHash))
                .build());
        return stream;
    }

    public void send(AgentMessage message) {
        synchronized (this) {
            requests.onNext(message);
        }
    }

    /** Takes the next message, failing the test when none arrives in time. */
    public ControlPlaneMessage next() throws InterruptedException {
        ControlPlaneMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message)
                .as("a message from the control plane within %s", WAIT)
                .isNotNull();
        return message;
    }

    /** Returns the next message if one arrives within the time, or null. */
    public ControlPlaneMessage poll(Duration within) throws InterruptedException {
        return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the status the stream ended with, or null while it is open. */
    public Status endStatus() {
        return endStatus.get();
    }

    @Override
    public void close() {
        try {
            if (endStatus.get() == null) {
                requests.onCompleted();
            }
        } catch (RuntimeException ignored) {
            // the stream may already be closed by the server
        }
        channel.shutdownNow();
    }

    private static CallCredentials bearer(String credential) {
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + credential);
                applier.apply(headers);
            }
        };
    }
}
