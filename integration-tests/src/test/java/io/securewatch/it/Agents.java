package io.securewatch.it;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.securewatch.agent.core.AgentConnection;
import io.securewatch.agent.core.AgentEvents;
import io.securewatch.agent.core.AgentSettings;
import io.securewatch.agent.core.ClusterDriver;
import io.securewatch.agent.core.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs agents in the test JVM, each with its own state directory, sharing one gRPC channel and thread pools. */
public final class Agents implements AutoCloseable {

    private final ManagedChannel channel;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    public Agents(int controlPlanePort) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", controlPlanePort)
                .usePlaintext()
                .build();
    }

    /**
     * Starts an agent.
     *
     * @param token registration token, or null when the state directory already contains a credential
     */
    public AgentConnection start(
            String cluster, String token, ClusterDriver driver, Path stateDirectory, AgentEvents events) {
        AgentSettings settings = new AgentSettings(
                cluster,
                "it",
                Optional.ofNullable(token),
                Duration.ofMillis(200),
                Duration.ofSeconds(2),
                Duration.ofSeconds(10),
                Duration.ofSeconds(10));
        AgentConnection connection = new AgentConnection(
                settings, driver, new StateStore(stateDirectory), channel, scheduler, workers, events);
        connection.start();
        return connection;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}
