package io.securewatch.agent.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.securewatch.agent.simulated.SimulatedClusterDriver;
import io.securewatch.agent.v1.AgentChannelGrpc;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.Goodbye;
import io.securewatch.agent.v1.GoodbyeReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the agent reports when the control plane rejects its credential, against a gRPC server on 127.0.0.1. */
class CredentialRejectionTest {

    /** The description the control plane sends when it closes the stream of a revoked credential. */
    private static final String REVOKED =
            "the agent credential was revoked; register the agent again with a new registration token";

    @TempDir
    Path directory;

    private Server server;
    private ManagedChannel channel;
    private AgentConnection connection;
    private final HeldTimers scheduler = new HeldTimers();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    @Test
    void revokedCredentialAdviceAppearsOnce() throws IOException {
        // given
        startServer(Status.UNAUTHENTICATED.withDescription(REVOKED), true);

        // when
        String error = errorAfterRejection();

        // then
        assertThat(error).isEqualTo("agent credential rejected (revoked or unknown): " + REVOKED);
    }

    @Test
    void rejectionWithoutDescriptionGetsAdvice() throws IOException {
        // given
        startServer(Status.UNAUTHENTICATED, false);

        // when
        String error = errorAfterRejection();

        // then
        assertThat(error)
                .isEqualTo("agent credential rejected (revoked or unknown): UNAUTHENTICATED; register the agent again"
                        + " with a new registration token");
    }

    /** Starts a control plane that ends every stream with the status, after a revoked credential's Goodbye if set. */
    private void startServer(Status status, boolean goodbye) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AgentChannelGrpc.AgentChannelImplBase() {
                    @Override
                    public StreamObserver<AgentMessage> connect(StreamObserver<ControlPlaneMessage> responses) {
                        if (goodbye) {
                            responses.onNext(ControlPlaneMessage.newBuilder()
                                    .setGoodbye(Goodbye.newBuilder()
                                            .setReason(GoodbyeReason.GOODBYE_REASON_CREDENTIAL_REVOKED))
                                    .build());
                        }
                        responses.onError(status.asRuntimeException());
                        return new IgnoredMessages();
                    }
                })
                .build()
                .start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build();
    }

    /** Connects an agent with a stored credential and returns its error once the stream has ended. */
    private String errorAfterRejection() {
        StateStore store = new StateStore(directory);
        store.saveCredential("swa_0123456789abcdef_secret");
        AgentSettings settings = new AgentSettings(
                "eu-west-1-a",
                "test",
                Optional.empty(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        connection = new AgentConnection(
                settings,
                new SimulatedClusterDriver(8_000, 1L << 34),
                store,
                channel,
                scheduler,
                executor,
                AgentEvents.NONE);
        connection.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.lastError() != null);
        return connection.lastError();
    }

    /**
     * Holds every delayed task for a day, so that the agent does not reconnect, and replace its error, while the test
     * reads it.
     */
    private static final class HeldTimers extends ScheduledThreadPoolExecutor {

        HeldTimers() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return super.schedule(command, delay > 0 ? TimeUnit.DAYS.toNanos(1) : 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return super.scheduleAtFixedRate(command, 1, 1, TimeUnit.DAYS);
        }
    }

    private static final class IgnoredMessages implements StreamObserver<AgentMessage> {

        @Override
        public void onNext(AgentMessage message) {}

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
    }
}
