package io.securewatch.it.benchmark;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.securewatch.agent.v1.Ack;
import io.securewatch.agent.v1.AgentChannelGrpc;
import io.securewatch.agent.v1.AgentMessage;
import io.securewatch.agent.v1.Bundle;
import io.securewatch.agent.v1.ControlPlaneMessage;
import io.securewatch.agent.v1.Hello;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The baseline: a bare gRPC server without database or desired-state logic that pushes one message to every
 * open stream and waits until every client acknowledged it. Clients acknowledge each Bundle at once.
 */
final class BareFanOut implements AutoCloseable {

    private final List<StreamObserver<ControlPlaneMessage>> streams = new ArrayList<>();
    private final ConcurrentHashMap<Long, CountDownLatch> pending = new ConcurrentHashMap<>();
    private final Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    BareFanOut(int clients, int streamsPerChannel) throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AgentChannelGrpc.AgentChannelImplBase() {
                    @Override
                    public StreamObserver<AgentMessage> connect(StreamObserver<ControlPlaneMessage> responses) {
                        synchronized (streams) {
                            streams.add(responses);
                        }
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(AgentMessage message) {
                                if (message.hasAck()) {
                                    pending.get(message.getAck().getRevision()).countDown();
                                }
                            }

                            @Override
                            public void onError(Throwable error) {}

                            @Override
                            public void onCompleted() {}
                        };
                    }
                })
                .build()
                .start();
        for (int i = 0; i < clients; i++) {
            if (i % streamsPerChannel == 0) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                        .usePlaintext()
                        .build());
            }
            ManagedChannel channel = channels.get(channels.size() - 1);
            StreamObserver<AgentMessage>[] requests = new StreamObserver[1];
            requests[0] = AgentChannelGrpc.newStub(channel).connect(new StreamObserver<>() {
                @Override
                public void onNext(ControlPlaneMessage message) {
                    if (message.hasBundle()) {
                        synchronized (requests) {
                            requests[0].onNext(AgentMessage.newBuilder()
                                    .setAck(Ack.newBuilder()
                                            .setRevision(message.getBundle().getRevision()))
                                    .build());
                        }
                    }
                }

                @Override
                public void onError(Throwable error) {}

                @Override
                public void onCompleted() {}
            });
            synchronized (requests) {
                requests[0].onNext(AgentMessage.newBuilder()
                        .setHello(Hello.newBuilder().setCluster("c" + i))
                        .build());
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> streamCount() >= clients);
    }

    /** Pushes the bundle to every stream and returns the milliseconds until every Ack arrived. */
    double pushAndAwaitAcks(Bundle bundle) throws InterruptedException {
        CountDownLatch acks = new CountDownLatch(streamCount());
        pending.put(bundle.getRevision(), acks);
        ControlPlaneMessage message =
                ControlPlaneMessage.newBuilder().setBundle(bundle).build();
        long start = System.nanoTime();
        synchronized (streams) {
            for (StreamObserver<ControlPlaneMessage> stream : streams) {
                stream.onNext(message);
            }
        }
        if (!acks.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("baseline acks missing: " + acks.getCount());
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private int streamCount() {
        synchronized (streams) {
            return streams.size();
        }
    }

    @Override
    public void close() throws InterruptedException {
        channels.forEach(ManagedChannel::shutdownNow);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
